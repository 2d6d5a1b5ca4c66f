"""Đôn đốc: automatic reminders N working days before a deadline, on it, and every M working days
while overdue, and manual ones with a message — each logged on the task once, each leaving a
notification for the lead unit's and the coordinating units' officers and leaders."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dieuhanh.errors import checked_text
from dieuhanh.org.models import Role
from dieuhanh.tasks import calendar, policy
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.status import State

from . import mail
from .models import DailyRun, Notification, Reminder

NOTIFIED_ROLES = (Role.OFFICER, Role.LEADER)


def recipients(task: Task):
    units = [task.lead_id, *task.coordinations.values_list("unit_id", flat=True)]
    return get_user_model().objects.filter(is_active=True, memberships__unit_id__in=units,
                                           memberships__role__in=NOTIFIED_ROLES).distinct()


def _text(task: Task, kind: str, day: date, message: str) -> str:
    due = f"{task.due_on:%d/%m/%Y}" if task.due_on else ""
    head = {Reminder.Kind.BEFORE: f"Nhiệm vụ sắp đến hạn ({due})",
            Reminder.Kind.DUE: f"Nhiệm vụ đến hạn hôm nay ({due})",
            Reminder.Kind.OVERDUE: f"Nhiệm vụ đã quá hạn {(day - task.due_on).days if task.due_on else 0} ngày",
            Reminder.Kind.MANUAL: "Đôn đốc thực hiện nhiệm vụ"}[kind]
    return f"{head}: {task.content[:200]}" + (f" — {message}" if message else "")


def _send(task: Task, kind: str, day: date, message: str = "", actor=None) -> Reminder | None:
    """Log the reminder and notify; None when this automatic reminder was already sent that day."""
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(task=task, kind=kind, day=day, message=message, sent_by=actor)
            people = list(recipients(task))
            text = _text(task, kind, day, message)
            link = reverse("task_detail", args=[task.pk])
            notes = Notification.objects.bulk_create([Notification(user=u, reminder=reminder, task=task, text=text,
                                                                   link=link) for u in people])
            mail.queue_each(notes)
            reminder.recipients = len(people)
            reminder.save(update_fields=["recipients"])
    except IntegrityError:
        return None
    return reminder


def remind(actor, task: Task, message: str) -> Reminder:
    """The "Đôn đốc" button: the assigning unit's trackers and leaders urge the units doing the task."""
    policy.require(actor, "remind", task)
    message = checked_text(message, "Nội dung đôn đốc", 1000)
    return _send(task, Reminder.Kind.MANUAL, calendar.today(), message, actor)


def overdue_days(today: date, every: int, horizon: int = 260 * 3) -> list[date]:
    """The deadlines that are a positive multiple of `every` working days before today."""
    days, count, day = [], 0, today
    while count < horizon:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            count += 1
            if count % every == 0:
                days.append(day)
    return days


CATCH_UP_DAYS = 10  # working days a stopped job catches up when it starts again


def _remind_on(day: date) -> int:
    open_tasks = Task.objects.filter(state=State.OPEN, recurrence="")
    default = settings.DIEUHANH_REMIND_DAYS_BEFORE
    before = open_tasks.filter(remind_days_before__isnull=True,
                               due_on=calendar.add_working_days(day, default))
    for n in set(open_tasks.filter(remind_days_before__isnull=False).values_list("remind_days_before", flat=True)):
        before = before | open_tasks.filter(remind_days_before=n, due_on=calendar.add_working_days(day, n))
    plan = [
        (Reminder.Kind.BEFORE, before),
        (Reminder.Kind.DUE, open_tasks.filter(due_on=day)),
        (Reminder.Kind.OVERDUE, open_tasks.filter(
            due_on__in=overdue_days(day, settings.DIEUHANH_REMIND_OVERDUE_EVERY))),
    ]
    sent = 0
    for kind, tasks in plan:
        for task in tasks.iterator():
            sent += _send(task, kind, day) is not None
    return sent


def run_daily(today: date | None = None) -> int:
    """Every automatic reminder due today and on the working days a stopped job missed (up to
    CATCH_UP_DAYS); safe to run again or on several workers: each reminder is sent once."""
    today = today or calendar.today()
    last = DailyRun.objects.filter(day__lt=today).order_by("-day").values_list("day", flat=True).first()
    span = [today] if last is None else [last + timedelta(days=i) for i in range(1, (today - last).days + 1)]
    days = [d for d in span if calendar.is_working_day(d)][-CATCH_UP_DAYS:]
    sent = 0
    for day in days:
        sent += _remind_on(day)
        DailyRun.objects.get_or_create(day=day)
    return sent


def deliver_event(event) -> int:
    """The events app's handler: an in-app notification for each recipient (always), and a mail now for
    those who want one each; the others get it in the day's digest."""
    task_id = event.target_id if event.target_type.model_class() is Task else None
    people = list(event.recipients.all())
    notes = Notification.objects.bulk_create(
        [Notification(user=u, event=event, task_id=task_id, text=event.text, link=event.link) for u in people])
    mail.queue_each(notes, event.get_kind_display())
    return len(notes)


def unread(user):
    return Notification.objects.filter(user=user, read_at__isnull=True)


def mark_read(user, ids=None) -> int:
    rows = unread(user)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())
