"""When a task (or a petition) is next reminded (đôn đốc): N working days before its deadline, on it, then every M
working days while overdue — worked out once when the task changes and kept on the task, so the daily
job reads one small index instead of recomputing hundreds of dates for every task every day."""

from datetime import date, timedelta

from django.conf import settings

from dieuhanh.core import calendar

from .status import Recurrence, State

BEFORE, DUE, OVERDUE = "before", "due", "overdue"
OVERDUE_HORIZON = 260 * 3  # working days after the deadline that overdue reminders go on (about three years)


def next_reminder(*, state: str, recurrence: str, due_on: date | None, days_before: int | None,
                  from_day: date) -> tuple[date | None, str]:
    """A task's first automatic reminder on or after `from_day`, and its kind; (None, "") when there is none."""
    if state != State.OPEN or recurrence != Recurrence.NONE:
        return None, ""
    return next_on_or_after(due_on, days_before, from_day)


def next_on_or_after(due_on: date | None, days_before: int | None, from_day: date) -> tuple[date | None, str]:
    """The reminder rhythm of anything with a deadline (a task, a petition awaiting its answer)."""
    if due_on is None:
        return None, ""
    n = settings.DIEUHANH_REMIND_DAYS_BEFORE if days_before is None else days_before
    before = calendar.subtract_working_days(due_on, n) if n else None
    if before is not None and from_day <= before < due_on:
        return before, BEFORE
    if from_day <= due_on:
        return due_on, DUE
    every = max(1, settings.DIEUHANH_REMIND_OVERDUE_EVERY)
    passed = calendar.working_days_between(due_on, from_day - timedelta(days=1))  # reminders strictly before from_day
    step = passed // every + 1
    if step * every > OVERDUE_HORIZON:
        return None, ""
    return calendar.add_working_days(due_on, step * every), OVERDUE


def for_task(task, from_day: date) -> tuple[date | None, str]:
    return next_reminder(state=task.state, recurrence=task.recurrence, due_on=task.due_on,
                         days_before=task.remind_days_before, from_day=from_day)


def claim_due(obj, today: date, following) -> list[tuple[str, date]] | None:
    """The reminders of `obj` (a task or a petition) scheduled up to today, oldest first, and its
    next reminder moved past today with a compare-and-swap on the value read: None when another
    worker or an earlier run has claimed them. `following(day)` is the object's rhythm after a day."""
    due, day, kind = [], obj.next_reminder_on, obj.next_reminder_kind
    while day is not None and day <= today:
        due.append((kind, day))
        day, kind = following(day + timedelta(days=1))
    claimed = type(obj)._default_manager.filter(
        pk=obj.pk, next_reminder_on=obj.next_reminder_on, next_reminder_kind=obj.next_reminder_kind).update(
        next_reminder_on=day, next_reminder_kind=kind)
    return due if claimed else None
