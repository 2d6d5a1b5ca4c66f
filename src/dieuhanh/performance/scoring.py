"""Officials' scores under Nghị định 335/2025/NĐ-CP (from 1/1/2026), plain Python so every rule is tested on
worked examples.

100 points: general criteria (tiêu chí chung) up to 30, entered by the leader; task results (kết quả thực
hiện nhiệm vụ) up to 70, from the month's or quarter's products (sản phẩm), each weighed by its converted
workload (đã quy đổi):
- quantity (số lượng): weight completed / weight assigned;
- quality (chất lượng): weight completed to the required quality / weight assigned — each major quality error
  costs 25% of that product's quality points, unless an objective cause is confirmed;
- progress (tiến độ): weight completed on time / weight assigned — each delay costs 25% of that product's
  progress points, unless an objective cause is confirmed.
How the three percentages make the 70 points is the office's setting (`Rules.mix`, equal thirds by default):
the decree names the three measures, not their shares. A leader's task result also counts the unit's: 100%
when every subordinate is at least "hoàn thành", 50% otherwise, in the share `Rules.leader_unit_share`.
Grades: ≥ 90 xuất sắc, 70–< 90 tốt, 50–< 70 hoàn thành, < 50 không hoàn thành; "xuất sắc" is capped at 20% of
those graded "tốt" or better in a unit (`cap_check`).
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

HUNDRED = Decimal(100)
QUARTER = Decimal("0.25")


class ScoreError(ValueError):
    """Bad input for a score, in Vietnamese."""


@dataclass(frozen=True)
class Rules:
    general_max: Decimal = Decimal(30)
    tasks_max: Decimal = Decimal(70)
    mix: tuple[Decimal, Decimal, Decimal] = (Decimal(1) / 3, Decimal(1) / 3, Decimal(1) / 3)  # quantity, quality, progress
    deduction: Decimal = QUARTER  # per major error, per delay
    leader_unit_share: Decimal = Decimal("0.5")  # of a leader's task result that is the unit's
    excellent_cap_percent: Decimal = Decimal(20)


@dataclass(frozen=True)
class Product:
    """One product of the period, as the score reads it."""

    weight: Decimal
    completed: bool = False
    quality_errors: int = 0  # major errors found when it was assessed
    delays: int = 0  # times its deadline was missed
    objective_cause: bool = False  # confirmed by the leader: neither errors nor delays count
    key: object = None  # what the sheet links back to

    @property
    def quality_share(self) -> Decimal:
        if not self.completed:
            return Decimal(0)
        return Decimal(1) if self.objective_cause else max(Decimal(0), 1 - QUARTER * self.quality_errors)

    @property
    def progress_share(self) -> Decimal:
        if not self.completed:
            return Decimal(0)
        return Decimal(1) if self.objective_cause else max(Decimal(0), 1 - QUARTER * self.delays)


@dataclass(frozen=True)
class TaskResult:
    quantity: Decimal  # percent
    quality: Decimal
    progress: Decimal
    points: Decimal  # of Rules.tasks_max


@dataclass(frozen=True)
class Score:
    general: Decimal
    tasks: TaskResult
    unit_percent: Decimal | None  # a leader's unit share, as counted
    total: Decimal
    grade: str
    products: list = field(default_factory=list)


class Grade:
    EXCELLENT = "xuat_sac"
    GOOD = "tot"
    DONE = "hoan_thanh"
    FAILED = "khong_hoan_thanh"
    LABELS = {EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ", GOOD: "Hoàn thành tốt nhiệm vụ",
              DONE: "Hoàn thành nhiệm vụ", FAILED: "Không hoàn thành nhiệm vụ"}
    ORDER = [EXCELLENT, GOOD, DONE, FAILED]


def grade(total: Decimal) -> str:
    if total >= 90:
        return Grade.EXCELLENT
    if total >= 70:
        return Grade.GOOD
    if total >= 50:
        return Grade.DONE
    return Grade.FAILED


def task_result(products: list[Product], rules: Rules = Rules()) -> TaskResult:
    """The three percentages over the weighted products, and the points they make."""
    if any(p.weight < 0 for p in products):
        raise ScoreError("Trọng số sản phẩm không được âm.")
    assigned = sum((p.weight for p in products), Decimal(0))
    if not assigned:
        raise ScoreError("Tổng trọng số các sản phẩm được giao bằng 0: chưa chấm được kết quả thực hiện nhiệm vụ.")
    quantity = sum((p.weight for p in products if p.completed), Decimal(0)) / assigned * HUNDRED
    quality = sum((p.weight * p.quality_share for p in products), Decimal(0)) / assigned * HUNDRED
    progress = sum((p.weight * p.progress_share for p in products), Decimal(0)) / assigned * HUNDRED
    a, b, c = rules.mix
    points = rules.tasks_max * (a * quantity + b * quality + c * progress) / (HUNDRED * (a + b + c))
    return TaskResult(quantity, quality, progress, points)


def unit_percent(subordinate_grades: list[str]) -> Decimal:
    """A leader's unit: 100% when every subordinate is at least "hoàn thành", 50% otherwise."""
    return HUNDRED if all(g != Grade.FAILED for g in subordinate_grades) else Decimal(50)


def score(general: Decimal, products: list[Product], rules: Rules = Rules(),
          subordinate_grades: list[str] | None = None) -> Score:
    """An official's month or quarter; `subordinate_grades` for a leader (the grades of the unit's officials)."""
    if not (0 <= general <= rules.general_max):
        raise ScoreError(f"Điểm tiêu chí chung phải từ 0 đến {rules.general_max.normalize():f}.")
    result = task_result(products, rules)
    points, unit = result.points, None
    if subordinate_grades is not None:
        unit = unit_percent(subordinate_grades)
        share = rules.leader_unit_share
        points = (1 - share) * result.points + share * rules.tasks_max * unit / HUNDRED
    total = min(HUNDRED, max(Decimal(0), general + points))
    return Score(general, result, unit, total, grade(total), list(products))


ROLLS = {"average": "trung bình các tháng", "weighted": "trung bình các tháng theo khối lượng sản phẩm được giao"}


def rolled(monthly_totals: list[Decimal], weights: list[Decimal] | None = None) -> Decimal:
    """A quarter or a year from its months: their average, or — `weights`, each month's assigned product weight —
    the average weighted by the work each month held, as the office configures (DIEUHANH_SCORE_ROLL)."""
    if not monthly_totals:
        raise ScoreError("Chưa có điểm tháng nào để tổng hợp.")
    if weights is None:
        return sum(monthly_totals, Decimal(0)) / len(monthly_totals)
    if len(weights) != len(monthly_totals) or any(w < 0 for w in weights) or not sum(weights):
        raise ScoreError("Khối lượng sản phẩm của các tháng phải không âm và có tổng lớn hơn 0.")
    return sum((t * w for t, w in zip(monthly_totals, weights)), Decimal(0)) / sum(weights, Decimal(0))


def excellent_cap(grades: list[str], rules: Rules = Rules()) -> int:
    """How many of a unit's officials may be "xuất sắc": 20% of those graded "tốt" or better, rounded down."""
    good_or_better = sum(1 for g in grades if g in (Grade.EXCELLENT, Grade.GOOD))
    return int((Decimal(good_or_better) * rules.excellent_cap_percent / HUNDRED).to_integral_value(ROUND_FLOOR))


def cap_check(grades: list[str], rules: Rules = Rules()) -> str | None:
    """The message a leader sees before confirming when the unit has more "xuất sắc" than the cap allows."""
    excellent = grades.count(Grade.EXCELLENT)
    cap = excellent_cap(grades, rules)
    if excellent > cap:
        return (f"Có {excellent} người xếp loại “Hoàn thành xuất sắc nhiệm vụ”, vượt mức tối đa {cap} "
                f"({rules.excellent_cap_percent.normalize():f}% số người từ “Hoàn thành tốt” trở lên).")
    return None
