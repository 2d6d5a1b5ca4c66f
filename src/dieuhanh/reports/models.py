"""A report asked for on the page: built by a background job, its file kept, earlier versions listed."""

from django.conf import settings
from django.db import models


class ReportRun(models.Model):
    class Format(models.TextChoices):
        DOCX = "docx", "Word (.docx)"
        XLSX = "xlsx", "Excel (.xlsx)"
        PDF = "pdf", "PDF"

    class State(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang lập"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Lỗi"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    period = models.CharField("kỳ", max_length=30)
    format = models.CharField("định dạng", max_length=4, choices=Format.choices)
    addressee = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="kính gửi")
    signer = models.ForeignKey("org.Position", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name="người ký")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.FileField(upload_to="bao-cao/%Y/", blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["unit", "period", "format"], condition=models.Q(state__in=["queued", "running"]),
            name="report_one_active_run")]

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.DONE

    @property
    def has_failed(self) -> bool:
        return self.state == self.State.FAILED
