"""Domain events: one row for each step of the workflow (a task assigned, a completion returned, a
petition transferred …), written in the same transaction as the step, delivered after commit."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Kind(models.TextChoices):
    ASSIGNED = "assigned", "Được giao nhiệm vụ"
    DELEGATED = "delegated", "Được giao nhiệm vụ con"
    ACKNOWLEDGED = "acknowledged", "Đã tiếp nhận nhiệm vụ"
    PROGRESS = "progress", "Báo cáo tiến độ"
    COMPLETION_REQUESTED = "completion_requested", "Đề nghị hoàn thành"
    ACCEPTED = "accepted", "Nghiệm thu hoàn thành"
    RETURNED = "returned", "Trả lại đề nghị hoàn thành"
    EXTENSION_REQUESTED = "extension_requested", "Đề nghị gia hạn"
    EXTENSION_DECIDED = "extension_decided", "Quyết định gia hạn"
    PAUSED = "paused", "Tạm dừng nhiệm vụ"
    RESUMED = "resumed", "Tiếp tục nhiệm vụ"
    CANCELLED = "cancelled", "Dừng thực hiện nhiệm vụ"
    EDITED = "edited", "Sửa nhiệm vụ"
    EXPLANATION_REQUESTED = "explanation_requested", "Yêu cầu giải trình chỉ tiêu"
    PETITION_ROUTED = "petition_routed", "Chuyển kiến nghị đến đơn vị"
    PETITION_TRANSFERRED = "petition_transferred", "Chuyển tiếp kiến nghị"
    PETITION_ANSWERED = "petition_answered", "Trả lời kiến nghị"
    PETITION_RATED = "petition_rated", "Người kiến nghị đánh giá câu trả lời"
    PETITION_DUE_SOON = "petition_due_soon", "Kiến nghị sắp đến hạn trả lời"
    PETITION_DUE = "petition_due", "Kiến nghị đến hạn trả lời hôm nay"
    PETITION_OVERDUE = "petition_overdue", "Kiến nghị đã quá hạn trả lời"
    COMMENTED = "commented", "Trao đổi"
    MENTIONED = "mentioned", "Được nhắc đến trong trao đổi"
    REPORT_READY = "report_ready", "Báo cáo đã lập xong"
    REPORT_FAILED = "report_failed", "Không lập được báo cáo"
    PRODUCT_DONE = "product_done", "Báo hoàn thành sản phẩm"
    PRODUCT_CONFIRMED = "product_confirmed", "Xác nhận sản phẩm"
    PRODUCT_RETURNED = "product_returned", "Trả lại sản phẩm"
    PRODUCT_REASSIGNED = "product_reassigned", "Giao lại sản phẩm"


class Event(models.Model):
    kind = models.CharField(max_length=30, choices=Kind.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    link = models.CharField(max_length=300)  # where reading it leads: the object's own page
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once notifications and mails were produced: a crash after commit leaves it empty, and the
    # outbox job delivers it then — never lost, never twice.
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "-created_at"], name="event_target"),
            models.Index(fields=["created_at"], name="event_undelivered", condition=models.Q(delivered_at__isnull=True)),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"
