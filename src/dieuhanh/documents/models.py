"""Leadership documents (văn bản chỉ đạo) and their attached files."""

from datetime import date

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.core.text import fold
from dieuhanh.org.models import PartyTerm, Unit

from .symbols import KIND_NAMES


def party_term_label(issuer: Unit, on: date) -> str:
    """The committee term a Party document falls in: a recorded PartyTerm, else the regular
    five-year congress cycle counted from DIEUHANH_PARTY_TERM_FIRST_YEAR (congresses in autumn)."""
    term = (
        PartyTerm.objects.filter(unit=issuer, starts_on__lte=on)
        .filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on))
        .order_by("-starts_on")
        .first()
    )
    if term:
        return term.label
    first = settings.DIEUHANH_PARTY_TERM_FIRST_YEAR
    start = first + ((on.year - first) // 5) * 5
    if on < date(start, 10, 1):
        start -= 5
    return f"{start}-{start + 5}"


class Document(models.Model):
    class System(models.TextChoices):
        PARTY = "party", "Văn bản của Đảng"
        STATE = "state", "Văn bản hành chính"

    system = models.CharField("hệ thống", max_length=5, choices=System.choices)
    kind = models.CharField("loại", max_length=6)
    number = models.PositiveIntegerField("số")
    symbol = models.CharField("số, ký hiệu", max_length=60)
    # The numbering series the number belongs to (STANDARDS §1): State "2023" or "2022/L" (legal
    # normative); Party "TB/2020-2025" (type over a committee term).
    series = models.CharField(max_length=40, editable=False)
    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="documents", verbose_name="cơ quan ban hành")
    issued_on = models.DateField("ngày ban hành")
    signer = models.CharField("người ký", max_length=200, blank=True)
    subject = models.CharField("trích yếu", max_length=500)
    body = models.TextField("nội dung", blank=True)
    # Received through the national document exchange: the packet's sender, id, code and date, to answer it with
    # status packets (core.edxml).
    exchange = models.JSONField("gói tin liên thông", null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    FULLTEXT = ("search_text",)  # indexed for the search on SQLite too (core.fulltext)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "series", "number"], name="document_number_unique_in_series")
        ]
        indexes = [models.Index(fields=["issuer", "-issued_on"]),
                   # The search box reads the newest documents first (core.fulltext.newest_matching).
                   models.Index(fields=["issued_on", "id"], name="document_issued")]

    def __str__(self):
        return f"{self.symbol} — {self.subject}"

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.symbol} {self.subject} {self.signer}")
        super().save(*args, **kwargs)


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="van-ban/%Y/%m/")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self):
        return self.name
