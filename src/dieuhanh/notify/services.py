"""Đôn đốc: automatic reminders N working days before a deadline, on it, and every M working days
while overdue, and manual ones with a message — each logged on the task once, each leaving a
notification for the lead unit's and the coordinating units' officers and leaders."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dieuhanh.core import calendar
from dieuhanh.core.errors import checked_text
from dieuhanh.tasks import policy, schedule
from dieuhanh.tasks.events import doers
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.status import State

from . import mail
from .models import Notification, Reminder


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
            people = doers(task)
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


CATCH_UP_DAYS = 10  # working days a stopped job catches up when it starts again
KINDS = {schedule.BEFORE: Reminder.Kind.BEFORE, schedule.DUE: Reminder.Kind.DUE, schedule.OVERDUE: Reminder.Kind.OVERDUE}


def run_daily(today: date | None = None) -> int:
    """Every automatic reminder due by today, read from the tasks' precomputed next reminder (a partial
    index); a day the job missed is caught up, up to CATCH_UP_DAYS working days back. Each task is
    claimed with a compare-and-swap on its next reminder, so a second worker or a rerun sends nothing twice."""
    today = today or calendar.today()
    oldest = calendar.subtract_working_days(today, CATCH_UP_DAYS - 1)
    sent = 0
    due_tasks = Task.objects.filter(state=State.OPEN, next_reminder_on__lte=today).order_by("next_reminder_on", "id")
    for task in due_tasks.iterator():
        with transaction.atomic():
            reminders = schedule.claim_due(task, today, lambda day: schedule.for_task(task, day)) or []
            for kind, day in reminders:
                if day >= oldest:
                    sent += _send(task, KINDS[kind], day) is not None
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
