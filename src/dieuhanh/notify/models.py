"""Reminders (đôn đốc) logged on a task, and the in-app notifications they leave for people."""

from django.conf import settings
from django.db import models

from dieuhanh.tasks.models import Task


class Reminder(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", "Sắp đến hạn"
        DUE = "due", "Đến hạn hôm nay"
        OVERDUE = "overdue", "Đã quá hạn"
        MANUAL = "manual", "Đôn đốc"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    day = models.DateField()
    message = models.TextField(blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # An automatic reminder exists once per task, kind and day, whoever runs the daily job.
        constraints = [models.UniqueConstraint(fields=["task", "kind", "day"], condition=~models.Q(kind="manual"),
                                               name="reminder_once_a_day")]


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    reminder = models.ForeignKey(Reminder, null=True, on_delete=models.CASCADE, related_name="notifications")
    task = models.ForeignKey(Task, null=True, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey("events.Event", null=True, on_delete=models.CASCADE, related_name="notifications")
    link = models.CharField(max_length=300, blank=True)  # the object's page, opened when the notification is read
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]
        # One notification per person and event, however often delivery is attempted.
        constraints = [models.UniqueConstraint(fields=["user", "event"], condition=models.Q(event__isnull=False),
                                               name="notification_once_per_event")]


class Preference(models.Model):
    class Mail(models.TextChoices):
        DIGEST = "digest", "Một thư tổng hợp mỗi ngày"
        EACH = "each", "Mỗi thông báo một thư"
        NONE = "none", "Không nhận thư"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_preference")
    mail = models.CharField("nhận thư điện tử", max_length=10, choices=Mail.choices, default=Mail.DIGEST)


class OutgoingMail(models.Model):
    """The outbox: a mail is written here in the same transaction as what caused it and sent by a
    job, retried with backoff while the server is down, never sent twice (one row per key)."""

    class State(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Không gửi được"

    key = models.CharField(max_length=120, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_try_at"], name="mail_pending")]
