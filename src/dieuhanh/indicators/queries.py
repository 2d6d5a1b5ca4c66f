"""Read side: indicators a user may see, and their figures for a unit's subtree and a period —
own value or roll-up, plan, percent of plan, change against the same period, traffic light — in
three queries whatever the number of units and values."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet

from dieuhanh import periods
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope
from dieuhanh.text import matching_words

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


def indicator_rows(indicators: list[Indicator], unit: Unit, period: periods.Period, today: date) -> list[Row]:
    """Each indicator for `unit` (with its subtree) in `period`, worst light first."""
    if not indicators:
        return []
    ids = {i.pk for i in indicators} | {i.weight_id for i in indicators if i.weight_id}
    last_year = period.same_period_last_year()
    year = period.year_period()
    fields = ("indicator_id", "period", "unit_id", "unit__path", "value", "denominator")
    in_subtree = Q(unit__path__startswith=unit.path)
    actuals = defaultdict(list)
    for r in Actual.objects.filter(in_subtree, indicator_id__in=ids, period__in={period.key, last_year.key}).values(*fields):
        actuals[r["indicator_id"], r["period"]].append(r)
    targets = defaultdict(list)
    for r in Target.objects.filter(in_subtree, indicator_id__in=ids, period__in={period.key, year.key}).values(*fields):
        targets[r["indicator_id"], r["period"]].append(r)
    orange_from = Decimal(settings.DIEUHANH_INDICATOR_ORANGE_FROM)
    out = []
    for ind in indicators:
        weights = {r["unit_id"]: r["value"] for r in actuals.get((ind.weight_id, period.key), [])}
        value, rolled, parts = _value_at(actuals.get((ind.pk, period.key), []), unit, ind.aggregation, weights)
        previous, _, _ = _value_at(actuals.get((ind.pk, last_year.key), []), unit, ind.aggregation, weights)
        plan, plan_period = None, None
        for candidate in (period, year) if period != year else (period,):
            found, _, _ = _value_at(targets.get((ind.pk, candidate.key), []), unit, ind.aggregation, weights)
            if found is not None:
                plan, plan_period = found.value, candidate
                break
        own_plan = plan_period == period
        assessment = figures.assess(
            actual=value.value if value else None, plan=plan, higher_is_better=ind.higher_is_better,
            accrues=ind.accrues, share=1.0 if own_plan else period.share_of_year,
            finished=period.end < today, orange_from=orange_from)
        out.append(Row(ind, period, value.value if value else None, value.denominator if value else None,
                       rolled, parts, plan, plan_period, previous.value if previous else None, assessment))
    out.sort(key=lambda r: (Light.ORDER[r.light], r.assessment.attainment if r.assessment.attainment is not None else 0))
    return out
