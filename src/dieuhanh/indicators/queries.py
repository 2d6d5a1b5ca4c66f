"""Read side: indicators a user may see, and their figures for a unit's subtree and a period —
own value or roll-up, plan, percent of plan, change against the same period, traffic light — in
three queries whatever the number of units and values."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum

from dieuhanh.core import periods
from dieuhanh.core.fulltext import matching_words
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope

from . import figures
from .figures import Contribution, Light
from .models import Actual, Indicator, Target


def visible_indicators(user) -> QuerySet[Indicator]:
    """Indicators tracked by a unit the user may read, or that the user's units answer for."""
    scope = Scope.of(user)
    if scope.is_superuser:
        return Indicator.objects.all()
    readable = scope.readable_units().values("pk")
    return Indicator.objects.filter(Q(unit__in=readable) | Q(responsible__in=readable))


def headline(indicators: QuerySet[Indicator], unit: Unit, limit: int) -> list[Indicator]:
    """The top-level indicators of the unit's tree in catalogue order: what a dashboard or a report
    shows when nobody chose."""
    return list(indicators.filter(parent__isnull=True, unit__root_id=unit.root_id).order_by("position", "code")[:limit])


def matching(indicators: QuerySet[Indicator], text: str) -> QuerySet[Indicator]:
    """By name without diacritics, or by exact code."""
    text = (text or "").strip()
    if not text:
        return indicators
    return indicators.filter(Q(pk__in=matching_words(indicators, text, field="name_folded").values("pk"))
                             | Q(code__iexact=text))


@dataclass
class Row:
    indicator: Indicator
    period: periods.Period
    actual: Decimal | None
    denominator: Decimal | None
    rolled_up: bool  # the value adds up lower units' values
    parts: int  # how many units' values make it
    plan: Decimal | None
    plan_period: periods.Period | None
    previous: Decimal | None
    assessment: figures.Assessment
    # This period's or last year's figure is the predecessors' (the unit was made by a reorganisation later).
    from_predecessors: bool = False

    @property
    def percent_of_plan(self):
        return figures.percent_of_plan(self.actual, self.plan)

    @property
    def change_percent(self):
        return figures.change_percent(self.actual, self.previous)

    @property
    def ratio_percent(self):
        return figures.ratio_percent(self.actual, self.denominator)

    @property
    def light(self) -> str:
        return self.assessment.light

    @property
    def light_label(self) -> str:
        return Light.LABELS[self.light]


def _value_at(rows: list[dict], unit: Unit, aggregation: str, weights: dict) -> tuple[Contribution | None, bool, int]:
    """The unit's own figure, or the roll-up of the nearest lower units that reported one."""
    own = [r for r in rows if r["unit_id"] == unit.pk]
    if own:
        return Contribution(own[0]["value"], own[0]["denominator"]), False, 1
    lower = figures.nearest([r for r in rows if r["value"] is not None], lambda r: r["unit__path"])
    parts = [Contribution(r["value"], r["denominator"], weights.get(r["unit_id"])) for r in lower]
    return figures.roll_up(parts, aggregation), bool(parts), len(parts)


def _from_group(g: dict, aggregation: str) -> Contribution | None:
    """The roll-up of one depth's values, added up by the database."""
    if g["n"] == 1 or aggregation in ("sum", "last"):
        return Contribution(g["total"], g["den"] if g["n_den"] == g["n"] else None)
    if aggregation == "average":
        return Contribution(g["total"] / g["n"])
    return None  # not aggregable


def _figures(model, indicators: dict[int, Indicator], keys: set[str], unit: Unit, weights: dict) -> dict:
    """(indicator id, period) → (figure, rolled up, how many units), in two queries whatever the
    number of communes: the database adds each depth of the subtree; only where values sit at
    several depths (the nearest must be chosen branch by branch) or a weighted average is asked
    are the rows themselves read."""
    in_subtree = model.objects.filter(unit__path__startswith=unit.path, indicator_id__in=list(indicators),
                                      period__in=keys).exclude(value=None)
    depths = defaultdict(dict)
    for g in in_subtree.values("indicator_id", "period", "unit__depth").annotate(
            total=Sum("value"), den=Sum("denominator"), n=Count("pk"), n_den=Count("denominator")):
        depths[g["indicator_id"], g["period"]][g["unit__depth"]] = g
    out, by_rows = {}, set()
    for (ind_id, key), levels in depths.items():
        aggregation = indicators[ind_id].aggregation
        if unit.depth in levels:  # only the unit itself sits at its own depth within its subtree
            g = levels[unit.depth]
            out[ind_id, key] = (Contribution(g["total"], g["den"]), False, 1)
        elif len(levels) == 1 and aggregation != "weighted":
            g = next(iter(levels.values()))
            out[ind_id, key] = (_from_group(g, aggregation), True, g["n"])
        else:
            by_rows.add((ind_id, key))
    if by_rows:
        pairs = Q()
        for ind_id, key in by_rows:
            pairs |= Q(indicator_id=ind_id, period=key)
        rows = defaultdict(list)
        for r in in_subtree.filter(pairs).values("indicator_id", "period", "unit_id", "unit__path", "value",
                                                 "denominator"):
            rows[r["indicator_id"], r["period"]].append(r)
        for ind_id, key in by_rows:
            ind = indicators[ind_id]
            out[ind_id, key] = _value_at(rows[ind_id, key], unit, ind.aggregation, weights.get(ind.weight_id, {}))
    return out


def _weights(indicators: list[Indicator], unit: Unit, period: periods.Period) -> dict[int, dict[int, Decimal]]:
    """weight indicator id → unit id → its value in the period (population for a weighted average)."""
    ids = {i.weight_id for i in indicators if i.weight_id and i.aggregation == Indicator.Aggregation.WEIGHTED}
    weights = defaultdict(dict)
    if ids:
        for r in Actual.objects.filter(unit__path__startswith=unit.path, indicator_id__in=ids,
                                       period=period.key).values("indicator_id", "unit_id", "value"):
            weights[r["indicator_id"]][r["unit_id"]] = r["value"]
    return weights


NOTHING = (None, False, 0)


def _predecessors_for(model, indicators: dict[int, Indicator], keys: set[str], unit: Unit, weights: dict,
                      found: dict) -> set[tuple[int, str]]:
    """A period before a reorganisation that made `unit` (a merged commune, say): where the unit has no figure
    of its own, its predecessors' figures rolled up by the indicator's rule, so a series goes on across the
    change. Fills `found`; returns the (indicator, period) pairs it filled. One query when nothing merged."""
    predecessors = list(Unit.objects.filter(successor=unit).exclude(active_to=None))
    filled = set()
    for key in keys:
        ended = periods.parse(key).end
        before = [u for u in predecessors if ended < u.active_to]
        missing = {i: ind for i, ind in indicators.items() if found.get((i, key), NOTHING)[0] is None}
        if not before or not missing:
            continue
        parts = defaultdict(list)
        for predecessor in before:
            for (ind_id, _), (value, _, _) in _figures(model, missing, {key}, predecessor, weights).items():
                if value is not None:
                    parts[ind_id].append(value)
        for ind_id, values in parts.items():
            found[ind_id, key] = (figures.roll_up(values, indicators[ind_id].aggregation), True, len(values))
            filled.add((ind_id, key))
    return filled


def indicator_rows(indicators: list[Indicator], unit: Unit, period: periods.Period, today: date) -> list[Row]:
    """Each indicator for `unit` (with its subtree) in `period`, worst light first."""
    if not indicators:
        return []
    by_id = {i.pk: i for i in indicators}
    last_year = period.same_period_last_year()
    year = period.year_period()
    weights = _weights(indicators, unit, period)
    actuals = _figures(Actual, by_id, {period.key, last_year.key}, unit, weights)
    targets = _figures(Target, by_id, {period.key, year.key}, unit, weights)
    merged = (_predecessors_for(Actual, by_id, {period.key, last_year.key}, unit, weights, actuals)
              | _predecessors_for(Target, by_id, {period.key, year.key}, unit, weights, targets))
    orange_from = Decimal(settings.DIEUHANH_INDICATOR_ORANGE_FROM)
    out = []
    for ind in indicators:
        value, rolled, parts = actuals.get((ind.pk, period.key), NOTHING)
        previous = actuals.get((ind.pk, last_year.key), NOTHING)[0]
        plan, plan_period = None, None
        for candidate in (period, year) if period != year else (period,):
            found = targets.get((ind.pk, candidate.key), NOTHING)[0]
            if found is not None:
                plan, plan_period = found.value, candidate
                break
        own_plan = plan_period == period
        assessment = figures.assess(
            actual=value.value if value else None, plan=plan, higher_is_better=ind.higher_is_better,
            accrues=ind.accrues, share=1.0 if own_plan else period.share_of_year,
            finished=period.end < today, orange_from=orange_from)
        out.append(Row(ind, period, value.value if value else None, value.denominator if value else None,
                       rolled, parts, plan, plan_period, previous.value if previous else None, assessment,
                       from_predecessors=bool(merged & {(ind.pk, period.key), (ind.pk, last_year.key)})))
    out.sort(key=lambda r: (Light.ORDER[r.light], r.assessment.attainment if r.assessment.attainment is not None else 0))
    return out
