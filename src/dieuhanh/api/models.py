"""Access tokens for the REST API (issue 18): personal ones a user makes for their own scripts, service ones an
administrator makes for another system (nq57, a ministry tracker). A token acts for its user, narrowed to one
unit's subtree and one role the user holds there (or reading only); only a hash of its secret is kept."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from dieuhanh.org.models import Role, Unit


class ApiToken(models.Model):
    class Kind(models.TextChoices):
        PERSONAL = "personal", "Cá nhân"
        SERVICE = "service", "Hệ thống kết nối"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name="người dùng")
    name = models.CharField("tên gợi nhớ", max_length=120)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.PERSONAL)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="phạm vi đơn vị")
    role = models.CharField("vai trò", max_length=10, choices=Role.choices)
    # "dh_<prefix>_<secret>": the prefix finds the row, the secret's SHA-256 proves it (a random 256-bit
    # secret needs no slow hash: there is nothing to guess from).
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField("hết hạn")
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField("ngày thu hồi", null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    last_used_at = models.DateTimeField("lần dùng gần nhất", null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = "khóa truy cập API"
        verbose_name_plural = "khóa truy cập API"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    def is_active(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "Đã thu hồi"
        return "Đang dùng" if self.is_active() else "Hết hạn"


class CalendarKey(models.Model):
    """The private address of a user's calendar of deadlines (/lich/<key>.ics): whoever has it reads the feed,
    so only its hash is kept and making a new one ends the old address."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_key")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "địa chỉ lịch riêng"
        verbose_name_plural = "địa chỉ lịch riêng"


class Subscription(models.Model):
    """An office's endpoint told of the workflow's events (webhook): the events of the kinds it chose about
    what its owner, narrowed to one unit and role as a token is, may see. Each delivery is signed with the
    subscription's secret (HMAC-SHA256 over the timestamp and the body)."""

    name = models.CharField("tên", max_length=120)
    url = models.URLField("địa chỉ nhận", max_length=500)
    kinds = models.JSONField("loại sự kiện", default=list, blank=True,
                             help_text="Mã các loại sự kiện (để trống: mọi loại), ví dụ [\"assigned\", \"accepted\"].")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="tài khoản đại diện")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="phạm vi đơn vị")
    role = models.CharField("vai trò", max_length=10, choices=Role.choices, default=Role.VIEWER)
    secret = models.CharField("khóa ký", max_length=64, editable=False)
    is_active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đăng ký nhận sự kiện (webhook)"
        verbose_name_plural = "đăng ký nhận sự kiện (webhook)"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = secrets.token_hex(32)
        super().save(*args, **kwargs)


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        DELIVERED = "delivered", "Đã gửi"
        FAILED = "failed", "Gửi không được"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    state = models.CharField("tình trạng", max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    next_attempt_at = models.DateTimeField("lần gửi tới", default=timezone.now)
    last_status = models.PositiveSmallIntegerField("mã trả về gần nhất", null=True, blank=True)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    # Every attempt: when, the response code (none when the endpoint could not be reached), the error.
    log = models.JSONField("các lần gửi", default=list, blank=True)
    delivered_at = models.DateTimeField("lúc gửi được", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lần gửi sự kiện"
        verbose_name_plural = "lần gửi sự kiện"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["subscription", "event"], name="delivery_once_per_event")]
        indexes = [models.Index(fields=["next_attempt_at"], name="delivery_due", condition=models.Q(state="pending"))]
