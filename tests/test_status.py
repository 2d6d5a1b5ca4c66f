"""Status is derived from the stored facts, and the queryset filter agrees with the derivation."""

from datetime import date, timedelta

import pytest

from dieuhanh.tasks.models import Task
from dieuhanh.tasks.status import Group, Recurrence, State, Status, derive, group, group_q, status_q

TODAY = date(2026, 6, 15)
PAST, FUTURE = TODAY - timedelta(days=10), TODAY + timedelta(days=10)


def status(state=State.OPEN, recurrence="", due_on=FUTURE, done_on=None, requested_done_on=None, last_report_on=None):
    return derive(state=state, recurrence=recurrence, due_on=due_on, done_on=done_on,
                  requested_done_on=requested_done_on, last_report_on=last_report_on, today=TODAY)


def test_not_started_when_nobody_reported_and_deadline_ahead():
    assert status() == Status.NOT_STARTED


def test_in_progress_within_deadline():
    assert status(last_report_on=PAST) == Status.ON_TIME


def test_due_today_is_still_within_deadline():
    assert status(due_on=TODAY, last_report_on=PAST) == Status.ON_TIME


def test_overdue_after_the_effective_deadline():
    assert status(due_on=PAST) == Status.OVERDUE
    assert status(due_on=PAST, last_report_on=PAST) == Status.OVERDUE


def test_done_on_time_and_late():
    assert status(state=State.DONE, due_on=TODAY, done_on=TODAY) == Status.DONE_ON_TIME
    assert status(state=State.DONE, due_on=PAST, done_on=TODAY) == Status.DONE_LATE


def test_awaiting_acceptance_counts_by_when_the_unit_asked():
    assert status(state=State.AWAITING, requested_done_on=PAST) == Status.AWAITING
    assert group(Status.AWAITING, requested_done_on=PAST, due_on=PAST - timedelta(days=1)) == Group.PENDING_OVERDUE
    assert group(Status.AWAITING, requested_done_on=PAST, due_on=FUTURE) == Group.PENDING_ON_TIME


def test_ongoing_periodic_paused_cancelled():
    assert status(recurrence=Recurrence.ONGOING, due_on=None) == Status.ONGOING
    assert status(recurrence=Recurrence.MONTHLY, due_on=None) == Status.PERIODIC
    assert status(state=State.PAUSED, due_on=PAST) == Status.PAUSED
    assert status(state=State.CANCELLED, due_on=PAST) == Status.CANCELLED


def test_every_status_has_a_vietnamese_label():
    assert Status.OVERDUE.label == "Đang thực hiện quá hạn"
    assert Status.DONE_ON_TIME.label == "Hoàn thành đúng hạn"
    assert all(s.label for s in Status)


CASES = [
    dict(),
    dict(last_report_on=PAST),
    dict(due_on=PAST),
    dict(due_on=TODAY, last_report_on=PAST),
    dict(state=State.DONE, due_on=TODAY, done_on=TODAY),
    dict(state=State.DONE, due_on=PAST, done_on=TODAY),
    dict(state=State.AWAITING, requested_done_on=PAST),
    dict(state=State.AWAITING, due_on=PAST - timedelta(days=3), requested_done_on=PAST),
    dict(recurrence=Recurrence.ONGOING, due_on=None),
    dict(recurrence=Recurrence.YEARLY, due_on=None),
    dict(state=State.PAUSED),
    dict(state=State.CANCELLED),
]


@pytest.mark.django_db
def test_queryset_filters_agree_with_derivation(province):
    tasks = []
    for case in CASES:
        t = province.task(deadline=None if case.get("due_on", FUTURE) is None else FUTURE,
                          recurrence=case.get("recurrence", ""))
        fields = {"state": State.OPEN, "due_on": FUTURE, "done_on": None, "requested_done_on": None,
                  "last_report_on": None, **{k: v for k, v in case.items() if k != "recurrence"}}
        Task.objects.filter(pk=t.pk).update(**fields)
        t.refresh_from_db()
        tasks.append(t)
    for s in Status:
        expected = {t.pk for t in tasks if t.status_on(TODAY) == s}
        assert set(Task.objects.filter(status_q(s, TODAY), pk__in=[t.pk for t in tasks]).values_list("pk", flat=True)) == expected, s
    for g in Group:
        expected = {t.pk for t in tasks if group(t.status_on(TODAY), requested_done_on=t.requested_done_on, due_on=t.due_on) == g}
        assert set(Task.objects.filter(group_q(g, TODAY), pk__in=[t.pk for t in tasks]).values_list("pk", flat=True)) == expected, g
