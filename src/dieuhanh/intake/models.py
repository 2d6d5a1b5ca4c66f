"""A draft read from a file or pasted text, waiting for a person to correct and confirm it.

A draft is scratch work, not business data: confirming turns it into a document, tasks, figures,
people and petitions (which keep history) and deletes it; cancelling deletes it and its file."""

from django.conf import settings
from django.db import models

from dieuhanh.org.models import Unit


class Draft(models.Model):
    class State(models.TextChoices):
        READING = "reading", "Đang đọc"
        READY = "ready", "Sẵn sàng rà soát"
        FAILED = "failed", "Không đọc được"

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    issuer = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name="cơ quan ban hành")
    source = models.FileField(upload_to="intake/%Y/%m/", blank=True)
    source_name = models.CharField(max_length=255, blank=True)
    # Taken in from an edXML package: the package kept (its other attachments join the document) and its header,
    # which is what the sender declared and fills the review form before what the engine read.
    package = models.FileField(upload_to="intake/%Y/%m/", blank=True)
    envelope = models.JSONField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    text = models.TextField(blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.READING)
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    extraction = models.JSONField(null=True, blank=True)  # engine.analyse: items with spans into its "text"
    # What the reviewer typed, kept when the review is left and reopened (the form as submitted).
    review = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.source_name or f"Văn bản dán ngày {self.created_at:%d/%m/%Y}"

    @property
    def is_reading(self) -> bool:
        return self.state == self.State.READING

    @property
    def has_failed(self) -> bool:
        return self.state == self.State.FAILED

    @property
    def percent(self) -> int:
        return round(100 * self.pages_done / self.pages_total) if self.pages_total else 0
