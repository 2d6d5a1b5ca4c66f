"""Meetings (buổi làm việc, hội nghị, đối thoại, tiếp công dân): who chaired, who attended, who said
what, and the conclusions issued — a conclusion notice is a Document, so its tasks follow from it."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.core.text import fold
from dieuhanh.documents.models import Document
from dieuhanh.org.models import Person, Unit


class Meeting(models.Model):
    class Kind(models.TextChoices):
        WORKING_SESSION = "working", "Buổi làm việc"
        CONFERENCE = "conference", "Hội nghị"
        DIALOGUE_OFFICIALS = "dialogue", "Đối thoại với cán bộ"
        DIALOGUE_CITIZENS = "citizens", "Đối thoại với Nhân dân"
        RECEPTION = "reception", "Tiếp công dân"

    # Answers to what was raised here are proposed for the public page; the receiving office approves each.
    PUBLIC_KINDS = {Kind.DIALOGUE_CITIZENS, Kind.RECEPTION}

    kind = models.CharField("hình thức", max_length=12, choices=Kind.choices)
    title = models.CharField("tên cuộc họp", max_length=300)
    starts_at = models.DateTimeField("thời gian")
    place = models.CharField("địa điểm", max_length=200, blank=True)
    host_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="meetings", verbose_name="cơ quan chủ trì")
    tree = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    chairs = models.CharField("chủ trì", max_length=300, blank=True)
    attending_units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name="đơn vị dự")
    attendees = models.TextField("thành phần dự", blank=True)
    agenda = models.TextField("nội dung, chương trình", blank=True)
    presented = models.ManyToManyField(Document, blank=True, related_name="presented_at",
                                       verbose_name="tài liệu trình bày")
    conclusions = models.ManyToManyField(Document, blank=True, related_name="concluding_meetings",
                                         verbose_name="kết luận, thông báo kết luận")
    search_text = models.TextField(editable=False, default="")
    FULLTEXT = ("search_text",)  # indexed for the search on SQLite too (core.fulltext)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"], m2m_fields=[attending_units, presented, conclusions])

    class Meta:
        verbose_name = "cuộc họp"
        verbose_name_plural = "cuộc họp"
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["tree", "-starts_at"], name="meeting_tree_recent"),
                   models.Index(fields=["starts_at", "id"], name="meeting_starts")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.tree_id = self.host_unit.root_id
        self.search_text = fold(f"{self.title} {self.place} {self.chairs} {self.agenda}")
        super().save(*args, **kwargs)


class Opinion(models.Model):
    """What one person said: speaker, title, unit, the gist, and the full text when it was recorded."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinions")
    order = models.PositiveSmallIntegerField(default=0)
    speaker = models.CharField("người phát biểu", max_length=120)
    title = models.CharField("chức vụ", max_length=200, blank=True)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name="đơn vị")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions")
    gist = models.CharField("ý chính", max_length=500)
    text = models.TextField("toàn văn", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ý kiến"
        verbose_name_plural = "ý kiến"
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.speaker}: {self.gist[:60]}"
