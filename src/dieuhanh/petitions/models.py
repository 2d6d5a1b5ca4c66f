"""Petitions and proposals (kiến nghị, đề xuất, phản ánh): who raised what, to whom, who must answer by
when, the answer and how it went back to the submitter. Status follows the path of the citizens'
feedback systems; "quá hạn" is derived (see rules.py). Every model keeps its history."""

import secrets

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.core import calendar
from dieuhanh.core.text import fold
from dieuhanh.documents.models import Document
from dieuhanh.org.models import Area, Unit
from dieuhanh.tasks.schedule import next_on_or_after

# Tracking codes avoid letters read alike (0/O, 1/I/L) since citizens copy them by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    return "KN-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class Field(models.Model):
    """A field of petitions (lĩnh vực) with its answer time limits; the list is edited by administrators."""

    name = models.CharField("lĩnh vực", max_length=120, unique=True)
    answer_days = models.PositiveSmallIntegerField("thời hạn trả lời (ngày làm việc)", default=10)
    complex_days = models.PositiveSmallIntegerField("thời hạn khi phức tạp (ngày làm việc)", default=30)
    is_active = models.BooleanField("đang dùng", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lĩnh vực kiến nghị"
        verbose_name_plural = "lĩnh vực kiến nghị"
        ordering = ["name"]

    def __str__(self):
        return self.name


class RoutingRule(models.Model):
    """By field (and area, when given) a petition goes to a default responsible unit."""

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="rules", verbose_name="lĩnh vực")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.CASCADE, verbose_name="địa bàn")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị xử lý mặc định")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "quy tắc chuyển xử lý"
        verbose_name_plural = "quy tắc chuyển xử lý"
        constraints = [models.UniqueConstraint(fields=["field", "area", "unit"], name="routing_rule_unique")]

    def __str__(self):
        return f"{self.field} → {self.unit}"


class Petition(models.Model):
    class Source(models.TextChoices):
        DOCUMENT = "document", "Văn bản, thông báo kết luận"
        MEETING = "meeting", "Buổi làm việc, hội nghị, đối thoại"
        RECEPTION = "reception", "Tiếp công dân"
        LETTER = "letter", "Đơn, thư"
        PUBLIC_FORM = "public_form", "Gửi qua cổng công khai"

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ tiếp nhận"
        RECEIVED = "received", "Đã tiếp nhận"
        TRANSFERRED = "transferred", "Chuyển xử lý"
        IN_PROGRESS = "in_progress", "Đang xử lý"
        ANSWERED = "answered", "Đã trả lời"
        REFUSED = "refused", "Từ chối"
        CLOSED = "closed", "Đã đóng"

    # Still waiting for its answer.
    OPEN_STATUSES = frozenset({Status.PENDING, Status.RECEIVED, Status.TRANSFERRED, Status.IN_PROGRESS})

    class Urgency(models.TextChoices):
        URGENT = "urgent", "Khẩn"
        NORMAL = "normal", "Bình thường"
        COMPLEX = "complex", "Phức tạp"

    class SubmitterKind(models.TextChoices):
        UNIT = "unit", "Cơ quan, đơn vị"
        OFFICIAL = "official", "Cán bộ"
        CITIZEN = "citizen", "Công dân, tổ chức"

    code = models.CharField("mã tra cứu", max_length=16, unique=True, null=True, editable=False)
    source = models.CharField("nguồn", max_length=12, choices=Source.choices, default=Source.DOCUMENT)
    meeting = models.ForeignKey("meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="petitions", verbose_name="cuộc họp, đối thoại")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="petitions",
                                 verbose_name="văn bản ghi nhận")
    submitter_kind = models.CharField("người kiến nghị là", max_length=10, choices=SubmitterKind.choices,
                                      default=SubmitterKind.OFFICIAL)
    # Units and officials are named in public; a citizen is shown as "Công dân" and their contact details
    # below are read only with the `view_citizen_contact` permission.
    submitter = models.CharField("người, đơn vị kiến nghị", max_length=300)
    submitter_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       verbose_name="đơn vị kiến nghị")
    citizen_phone = models.CharField("điện thoại", max_length=20, blank=True)
    citizen_email = models.EmailField("thư điện tử", blank=True)
    citizen_address = models.CharField("địa chỉ", max_length=300, blank=True)
    content = models.TextField("nội dung")
    addressed_to = models.CharField("gửi đến (như văn bản ghi)", max_length=300, blank=True)
    field = models.ForeignKey(Field, null=True, blank=True, on_delete=models.PROTECT, related_name="petitions",
                              verbose_name="lĩnh vực")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name="địa bàn")
    receiving_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       verbose_name="cơ quan tiếp nhận")
    responsible_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="petitions", verbose_name="đơn vị chịu trách nhiệm")
    # The unit tree (province) it belongs to: scoping by whole province is one indexed filter, as for tasks.
    tree = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+", editable=False)
    urgency = models.CharField("mức độ", max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    received_on = models.DateField("ngày tiếp nhận")
    submitted_at = models.DateTimeField("thời điểm gửi", null=True, blank=True)
    receive_due_at = models.DateTimeField("hạn tiếp nhận", null=True, blank=True)
    accepted_at = models.DateTimeField("thời điểm tiếp nhận", null=True, blank=True)
    due_on = models.DateField("hạn trả lời", null=True, blank=True)
    # The next reminder to the unit handling it, kept by save() (the tasks' rhythm: before, on, after).
    next_reminder_on = models.DateField(null=True, blank=True, editable=False)
    next_reminder_kind = models.CharField(max_length=10, blank=True, default="", editable=False)
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.PENDING)
    refusal_reason = models.TextField("lý do từ chối", blank=True)
    # Published only when the receiving office approves the answer for publication (is_public); raised at a
    # dialogue, a reception or on the public page it is proposed for publication, and the office decides.
    publish_proposed = models.BooleanField("đề nghị công khai", default=False)
    is_public = models.BooleanField("đã duyệt công khai câu trả lời", default=False)
    withheld_reason = models.TextField("lý do không công khai", blank=True)
    reopened_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="reopenings", verbose_name="kiến nghị lại của")
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="duplicates", verbose_name="trùng với")
    # A keyed hash of the sender's address, for the public form's rate limit; the address is not kept.
    sender_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    FULLTEXT = ("search_text",)  # indexed for the search on SQLite too (core.fulltext)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text", "next_reminder_on", "next_reminder_kind"])

    class Meta:
        verbose_name = "kiến nghị"
        verbose_name_plural = "kiến nghị"
        ordering = ["-received_on", "-id"]
        permissions = [("view_citizen_contact", "Xem họ tên, liên hệ của công dân kiến nghị")]
        indexes = [
            models.Index(fields=["tree", "status", "due_on"], name="petition_tree_status_due"),
            models.Index(fields=["responsible_unit", "status", "due_on"], name="petition_unit_status_due"),
            models.Index(fields=["receiving_unit", "status"], name="petition_receiver_status"),
            # The public page reads published answers newest first: a backward scan of this index.
            models.Index(fields=["is_public", "answered_on", "id"], name="petition_public"),
            models.Index(fields=["sender_key", "submitted_at"], name="petition_sender_recent"),
            # The search box reads the newest petitions first (core.fulltext.newest_matching).
            models.Index(fields=["received_on", "id"], name="petition_received"),
            models.Index(fields=["next_reminder_on"], name="petition_next_reminder",
                         condition=models.Q(next_reminder_on__isnull=False)),
        ]

    def __str__(self):
        return f"{self.code or self.pk}: {self.content[:60]}"

    # What the pages show for a status, decided here rather than by comparing status strings in templates.
    STATUS_CSS = {Status.ANSWERED: "success", Status.CLOSED: "success", Status.REFUSED: "muted",
                  Status.PENDING: "warning"}

    @property
    def status_css(self) -> str:
        return self.STATUS_CSS.get(self.status, "info")

    @property
    def awaiting_receipt(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def has_answer(self) -> bool:
        """Answered (not refused, not merged): an answer the office can publish and the submitter can rate."""
        return self.answered_on is not None and not self.refusal_reason and self.duplicate_of_id is None

    @property
    def publication(self) -> str:
        """Where the answer stands for the public page, as the office reads it."""
        if self.is_public:
            return "Đã công khai"
        if self.withheld_reason:
            return "Không công khai"
        return "Chờ duyệt công khai" if self.has_answer and self.publish_proposed else ""

    @property
    def public_submitter(self) -> str:
        return "Công dân" if self.submitter_kind == self.SubmitterKind.CITIZEN else self.submitter

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_code()
        owner = self.receiving_unit or self.responsible_unit
        if owner is not None:
            self.tree_id = owner.root_id
        # What the public page may search: never a citizen's name, and the answers are included.
        answers = " ".join(self.answers.values_list("text", flat=True)) if self.pk else ""
        self.search_text = fold(f"{self.public_submitter} {self.content} {self.addressed_to} {answers}")
        awaiting = self.status in self.OPEN_STATUSES and self.responsible_unit_id is not None
        self.next_reminder_on, self.next_reminder_kind = (
            next_on_or_after(self.due_on, None, calendar.today()) if awaiting else (None, ""))
        super().save(*args, **kwargs)


class Answer(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="answers")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị trả lời")
    text = models.TextField("nội dung trả lời")
    resolved = models.BooleanField("đã giải quyết", default=False)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="văn bản trả lời")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField()
    sent_at = models.DateTimeField("đã gửi cho người kiến nghị lúc", null=True, blank=True)
    sent_via = models.CharField("hình thức gửi", max_length=120, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "trả lời kiến nghị"
        verbose_name_plural = "trả lời kiến nghị"
        ordering = ["-answered_at", "-id"]


class AnswerFile(models.Model):
    """Evidence for an answer: the reply document, a photo, a file."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="kien-nghi/%Y/%m/")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    history = HistoricalRecords()


class Transfer(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("lý do", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "id"]


class FollowUp(models.Model):
    """What the submitter said of the answer: satisfied, or asks again (a new petition, linked) — told to
    the office, or given by the citizen on the public page with the tracking code."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="follow_ups")
    satisfied = models.BooleanField("hài lòng")
    text = models.TextField("ý kiến", blank=True)
    online = models.BooleanField("qua trang công khai", default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "id"]
