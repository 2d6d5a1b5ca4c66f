"""Tasks (nhiệm vụ) and what units do with them: progress reports, completion requests,
extensions. Status is derived (see status.py); history is kept for every model."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.core import calendar
from dieuhanh.org.models import Unit

from . import status as st
from .schedule import for_task


class TaskQuerySet(models.QuerySet):
    """The one status API of every list, count, dashboard, scorecard and report: the same filters as
    `status.derive`, so a number and the list it links to cannot disagree."""

    def in_status(self, status: str, today: date) -> "TaskQuerySet":
        return self.filter(st.status_q(status, today))

    def in_group(self, group: str, today: date) -> "TaskQuerySet":
        return self.filter(st.group_q(group, today))

    def with_status(self, today: date) -> "TaskQuerySet":
        """Each task annotated with its derived status (`status_now`) and report group (`group_now`)."""
        return self.annotate(
            status_now=models.Case(*[models.When(st.status_q(s, today), then=models.Value(s.value)) for s in st.Status],
                                   output_field=models.CharField()),
            group_now=models.Case(*[models.When(st.group_q(g, today), then=models.Value(g.value)) for g in st.Group],
                                  output_field=models.CharField()))


class Task(models.Model):
    content = models.TextField("nội dung nhiệm vụ")
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="tasks", verbose_name="văn bản"
    )
    assigned_by = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị giao")
    lead = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị chủ trì")
    coordinators = models.ManyToManyField(
        Unit, through="Coordination", related_name="+", blank=True, verbose_name="đơn vị phối hợp"
    )
    # The unit tree (province) the task belongs to: lets "the whole province" be one indexed filter.
    tree = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    issued_on = models.DateField("ngày giao")
    # A recurring task's first period: a conclusion entered late starts from a day the assigner chose,
    # not from its own date, so past periods are not created unless asked for.
    starts_on = models.DateField("kỳ đầu tính từ ngày", null=True, blank=True)
    deadline = models.DateField("thời hạn", null=True, blank=True)
    deadline_working_days = models.PositiveSmallIntegerField("số ngày làm việc", null=True, blank=True)
    # Cached effective deadline (a day off moves it to the next working day, BLDS Điều 148);
    # `dieuhanh recompute_due_dates` refreshes it when the holiday calendar changes.
    due_on = models.DateField(null=True, blank=True, editable=False)
    recurrence = models.CharField("lặp lại", max_length=10, choices=st.Recurrence.choices, blank=True, default="")
    series = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="occurrences", verbose_name="nhiệm vụ định kỳ"
    )
    period_key = models.CharField(max_length=10, blank=True, default="")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="nhiệm vụ cha"
    )
    is_key = models.BooleanField("nhiệm vụ trọng tâm", default=False)
    remind_days_before = models.PositiveSmallIntegerField(
        "nhắc trước hạn (ngày làm việc)", null=True, blank=True,
        help_text="Để trống: theo cấu hình chung DIEUHANH_REMIND_DAYS_BEFORE.")
    state = models.CharField(max_length=10, choices=st.State.choices, default=st.State.OPEN)
    # The next automatic reminder (schedule.py), kept by save() whenever the deadline, the state or the
    # reminder setting changes, and moved on by the daily job with a compare-and-swap.
    next_reminder_on = models.DateField(null=True, blank=True, editable=False)
    next_reminder_kind = models.CharField(max_length=10, blank=True, default="", editable=False)
    state_reason = models.TextField("lý do", blank=True)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    last_report_on = models.DateField(null=True, blank=True)
    requested_done_on = models.DateField(null=True, blank=True)
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    # Receipt (đã tiếp nhận): someone of the lead unit opened the task and said so; until then it is
    # "Mới giao" in the unit's inbox.
    acknowledged_at = models.DateTimeField("ngày tiếp nhận", null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name="người tiếp nhận")
    version = models.PositiveIntegerField(default=1)
    search_text = models.TextField(editable=False, default="")
    FULLTEXT = ("search_text",)  # indexed for the search on SQLite too (core.fulltext)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at", "next_reminder_on", "next_reminder_kind"])
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["due_on", "id"]
        indexes = [
            # Lists are ordered by (due_on, id): with the filters' equality columns first, each index
            # hands rows over already in list order, so a page costs the same at any size.
            # Covering on PostgreSQL (`include` is ignored elsewhere): the dashboard's counts by
            # status and lead are read from the index alone.
            models.Index(fields=["tree", "due_on", "id"], name="task_tree_due",
                         include=["lead", "state", "recurrence", "done_on", "last_report_on", "requested_done_on"]),
            models.Index(fields=["tree", "state", "due_on", "id"], name="task_tree_state_due"),
            models.Index(fields=["lead", "state", "due_on", "id"], name="task_lead_state_due"),
            models.Index(fields=["assigned_by", "state", "due_on", "id"], name="task_assigner_state_due"),
            models.Index(fields=["document", "id"], name="task_document"),
            # The search box reads the newest tasks first (core.fulltext.newest_matching).
            models.Index(fields=["issued_on", "id"], name="task_issued"),
            models.Index(fields=["parent"], name="task_parent"),
            # "Mới giao": the open tasks a lead unit has not acknowledged — a few, read from a small index.
            models.Index(fields=["lead", "issued_on"], name="task_lead_unacknowledged",
                         condition=models.Q(acknowledged_at__isnull=True, state="open")),
            # "Bị trả lại": the lead's few open tasks whose completion was returned.
            models.Index(fields=["lead", "due_on", "id"], name="task_lead_returned",
                         condition=models.Q(state="open", returned_at__isnull=False)),
            # The assigner's "chưa tiếp nhận": the same few tasks, by assigning unit, in list order.
            models.Index(fields=["assigned_by", "due_on", "id"], name="task_assigner_unacknowledged",
                         condition=models.Q(acknowledged_at__isnull=True, state="open")),
            # The daily job's reminders: open tasks with a reminder due, from a small index.
            models.Index(fields=["next_reminder_on"], name="task_next_reminder",
                         condition=models.Q(state="open", next_reminder_on__isnull=False)),
            # Open work with a deadline (not ongoing): the overdue list and its count read this range alone,
            # not the finished tasks beside it, and need nothing from the table itself.
            models.Index(fields=["tree", "due_on", "id"], name="task_open_due",
                         condition=models.Q(state="open", recurrence="")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "period_key"], condition=models.Q(series__isnull=False), name="task_one_occurrence_per_period"
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="task_progress_max_100"),
        ]

    def __str__(self):
        return self.content[:80]

    SCHEDULE_FIELDS = {"due_on", "state", "recurrence", "remind_days_before"}

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if fields is None or self.SCHEDULE_FIELDS & set(fields):
            self.next_reminder_on, self.next_reminder_kind = for_task(self, calendar.today())
            if fields is not None:
                kwargs["update_fields"] = [*fields, "next_reminder_on", "next_reminder_kind"]
        super().save(*args, **kwargs)

    # --- derived -----------------------------------------------------------------------
    def status_on(self, today: date) -> st.Status:
        return st.derive(
            state=self.state, recurrence=self.recurrence, due_on=self.due_on, done_on=self.done_on,
            requested_done_on=self.requested_done_on, last_report_on=self.last_report_on, today=today,
        )

    @property
    def status(self) -> st.Status:
        return self.status_on(calendar.today())

    @property
    def is_overdue(self) -> bool:
        return self.status == st.Status.OVERDUE

    @property
    def status_css(self) -> str:
        return st.CSS_OF[self.status]

    @property
    def days_late(self) -> int:
        """Calendar days past the effective deadline (to today, or to the completion date)."""
        if not self.due_on:
            return 0
        end = self.done_on or self.requested_done_on or calendar.today()
        return max(0, (end - self.due_on).days)

    @property
    def is_stale(self) -> bool:
        """The lead unit has not reported for DIEUHANH_STALE_AFTER_DAYS days ("chưa cập nhật")."""
        if self.state != st.State.OPEN:
            return False
        last = self.last_report_on or self.issued_on
        return last < calendar.today() - timedelta(days=settings.DIEUHANH_STALE_AFTER_DAYS)

    @property
    def is_series(self) -> bool:
        return self.recurrence in st.PERIODIC


class Coordination(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="coordinations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="coordinations")
    # Copies of the task's state and effective deadline (kept by services._save), so "tasks this
    # unit coordinates that are overdue" is one index range, as it is for the lead unit.
    state = models.CharField(max_length=10, choices=st.State.choices, default=st.State.OPEN, editable=False)
    due_on = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["state", "due_on"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="coordination_unique")]
        indexes = [
            models.Index(fields=["unit", "task"], name="coordination_unit_task"),
            models.Index(fields=["unit", "state", "due_on"], name="coordination_unit_state_due"),
        ]


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị báo cáo")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    percent = models.PositiveSmallIntegerField("tiến độ (%)")
    text = models.TextField("nội dung báo cáo")
    reported_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["task", "-created_at"], name="report_task_recent")]


class Evidence(models.Model):
    """A file attached to a progress report or a completion request."""

    report = models.ForeignKey(ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    completion = models.ForeignKey(
        "CompletionRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(upload_to="nhiem-vu/%Y/%m/")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    history = HistoricalRecords()


class Decision(models.TextChoices):
    PENDING = "pending", "Chờ xử lý"
    ACCEPTED = "accepted", "Đồng ý"
    REFUSED = "refused", "Trả lại / không đồng ý"


class CompletionRequest(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="completion_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_on = models.DateField()
    note = models.TextField("kết quả thực hiện", blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField("lý do trả lại", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]


class Extension(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    old_deadline = models.DateField()
    new_deadline = models.DateField("thời hạn đề nghị")
    reason = models.TextField("lý do")
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
