"""What a periodic report says, read from the database once, for every output (DOCX, XLSX).

Task counts come from `dashboard.tally`, the numbers of the leaders' screen, so a report and the
dashboard never disagree for the same unit and period."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery

from dieuhanh.dashboard import tally
from dieuhanh.indicators.models import Indicator
from dieuhanh.indicators.queries import Row, indicator_rows
from dieuhanh.org.models import Unit
from dieuhanh.periods import DateRange, Period, PeriodError
from dieuhanh.tasks.models import Decision, Extension, ProgressReport, Task
from dieuhanh.tasks.queries import led_within
from dieuhanh.tasks.status import Status

LIST_LIMIT = 200  # overdue tasks listed in full up to this many; the count is always exact


@dataclass
class OverdueTask:
    task: Task
    days_late: int
    last_report: str


@dataclass
class DocumentLine:
    symbol: str
    subject: str
    total: int
    done: int
    overdue: int


@dataclass
class Report:
    unit: Unit
    period: Period | DateRange
    made_on: date
    total: tally.Tally
    by_unit: list[tally.Tally]
    done_in_period: int
    overdue: list[OverdueTask]
    overdue_count: int
    extended: list[Extension]
    documents: list[DocumentLine]
    indicators: list[Row] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.total.total == 0 and not self.overdue_count and not self.indicators


def build(unit: Unit, period: Period | DateRange, today: date) -> Report:
    """Everything the report shows; refuses a period that has not begun."""
    if period.start > today:
        raise PeriodError(f"Kỳ báo cáo {period.label} chưa bắt đầu.")
    tallies = tally.by_lead(unit, period, today)
    units = Unit.objects.in_bulk(list(tallies))
    by_unit = []
    for pk, t in sorted(tallies.items(), key=lambda kv: units[kv[0]].path):
        t.unit = units[pk]
        by_unit.append(t)
    led = Task.objects.filter(led_within(unit))
    last_report = ProgressReport.objects.filter(task=OuterRef("pk")).order_by("-created_at").values("text")[:1]
    overdue_q = led.filter(state="open", recurrence="", due_on__lt=today)
    overdue = [OverdueTask(t, (today - t.due_on).days, t.last_text or "")
               for t in overdue_q.select_related("lead").annotate(last_text=Subquery(last_report))
               .order_by("due_on", "id")[:LIST_LIMIT]]
    extended = list(Extension.objects.filter(task__in=led, decision=Decision.ACCEPTED,
                                             decided_at__date__gte=period.start, decided_at__date__lte=period.end)
                    .select_related("task", "task__lead").order_by("decided_at"))
    done_q, overdue_status = Q(state="done"), Q(state="open", due_on__lt=today)
    documents = [DocumentLine(d["document__symbol"], d["document__subject"], d["n"], d["done"], d["late"])
                 for d in led.filter(document__isnull=False, due_on__gte=period.start, due_on__lte=period.end)
                 .values("document__symbol", "document__subject")
                 .annotate(n=Count("pk"), done=Count("pk", filter=done_q), late=Count("pk", filter=overdue_status))
                 .order_by("document__symbol")]
    indicators = list(Indicator.objects.filter(parent__isnull=True, unit__root_id=unit.root_id)
                      .order_by("position", "code")[:30])
    return Report(unit=unit, period=period, made_on=today, total=tally.total(tallies), by_unit=by_unit,
                  done_in_period=led.filter(state="done", done_on__gte=period.start, done_on__lte=period.end).count(),
                  overdue=overdue, overdue_count=overdue_q.count(), extended=extended, documents=documents,
                  indicators=indicator_rows(indicators, unit, period, today) if isinstance(period, Period) else [])


STATUS_ROWS = [Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE, Status.ON_TIME, Status.NOT_STARTED,
               Status.AWAITING, Status.PAUSED, Status.CANCELLED]
