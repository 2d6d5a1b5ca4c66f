"""Tasks counted per lead unit for a subtree and a period, in one grouped query: the dashboard's
status counts and ranking and the unit scorecards all read the same numbers.

A period's tasks are those whose effective deadline falls in it; their status is as of today
(STANDARDS §7), so "done on time" and "overdue" agree with the task list the numbers link to.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, DateField, F, Q, Sum, Value

from dieuhanh.core.periods import Period
from dieuhanh.core.sql import DaysBetween
from dieuhanh.org.models import Unit
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.queries import as_of
from dieuhanh.tasks.status import State, Status, status_q

# Every status a task with a deadline in the period can have (a recurring series has none; its periods
# are tasks of their own), so the total is the length of the period's list.
COUNTED = [Status.NOT_STARTED, Status.ON_TIME, Status.OVERDUE, Status.AWAITING, Status.DONE_ON_TIME,
           Status.DONE_LATE, Status.ONGOING, Status.PAUSED, Status.CANCELLED]


@dataclass
class Tally:
    unit: Unit | None = None
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    late_days: int = 0  # days late, summed over tasks done late and tasks overdue
    open: int = 0
    reported_on_time: int = 0  # open tasks whose last progress report is recent enough

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[Status.DONE_ON_TIME] + self.counts[Status.DONE_LATE]

    @property
    def late(self) -> int:
        return self.counts[Status.DONE_LATE] + self.counts[Status.OVERDUE]

    @property
    def due(self) -> int:
        """Tasks whose deadline has come: finished, or still open past it."""
        return self.done + self.counts[Status.OVERDUE]

    @property
    def on_time_rate(self) -> float | None:
        """Done on time over tasks due — the figure units are ranked by."""
        return self.counts[Status.DONE_ON_TIME] / self.due * 100 if self.due else None

    @property
    def average_days_late(self) -> float | None:
        return self.late_days / self.late if self.late else None

    @property
    def report_rate(self) -> float | None:
        return self.reported_on_time / self.open * 100 if self.open else None

    def add(self, other: "Tally") -> None:
        for k, v in other.counts.items():
            self.counts[k] += v
        self.late_days += other.late_days
        self.open += other.open
        self.reported_on_time += other.reported_on_time


def by_lead(unit: Unit, period: Period, today: date) -> dict[int, Tally]:
    """lead unit id → its tally, for tasks led within `unit`'s subtree and due in `period`: one
    grouped query with a filtered count per status (`status_q`, the same filters as the task list),
    which PostgreSQL answers from the covering index `task_tree_due` in parallel."""
    tasks, lead = as_of(Task.objects.all(), unit, period.end, due_on__gte=period.start, due_on__lte=period.end)
    return of_tasks(tasks, today, lead)


def of_tasks(tasks, today: date, lead: str = "lead_id") -> dict[int, Tally]:
    """lead unit id → the tally of these tasks (a programme's, a period's), grouped in one query."""
    fresh_since = today - timedelta(days=settings.DIEUHANH_STALE_AFTER_DAYS)
    done_late = status_q(Status.DONE_LATE, today)
    overdue = status_q(Status.OVERDUE, today)
    names = [s.value for s in COUNTED]
    rows = (tasks.values(lead)
            .annotate(**{s.value: Count("pk", filter=status_q(s, today)) for s in COUNTED},
                      late_done=Sum(DaysBetween(F("done_on"), F("due_on")), filter=done_late),
                      late_open=Sum(DaysBetween(Value(today, output_field=DateField()), F("due_on")), filter=overdue),
                      open_count=Count("pk", filter=Q(state=State.OPEN)),
                      fresh=Count("pk", filter=Q(state=State.OPEN, last_report_on__gte=fresh_since)))
            .values_list(lead, *names, "late_done", "late_open", "open_count", "fresh"))
    # Tuples, not dicts: a province has thousands of lead units and this loop is most of the panel's Python.
    n = len(COUNTED)
    return {row[0]: Tally(counts=dict(zip(COUNTED, row[1:n + 1], strict=True)),
                          late_days=(row[n + 1] or 0) + (row[n + 2] or 0), open=row[n + 3], reported_on_time=row[n + 4])
            for row in rows}


def total(tallies: dict[int, Tally]) -> Tally:
    result = Tally()
    for t in tallies.values():
        result.add(t)
    return result


def ranked(tallies: dict[int, Tally], keep: int) -> tuple[list[Tally], int]:
    """The `keep` best units with tasks due (best on-time rate first, more tasks first among equals)
    and the worst half of that beneath them, names read for those only; and how many were ranked."""
    order = sorted((pk for pk, t in tallies.items() if t.due), key=lambda pk: (-tallies[pk].on_time_rate,
                                                                                 -tallies[pk].due, pk))
    shown = order[:keep] + [pk for pk in order[-(keep // 2):] if pk not in order[:keep]] if order else []
    units = Unit.objects.in_bulk(shown)
    rows = []
    for pk in shown:
        tallies[pk].unit = units[pk]
        rows.append(tallies[pk])
    return rows, len(order)
