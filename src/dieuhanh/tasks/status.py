"""Task status, derived — never typed by hand (STANDARDS §7).

The stored facts are the workflow `state`, the effective deadline `due_on`, the completion date
`done_on` and whether the lead unit has reported yet; the label follows from them and today.
`status_q` gives the same answer as `derive` as a queryset filter, so lists and counts agree
with what a task page shows.
"""

from datetime import date

from django.db.models import F, Q, TextChoices


class State(TextChoices):
    OPEN = "open", "Đang thực hiện"
    AWAITING = "awaiting", "Chờ nghiệm thu"
    DONE = "done", "Đã hoàn thành"
    PAUSED = "paused", "Tạm dừng"
    CANCELLED = "cancelled", "Dừng thực hiện"


class Recurrence(TextChoices):
    NONE = "", "Không lặp lại"
    ONGOING = "ongoing", "Thường xuyên"
    WEEKLY = "weekly", "Hằng tuần"
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    YEARLY = "yearly", "Hằng năm"


PERIODIC = (Recurrence.WEEKLY, Recurrence.MONTHLY, Recurrence.QUARTERLY, Recurrence.YEARLY)


class Status(TextChoices):
    NOT_STARTED = "not_started", "Chưa thực hiện"
    ON_TIME = "on_time", "Đang thực hiện trong hạn"
    OVERDUE = "overdue", "Đang thực hiện quá hạn"
    AWAITING = "awaiting", "Chờ nghiệm thu"
    DONE_ON_TIME = "done_on_time", "Hoàn thành đúng hạn"
    DONE_LATE = "done_late", "Hoàn thành quá hạn"
    ONGOING = "ongoing", "Thường xuyên"
    PERIODIC = "periodic", "Định kỳ"
    PAUSED = "paused", "Tạm dừng"
    CANCELLED = "cancelled", "Dừng thực hiện"


class Group(TextChoices):
    """How government reports count tasks: done (on time / late), not done (within / overdue)."""

    DONE_ON_TIME = "done_on_time", "Đã hoàn thành đúng hạn"
    DONE_LATE = "done_late", "Đã hoàn thành quá hạn"
    PENDING_ON_TIME = "pending_on_time", "Chưa hoàn thành, trong hạn"
    PENDING_OVERDUE = "pending_overdue", "Chưa hoàn thành, quá hạn"
    NOT_COUNTED = "not_counted", "Không tính (thường xuyên, định kỳ, tạm dừng, dừng)"


GROUP_OF = {
    Status.NOT_STARTED: Group.PENDING_ON_TIME,
    Status.ON_TIME: Group.PENDING_ON_TIME,
    Status.OVERDUE: Group.PENDING_OVERDUE,
    Status.DONE_ON_TIME: Group.DONE_ON_TIME,
    Status.DONE_LATE: Group.DONE_LATE,
    Status.ONGOING: Group.NOT_COUNTED,
    Status.PERIODIC: Group.NOT_COUNTED,
    Status.PAUSED: Group.NOT_COUNTED,
    Status.CANCELLED: Group.NOT_COUNTED,
}
# Awaiting acceptance counts by whether the unit asked in time.
CSS_OF = {
    Status.NOT_STARTED: "muted", Status.ON_TIME: "info", Status.OVERDUE: "danger", Status.AWAITING: "warning",
    Status.DONE_ON_TIME: "success", Status.DONE_LATE: "late", Status.ONGOING: "info", Status.PERIODIC: "info",
    Status.PAUSED: "muted", Status.CANCELLED: "muted",
}


def derive(*, state, recurrence, due_on, done_on, requested_done_on, last_report_on, today: date) -> Status:
    if state == State.CANCELLED:
        return Status.CANCELLED
    if state == State.PAUSED:
        return Status.PAUSED
    if state == State.DONE:
        late = due_on is not None and done_on is not None and done_on > due_on
        return Status.DONE_LATE if late else Status.DONE_ON_TIME
    if state == State.AWAITING:
        return Status.AWAITING
    if recurrence == Recurrence.ONGOING:
        return Status.ONGOING
    if recurrence in PERIODIC:
        return Status.PERIODIC
    if due_on is not None and today > due_on:
        return Status.OVERDUE
    return Status.ON_TIME if last_report_on else Status.NOT_STARTED


def group(status: Status, *, requested_done_on=None, due_on=None) -> Group:
    if status == Status.AWAITING:
        late = due_on is not None and requested_done_on is not None and requested_done_on > due_on
        return Group.PENDING_OVERDUE if late else Group.PENDING_ON_TIME
    return GROUP_OF[status]


_OPEN_DEADLINE = Q(state=State.OPEN, recurrence=Recurrence.NONE)


def status_q(status: str, today: date) -> Q:
    """The queryset filter for one derived status (same rules as `derive`)."""
    return {
        Status.NOT_STARTED: _OPEN_DEADLINE & Q(last_report_on__isnull=True) & (Q(due_on__gte=today) | Q(due_on__isnull=True)),
        Status.ON_TIME: _OPEN_DEADLINE & Q(last_report_on__isnull=False) & (Q(due_on__gte=today) | Q(due_on__isnull=True)),
        Status.OVERDUE: _OPEN_DEADLINE & Q(due_on__lt=today),
        Status.AWAITING: Q(state=State.AWAITING),
        Status.DONE_ON_TIME: Q(state=State.DONE) & (Q(done_on__lte=F("due_on")) | Q(due_on__isnull=True)),
        Status.DONE_LATE: Q(state=State.DONE, done_on__gt=F("due_on")),
        Status.ONGOING: Q(state=State.OPEN, recurrence=Recurrence.ONGOING),
        Status.PERIODIC: Q(state=State.OPEN, recurrence__in=PERIODIC),
        Status.PAUSED: Q(state=State.PAUSED),
        Status.CANCELLED: Q(state=State.CANCELLED),
    }[Status(status)]


def group_q(g: str, today: date) -> Q:
    late_request = Q(state=State.AWAITING, requested_done_on__gt=F("due_on"))
    return {
        Group.DONE_ON_TIME: status_q(Status.DONE_ON_TIME, today),
        Group.DONE_LATE: status_q(Status.DONE_LATE, today),
        Group.PENDING_ON_TIME: status_q(Status.NOT_STARTED, today) | status_q(Status.ON_TIME, today)
        | (Q(state=State.AWAITING) & ~late_request),
        Group.PENDING_OVERDUE: status_q(Status.OVERDUE, today) | late_request,
        Group.NOT_COUNTED: Q(state__in=[State.PAUSED, State.CANCELLED])
        | Q(state=State.OPEN, recurrence__in=[Recurrence.ONGOING, *PERIODIC]),
    }[Group(g)]
