"""Derived figures, written once: percent of plan, change against the same period last year,
roll-up from communes to the province, and the traffic light a leader reads.

Plain Python on Decimals, so every rule is tested with the seeds' own numbers.
"""

from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)


class Light:
    RED = "red"  # at risk of missing the plan
    ORANGE = "orange"  # progressing
    GREEN = "green"  # expected to meet it
    GREY = "grey"  # cannot be assessed yet

    LABELS = {RED: "Có nguy cơ không đạt", ORANGE: "Đang tiến triển", GREEN: "Dự kiến đạt", GREY: "Chưa đánh giá được"}
    ORDER = {RED: 0, ORANGE: 1, GREY: 2, GREEN: 3}  # worst first; grey before green so gaps are seen


def percent_of_plan(actual: Decimal | None, plan: Decimal | None) -> Decimal | None:
    """"Thu ngân sách đạt 11.710 tỷ đồng, bằng 96% dự toán" = 11.710 / 12.198."""
    if actual is None or not plan:
        return None
    return actual / plan * HUNDRED


def change_percent(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """"Tăng 16,56% so với cùng kỳ": (this period − same period last year) / |last year|."""
    if current is None or not previous:
        return None
    return (current - previous) / abs(previous) * HUNDRED


def ratio_percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """"21/31 nhà văn hóa" as a share."""
    if part is None or not whole:
        return None
    return part / whole * HUNDRED


@dataclass(frozen=True)
class Contribution:
    """One lower unit's value in a roll-up, with its weight for a weighted average."""

    value: Decimal
    denominator: Decimal | None = None
    weight: Decimal | None = None


def roll_up(parts: list[Contribution], aggregation: str) -> Contribution | None:
    """Communes → province. `sum` and `last` (a stock counted at period end) add values and
    denominators ("14/30" + "3/8" = "17/38"); `average` is plain; `weighted` uses each part's
    weight (e.g. population) and leaves out parts without one; `none` does not add parts up, but a
    single part (the province's figure held by its People's Committee) is the figure itself."""
    if not parts:
        return None
    if len(parts) == 1:
        return Contribution(parts[0].value, parts[0].denominator)
    if aggregation == "none":
        return None
    if aggregation in ("sum", "last"):
        denominators = [p.denominator for p in parts if p.denominator is not None]
        return Contribution(sum((p.value for p in parts), Decimal(0)),
                            sum(denominators, Decimal(0)) if len(denominators) == len(parts) else None)
    if aggregation == "average":
        return Contribution(sum((p.value for p in parts), Decimal(0)) / len(parts))
    if aggregation == "weighted":
        weighted = [p for p in parts if p.weight]
        total = sum((p.weight for p in weighted), Decimal(0))
        if not total:
            return None
        return Contribution(sum((p.value * p.weight for p in weighted), Decimal(0)) / total)
    raise ValueError(f"Cách tổng hợp không hợp lệ: {aggregation}")


def nearest(rows: list, path_of) -> list:
    """The rows nearest the top of a subtree: a row is dropped when a row of one of its ancestor
    units is kept, so a district's figure and its communes' figures are never added twice.
    Paths look like "/1/2/5/"; each row checks its few ancestors, not every kept row."""
    kept, kept_paths = [], set()
    for row in sorted(rows, key=lambda r: path_of(r).count("/")):
        path = path_of(row)
        cuts = [i for i, ch in enumerate(path) if ch == "/"][1:-1]
        if not any(path[:i + 1] in kept_paths for i in cuts):
            kept.append(row)
            kept_paths.add(path)
    return kept


@dataclass(frozen=True)
class Assessment:
    light: str
    expected: Decimal | None  # the plan prorated to the period
    attainment: Decimal | None  # percent of the expected amount reached (inverted when lower is better)


def assess(*, actual: Decimal | None, plan: Decimal | None, higher_is_better: bool, accrues: bool,
           share: float, finished: bool, orange_from: Decimal = Decimal(90)) -> Assessment:
    """The traffic light for one indicator in one period.

    `plan` is the target for the period itself (share 1) or for its year; an amount that `accrues`
    over the year (revenue, investment) is compared with its prorated share (9 months → 75%), a
    level (growth rate, a ratio, a stock) with the plan itself. A period that is over and short of
    its own plan missed it: red. Otherwise ≥ 100% of the expected amount is green, from
    `orange_from`% orange, below red."""
    if actual is None or plan is None:
        return Assessment(Light.GREY, None, None)
    expected = plan * Decimal(str(share)) if accrues else plan
    if higher_is_better:
        attainment = actual / expected * HUNDRED if expected else (HUNDRED if actual >= 0 else Decimal(0))
    else:
        attainment = expected / actual * HUNDRED if actual else HUNDRED
    if attainment >= HUNDRED:
        light = Light.GREEN
    elif finished and share == 1:
        light = Light.RED
    elif attainment >= orange_from:
        light = Light.ORANGE
    else:
        light = Light.RED
    return Assessment(light, expected, attainment)
