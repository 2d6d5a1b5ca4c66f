"""Read side of a programme: its tasks counted by status and by lead unit (the dashboard's tally, so the
numbers agree with the task list they link to), its units ranked, its indicators against plan."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from dieuhanh.core import periods
from dieuhanh.core.numbers import so
from dieuhanh.dashboard import tally
from dieuhanh.indicators.figures import Light
from dieuhanh.indicators.queries import indicator_rows
from dieuhanh.ntm.policy import province_of
from dieuhanh.ntm.status import Book, CommuneStatus
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.queries import visible_tasks

from .models import NtmTarget, Programme


def visible_programmes(user) -> QuerySet[Programme]:
    """Programmes led within the trees the user reads."""
    scope = Scope.of(user)
    if scope.is_superuser:
        return Programme.objects.all()
    return Programme.objects.filter(lead__in=scope.readable_units().values("pk"))


@dataclass
class NtmRow:
    target: NtmTarget
    status: CommuneStatus

    @property
    def reached(self) -> bool:
        return (self.status.level or 0) >= self.target.level


@dataclass
class Progress:
    total: tally.Tally
    ranked: list[tally.Tally]  # units with tasks due, best on-time rate first
    indicators: list
    ntm: list[NtmRow]


def _as_of(programme: Programme, today: date) -> date:
    return min(today, programme.ends_on)


def ntm_rows(programme: Programme, today: date) -> list[NtmRow]:
    """Each commune target with the commune's status at the programme's end (or today, while it runs): one
    `ntm.status.Book` per province, so the cost does not grow with the number of communes."""
    day = _as_of(programme, today)
    by_province, provinces = defaultdict(list), {}
    for t in programme.ntm_targets.select_related("area__parent__parent"):
        province = province_of(t.area)  # a commune before 1/7/2025 sits under a district
        provinces[province.pk] = province
        by_province[province.pk].append(t)
    rows = []
    for province_id, group in by_province.items():
        book = Book(provinces[province_id], [t.area for t in group])
        rows += [NtmRow(t, book.status(t.area, day)) for t in group]
    rows.sort(key=lambda r: (r.reached, r.target.area.name))
    return rows


def indicators_of(programme: Programme, today: date) -> list:
    period = periods.Period(programme.ends_on.year, "year")
    return indicator_rows(list(programme.indicators.select_related("unit", "responsible")), programme.lead, period,
                          today)


def progress(programme: Programme, user, today: date) -> Progress:
    tasks = visible_tasks(user).filter(programmes=programme)
    tallies = tally.of_tasks(tasks, today)
    units = Unit.objects.in_bulk(list(tallies))
    for pk, t in tallies.items():
        t.unit = units[pk]
    ranked = sorted((t for t in tallies.values() if t.due), key=lambda t: (-t.on_time_rate, -t.due, t.unit.name))
    return Progress(tally.total(tallies), ranked, indicators_of(programme, today), ntm_rows(programme, today))


@dataclass
class Candidate:
    unit: Unit
    tally: tally.Tally
    reasons: list[str] = field(default_factory=list)  # why it is not proposed; empty: proposed


def candidates(programme: Programme, today: date, progress: Progress | None = None) -> list[Candidate]:
    """Every unit with programme tasks, weighed by the programme's rules: the on-time rate over enough tasks due,
    and (when the programme requires it) every indicator it answers for expected to meet its plan and every
    commune target in its area reached. Read over all the programme's tasks, whoever looks; the indicator and
    commune rows of a `progress` already read (they do not depend on who looks) are used again."""
    tallies = tally.of_tasks(Task.objects.filter(programmes=programme), today)
    units = Unit.objects.in_bulk(list(tallies))
    unmet = defaultdict(list)
    if programme.require_targets:
        indicators = progress.indicators if progress else indicators_of(programme, today)
        for row in indicators:
            if row.light != Light.GREEN:
                owner = row.indicator.responsible_id or row.indicator.unit_id
                unmet[owner].append(f"chỉ tiêu “{row.indicator.name}”: {row.light_label.lower()}")
        missed = [r.target for r in (progress.ntm if progress else ntm_rows(programme, today)) if not r.reached]
        in_area = defaultdict(list)
        for unit_id, area_id in Unit.objects.filter(area__in=[t.area_id for t in missed]).values_list("pk", "area_id"):
            in_area[area_id].append(unit_id)
        for target in missed:
            for unit_id in in_area[target.area_id]:
                unmet[unit_id].append(f"{target.area.name} chưa đạt mức “{target.get_level_display()}”")
    made = []
    for unit_id, t in tallies.items():
        reasons = []
        if t.due < programme.min_tasks_due:
            reasons.append(f"mới có {t.due} nhiệm vụ đến hạn (cần {programme.min_tasks_due})")
        elif t.on_time_rate is None:
            reasons.append("chưa có nhiệm vụ đến hạn")
        elif t.on_time_rate < programme.min_on_time_rate:
            reasons.append(f"tỷ lệ đúng hạn {so(t.on_time_rate, 1)}% (cần {so(programme.min_on_time_rate, 1)}%)")
        made.append(Candidate(units[unit_id], t, reasons + unmet.get(unit_id, [])))
    made.sort(key=lambda c: (bool(c.reasons), -(c.tally.on_time_rate or 0), c.unit.name))
    return made
