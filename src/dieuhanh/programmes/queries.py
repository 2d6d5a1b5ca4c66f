"""Read side of a programme: its tasks counted by status and by lead unit (the dashboard's tally, so the
numbers agree with the task list they link to), its units ranked, its indicators against plan."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from dieuhanh.core import periods
from dieuhanh.dashboard import tally
from dieuhanh.indicators.queries import indicator_rows
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope
from dieuhanh.tasks.queries import visible_tasks

from .models import Programme


def visible_programmes(user) -> QuerySet[Programme]:
    """Programmes led within the trees the user reads."""
    scope = Scope.of(user)
    if scope.is_superuser:
        return Programme.objects.all()
    return Programme.objects.filter(lead__in=scope.readable_units().values("pk"))


@dataclass
class Progress:
    total: tally.Tally
    ranked: list[tally.Tally]  # units with tasks due, best on-time rate first
    indicators: list


def progress(programme: Programme, user, today: date) -> Progress:
    tasks = visible_tasks(user).filter(programmes=programme)
    tallies = tally.of_tasks(tasks, today)
    units = Unit.objects.in_bulk(list(tallies))
    for pk, t in tallies.items():
        t.unit = units[pk]
    ranked = sorted((t for t in tallies.values() if t.due), key=lambda t: (-t.on_time_rate, -t.due, t.unit.name))
    period = periods.Period(programme.ends_on.year, "year")
    rows = indicator_rows(list(programme.indicators.select_related("unit", "responsible")), programme.lead, period,
                          today)
    return Progress(tally.total(tallies), ranked, rows)
