"""What a periodic report says, read from the database once, for every output (DOCX, XLSX).

Task counts come from `dashboard.tally`, the numbers of the leaders' screen, so a report and the
dashboard never disagree for the same unit and period."""

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db.models import Count, OuterRef, Q, Subquery

from dieuhanh.core.periods import DateRange, Period, PeriodError
from dieuhanh.dashboard import tally
from dieuhanh.indicators.models import Indicator
from dieuhanh.indicators.queries import Row, headline, indicator_rows
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import in_tree_order, owned_as_of, owner_as_of
from dieuhanh.tasks.models import Decision, Extension, ProgressReport, Task
from dieuhanh.tasks.queries import as_of
from dieuhanh.tasks.status import State, Status, status_q

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
    petitions: list[list] = field(default_factory=list)  # [[unit, received, answered, on time, overdue]]
    ntm: object = None  # ntm.status.Summary when the unit stands for a province or a commune
    addressee: Unit | None = None  # "Kính gửi"; "Nơi nhận: - Như trên" refers to it
    signer: object = None  # org.Position: the title and name in the signature block

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
    for unit_in_order in in_tree_order(list(units.values())):
        t = tallies[unit_in_order.pk]
        t.unit = unit_in_order
        by_unit.append(t)
    # Units as they stood at the period's end: work a later reorganisation moved is the old unit's here.
    led, lead = as_of(Task.objects.all(), unit, period.end)
    last_report = ProgressReport.objects.filter(task=OuterRef("pk")).order_by("-created_at").values("text")[:1]
    overdue_q = led.in_status(Status.OVERDUE, today)
    overdue_tasks = list(overdue_q.select_related("lead").annotate(last_text=Subquery(last_report))
                         .order_by("due_on", "id")[:LIST_LIMIT])
    extended = list(Extension.objects.filter(task__in=led.values("pk"), decision=Decision.ACCEPTED,
                                             decided_at__date__gte=period.start, decided_at__date__lte=period.end)
                    .select_related("task", "task__lead").order_by("decided_at"))
    if lead != "lead_id":
        _lead_then([*overdue_tasks, *(e.task for e in extended)], period.end)
    overdue = [OverdueTask(t, (today - t.due_on).days, t.last_text or "") for t in overdue_tasks]
    done_q, overdue_status = Q(state=State.DONE), status_q(Status.OVERDUE, today)
    documents = [DocumentLine(d["document__symbol"], d["document__subject"], d["n"], d["done"], d["late"])
                 for d in led.filter(document__isnull=False, due_on__gte=period.start, due_on__lte=period.end)
                 .values("document__symbol", "document__subject")
                 .annotate(n=Count("pk"), done=Count("pk", filter=done_q), late=Count("pk", filter=overdue_status))
                 .order_by("document__symbol")]
    indicators = headline(Indicator.objects.all(), unit, 30)
    return Report(unit=unit, period=period, made_on=today, total=tally.total(tallies), by_unit=by_unit,
                  petitions=_petitions(unit, period, today), ntm=_ntm(unit, period, today),
                  done_in_period=led.filter(state=State.DONE, done_on__gte=period.start, done_on__lte=period.end).count(),
                  overdue=overdue, overdue_count=overdue_q.count(), extended=extended, documents=documents,
                  indicators=indicator_rows(indicators, unit, period, today) if isinstance(period, Period) else [])


def _lead_then(tasks: list[Task], day: date) -> None:
    """Each task's lead as it was on `day`, for printing only (never saved)."""
    then = dict(Task.objects.filter(pk__in=[t.pk for t in tasks])
                .annotate(lead_then=owner_as_of("tasks.task", "lead", day)).values_list("pk", "lead_then"))
    units = Unit.objects.in_bulk(set(then.values()))
    for t in tasks:
        t.lead = units[then[t.pk]]


def _petitions(unit: Unit, period, today: date) -> list[list]:
    """Per responsible unit: received and answered in the period, answered on time, overdue now."""
    if not apps.is_installed("dieuhanh.petitions"):
        return []
    from dieuhanh.petitions.models import Petition
    from dieuhanh.petitions.queries import overdue

    subtree = Unit.objects.filter(path__startswith=unit.path).values("pk")
    # As the units stood then: a petition a later reorganisation moved is its old unit's here.
    mine, responsible = owned_as_of(Petition.objects.all(), "petitions.petition", "responsible_unit", period.end)
    mine = mine.filter(**{f"{responsible}__in": subtree})
    late_ids = set(overdue(mine, today).values_list("pk", flat=True))
    rows = {}
    found = list(mine.filter(Q(received_on__range=(period.start, period.end))
                             | Q(answered_on__range=(period.start, period.end)) | Q(pk__in=late_ids))
                 .values_list("pk", "received_on", "answered_on", "due_on", responsible))
    names = dict(Unit.objects.filter(pk__in={r[4] for r in found}).values_list("pk", "name"))
    for pk, received_on, answered_on, due_on, responsible in found:
        name = names[responsible]
        row = rows.setdefault(name, [name, 0, 0, 0, 0])
        row[1] += period.start <= received_on <= period.end
        answered = answered_on is not None and period.start <= answered_on <= period.end
        row[2] += answered
        row[3] += answered and (due_on is None or answered_on <= due_on)
        row[4] += pk in late_ids
    return sorted(rows.values())


def _ntm(unit: Unit, period, today: date):
    from dieuhanh.ntm.status import summary_for_unit

    return summary_for_unit(unit, min(today, period.end))[1]


@dataclass
class Section:
    title: str
    sheet: str  # the XLSX sheet's name
    header: list[str]
    rows: list[list]
    text: str = ""




def sections(report: "Report") -> list[Section]:
    """The report's numbered parts with their tables (raw values: numbers stay numbers)."""
    t = report.total
    if report.is_empty:
        summary = f"Trong kỳ, {report.unit.name} và các đơn vị trực thuộc không có nhiệm vụ có thời hạn."
    else:
        rate = f"{t.on_time_rate:.1f}".replace(".", ",") + "%" if t.on_time_rate is not None else "chưa có"
        summary = (f"Tổng số nhiệm vụ có thời hạn trong kỳ: {t.total}; đã hoàn thành {t.done} (đúng hạn "
                   f"{t.counts[Status.DONE_ON_TIME]}, quá hạn {t.counts[Status.DONE_LATE]}); đang quá hạn "
                   f"{t.counts[Status.OVERDUE]}. Tỷ lệ hoàn thành đúng hạn: {rate}. Hoàn thành trong kỳ: "
                   f"{report.done_in_period} nhiệm vụ.")
    parts = [
        Section("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "Trang thai", ["Trạng thái", "Số nhiệm vụ"],
                [[s.label, t.counts[s]] for s in STATUS_ROWS] + [["Tổng số", t.total]], summary),
        Section("THEO ĐƠN VỊ CHỦ TRÌ", "Don vi", ["Đơn vị", "Có hạn trong kỳ", "Đúng hạn", "Quá hạn", "Đang quá hạn",
                                                  "Tỷ lệ đúng hạn (%)"],
                [[u.unit.name, u.total, u.counts[Status.DONE_ON_TIME], u.counts[Status.DONE_LATE],
                  u.counts[Status.OVERDUE], round(u.on_time_rate, 1) if u.on_time_rate is not None else None]
                 for u in report.by_unit]),
        Section("NHIỆM VỤ ĐANG QUÁ HẠN", "Qua han", ["Nhiệm vụ", "Chủ trì", "Hạn", "Số ngày trễ", "Báo cáo gần nhất"],
                [[o.task.content, o.task.lead.name, o.task.due_on, o.days_late, o.last_report] for o in report.overdue],
                f"Tổng số: {report.overdue_count} nhiệm vụ."),
        Section("NHIỆM VỤ ĐƯỢC GIA HẠN TRONG KỲ", "Gia han", ["Nhiệm vụ", "Chủ trì", "Hạn cũ", "Hạn mới", "Lý do"],
                [[e.task.content, e.task.lead.name, e.old_deadline, e.new_deadline, e.reason]
                 for e in report.extended]),
        Section("THEO VĂN BẢN CHỈ ĐẠO", "Van ban", ["Văn bản", "Trích yếu", "Số nhiệm vụ", "Đã hoàn thành",
                                                     "Đang quá hạn"],
                [[d.symbol, d.subject, d.total, d.done, d.overdue] for d in report.documents]),
    ]
    if report.petitions:
        parts.append(Section("KIẾN NGHỊ, ĐỀ XUẤT", "Kien nghi", ["Đơn vị xử lý", "Tiếp nhận trong kỳ",
                                                                "Trả lời trong kỳ", "Trả lời đúng hạn", "Đang quá hạn"],
                             report.petitions))
    if report.ntm is not None:
        n = report.ntm
        parts.append(Section("XÂY DỰNG NÔNG THÔN MỚI", "Nong thon moi", ["Xã", "Tiêu chí đạt", "Mức"],
                             [[st.area.name, f"{st.met}/{st.total}", st.level_label] for st in n.statuses],
                             f"Đến ngày {n.day:%d/%m/%Y}: {n.line}; nâng cao {n.advanced}; kiểu mẫu {n.model}; "
                             f"xã dưới {n.low_threshold} tiêu chí: {n.below_threshold}."))
    if report.indicators:
        parts.append(Section("CHỈ TIÊU SO VỚI KẾ HOẠCH", "Chi tieu", ["Chỉ tiêu", "Thực hiện", "Kế hoạch",
                                                                      "% kế hoạch", "Đánh giá"],
                             [[r.indicator.name, float(r.actual) if r.actual is not None else None,
                               float(r.plan) if r.plan is not None else None,
                               round(float(r.percent_of_plan), 1) if r.percent_of_plan is not None else None,
                               r.light_label] for r in report.indicators]))
    return parts


STATUS_ROWS = [Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE, Status.ON_TIME, Status.NOT_STARTED,
               Status.AWAITING, Status.PAUSED, Status.CANCELLED]
