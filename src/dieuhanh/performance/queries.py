"""Reads of work plans and scores: an official's month, a unit's sheet for a month, a quarter or a year, and the
ranking of the units under a body. Scores are read from the kept monthly results (`MonthlyResult`), so a year of
weekly products is never re-scored to draw a page; a quarter or a year is the average of its months
(`scoring.rolled`), each month linking to the products it came from."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Avg, F, FloatField, Sum
from django.db.models.functions import Cast

from dieuhanh.core import periods
from dieuhanh.org.models import WORK_ROLES, Unit

from . import scoring, services
from .models import MonthlyResult, Product


@dataclass
class MonthView:
    result: MonthlyResult | None
    products: list[Product]
    message: str = ""


def _message(result: MonthlyResult | None, products: list, label: str) -> str:
    if not products:
        return f"Chưa có sản phẩm nào trong kế hoạch {label}."
    if result is not None and not result.general_entered:
        return "Lãnh đạo chưa chấm điểm tiêu chí chung: tạm tính 0/30."
    return ""


def month_view(official, period: periods.Period, week: date | None = None) -> MonthView:
    """The official's month as kept, with its products; `week` (a Monday) narrows the products shown to that
    week's plan (those due in it), the score staying the month's."""
    products = list(Product.objects.filter(official=official, period=period.key).select_related("unit", "reassigned_from"))
    result = MonthlyResult.objects.filter(official=official, period=period.key).first()
    message = _message(result, products, period.label)
    if week is not None:
        products = [p for p in products if week <= p.due_on <= week + timedelta(days=6)]
    return MonthView(result, products, message)


@dataclass
class SheetRow:
    official: object
    months: list[MonthlyResult | None]  # one per month of the period, in order
    products: list[Product] = field(default_factory=list)  # a month's sheet only
    total: Decimal | None = None
    grade: str = ""
    message: str = ""

    @property
    def result(self) -> MonthlyResult | None:
        return self.months[0] if len(self.months) == 1 else None

    @property
    def grade_label(self) -> str:
        return scoring.Grade.LABELS.get(self.grade, "—")


def officials_of(unit: Unit, excluding=None):
    people = get_user_model().objects.filter(memberships__unit=unit, memberships__role__in=WORK_ROLES).distinct()
    if excluding is not None:
        people = people.exclude(pk=excluding.pk)
    return people.order_by("first_name", "username")


def unit_sheet(unit: Unit, period: periods.Period, viewer=None) -> list[SheetRow]:
    """One row per official of the unit (the viewer left out: nobody grades themselves): for a month its kept
    result and its products, for a quarter or a year each month's result and their average."""
    keys = [m.key for m in period.month_periods()]
    weighted = services.weighted_roll()
    people = list(officials_of(unit, excluding=viewer))
    kept = {(r.official_id, r.period): r for r in
            MonthlyResult.objects.filter(unit=unit, period__in=keys, official__in=people)}
    products = defaultdict(list)
    if len(keys) == 1:
        for p in Product.objects.filter(unit=unit, period=keys[0], official__in=people).select_related("unit", "reassigned_from"):
            products[p.official_id].append(p)
    rows = []
    for person in people:
        months = [kept.get((person.pk, key)) for key in keys]
        kept_months = [m for m in months if m is not None]
        totals = [m.total for m in kept_months]
        row = SheetRow(person, months, products.get(person.pk, []))
        if len(keys) == 1:
            result = months[0]
            row.total = result.total if result else None
            row.grade = (result.confirmed_grade or result.grade) if result else ""
            row.message = _message(result, row.products, period.label)
        elif totals:
            row.total = scoring.rolled(totals, [m.weight for m in kept_months] if weighted else None)
            row.grade = scoring.grade(row.total)
        else:
            row.message = f"Chưa có điểm tháng nào trong {period.label}."
        rows.append(row)
    return rows


@dataclass
class RankRow:
    unit: Unit
    officials: int
    average: Decimal
    grades: dict[str, int]

    @property
    def counts(self) -> list[int]:
        """How many of its officials at each grade, best first."""
        return [self.grades[g] for g in scoring.Grade.ORDER]


def ranking(root: Unit, period: periods.Period, kind: str = "") -> list[RankRow]:
    """The units under `root` (itself included; of one kind when asked) ranked by their officials' average score
    over the period: each official's months averaged first (their quarter or year), then the unit's officials.
    One grouped read of the kept results, whatever the number of products behind them."""
    kept = MonthlyResult.objects.filter(period__in=[m.key for m in period.month_periods()],
                                        unit__path__startswith=root.path)
    if kind:
        kept = kept.filter(unit__kind=kind)
    # As floats: SQLite keeps 70.00 × 3 as integers and would divide them as integers.
    score = (Cast(Sum(F("total") * F("weight")), FloatField()) / Cast(Sum("weight"), FloatField())
             if services.weighted_roll() else Avg("total"))
    per_official = kept.values_list("unit_id", "official_id").annotate(score=score)
    by_unit = defaultdict(list)
    for unit_id, _official, score in per_official.order_by():
        by_unit[unit_id].append(Decimal(str(score)))
    units = Unit.objects.only("name", "path").in_bulk(list(by_unit))
    rows = []
    for unit_id, scores in by_unit.items():
        grades = dict.fromkeys(scoring.Grade.ORDER, 0)
        for s in scores:
            grades[scoring.grade(s)] += 1
        rows.append(RankRow(units[unit_id], len(scores), sum(scores, Decimal(0)) / len(scores), grades))
    rows.sort(key=lambda r: (-r.average, r.unit.name))
    return rows
