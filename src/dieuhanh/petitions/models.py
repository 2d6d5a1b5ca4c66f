"""Petitions and proposals (kiến nghị, đề xuất): who raised what, to whom, and where it stands."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.documents.models import Document
from dieuhanh.org.models import Unit
from dieuhanh.text import fold


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

    source = models.CharField("nguồn", max_length=12, choices=Source.choices, default=Source.DOCUMENT)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="petitions",
                                 verbose_name="văn bản ghi nhận")
    submitter = models.CharField("người, đơn vị kiến nghị", max_length=300)
    content = models.TextField("nội dung")
    addressed_to = models.CharField("gửi đến (như văn bản ghi)", max_length=300, blank=True)
    responsible_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="petitions", verbose_name="đơn vị chịu trách nhiệm")
    received_on = models.DateField("ngày tiếp nhận")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.PENDING)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = "kiến nghị"
        verbose_name_plural = "kiến nghị"
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"{self.submitter}: {self.content[:60]}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.submitter} {self.content} {self.addressed_to}")
        super().save(*args, **kwargs)
