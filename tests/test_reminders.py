"""Đôn đốc: automatic reminders on the right working days across Tết, each exactly once; manual
reminders by the assigning unit; the bell and the list of notifications."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from dieuhanh.core import calendar
from dieuhanh.notify import services
from dieuhanh.notify.models import Notification, Reminder
from dieuhanh.tasks.models import Task


def test_reminders_fall_on_working_days_around_tet_exactly_once(province, settings):
    settings.DIEUHANH_REMIND_DAYS_BEFORE = 3
    settings.DIEUHANH_REMIND_OVERDUE_EVERY = 5
    tet_days = [d for d in (date(2027, 2, 1) + timedelta(days=i) for i in range(20))
                if d.weekday() < 5 and not calendar.is_working_day(d)]
    assert tet_days, "Tết 2027 falls in February"
    due = calendar.next_working_day(tet_days[-1] + timedelta(days=1))  # first working day after Tết
    task = province.task("Báo cáo sau Tết", deadline=due, issued_on=date(2027, 1, 4),
                         coordinators=[province.snv])
    day = date(2027, 1, 20)
    while day <= date(2027, 3, 31):
        services.run_daily(day)
        services.run_daily(day)  # a second worker, or a rerun: nothing twice
        day += timedelta(days=1)
    sent = list(Reminder.objects.filter(task=task).order_by("day").values_list("kind", "day"))
    before_day = sent[0][1]
    assert sent[0][0] == "before" and calendar.add_working_days(before_day, 3) == due and before_day < tet_days[0]
    assert ("due", due) in sent
    overdue = [d for k, d in sent if k == "overdue"]
    assert overdue[:2] == [calendar.add_working_days(due, 5), calendar.add_working_days(due, 10)]
    assert all(calendar.is_working_day(d) for _, d in sent)
    assert len(sent) == len(set(sent))
    # lead unit officer and leader, the coordinating unit's officer: one notification each per reminder
    people = {n.user for n in Notification.objects.filter(reminder__task=task)}
    assert {province.lead_officer, province.btc_leader, province.coord_officer} <= people
    assert province.viewer not in people and province.tracker not in people
    assert Notification.objects.filter(user=province.lead_officer).count() == len(sent)


def test_done_tasks_are_not_reminded(province):
    task = province.task("Đã xong", deadline=date(2027, 3, 10))
    task.state = "done"
    task.save()
    assert services.run_daily(date(2027, 3, 10)) == 0


def test_manual_reminders_come_from_the_assigning_unit(province, login):
    task = province.task("Rà soát quy hoạch cán bộ", deadline=date(2099, 1, 5))
    reminder = services.remind(province.tracker, task, "Đề nghị báo cáo trước thứ Sáu")
    assert reminder.kind == "manual" and reminder.recipients >= 2
    services.remind(province.leader, task, "Nhắc lần hai")  # manual reminders may repeat
    with pytest.raises(PermissionDenied):
        services.remind(province.lead_officer, task, "Tự nhắc")
    officer = login(province.lead_officer)
    page = officer.get("/viec-cua-don-vi/").content.decode()
    assert 'data-unread="2"' in page
    listing = officer.get("/thong-bao/").content.decode()
    assert "Đề nghị báo cáo trước thứ Sáu" in listing
    officer.post("/thong-bao/da-doc/", {})
    assert services.unread(province.lead_officer).count() == 0
    response = login(province.tracker).post(f"/nhiem-vu/{task.pk}/don-doc/", {"message": ""}, follow=True)
    assert "Nội dung đôn đốc không được để trống." in response.content.decode()
    assert Reminder.objects.filter(task=task).count() == 2


def test_a_day_the_job_missed_is_caught_up_when_it_runs_again(province):
    due = date(2027, 3, 10)  # a Wednesday
    task = province.task("Không để sót nhắc việc", deadline=due, issued_on=date(2027, 3, 1))
    services.run_daily(date(2027, 3, 8))
    assert services.run_daily(date(2027, 3, 12)) >= 1  # the worker was down on 9, 10 and 11 March
    assert ("due", due) in set(Reminder.objects.filter(task=task).values_list("kind", "day"))


def test_a_task_can_be_reminded_earlier_than_the_default(province, settings):
    settings.DIEUHANH_REMIND_DAYS_BEFORE = 3
    task = province.task("Nhắc sớm", deadline=date(2027, 3, 19), issued_on=date(2027, 3, 1))
    task.remind_days_before = 7
    task.save()
    services.run_daily(date(2027, 3, 10))  # 7 working days before Friday 19 March
    assert Reminder.objects.filter(task=task, kind="before", day=date(2027, 3, 10)).exists()


def test_a_person_chooses_how_to_receive_mail(province, login):
    from dieuhanh.notify import mail
    client = login(province.lead_officer)
    client.post("/thong-bao/thu/", {"mail": "each"})
    assert mail.preference(province.lead_officer) == "each"
    assert "không hợp lệ" in client.post("/thong-bao/thu/", {"mail": "fax"}, follow=True).content.decode()


def test_the_next_reminder_is_kept_on_the_task_and_moves_with_it(province, settings):
    from dieuhanh.tasks import services as tasks
    from dieuhanh.tasks.schedule import next_on_or_after

    settings.DIEUHANH_REMIND_DAYS_BEFORE, settings.DIEUHANH_REMIND_OVERDUE_EVERY = 3, 5
    task = province.task("Theo lịch nhắc", deadline=date(2099, 3, 20))  # a Friday
    assert (task.next_reminder_on, task.next_reminder_kind) == (date(2099, 3, 17), "before")
    tasks.request_extension(province.lead_officer, task, new_deadline=date(2099, 4, 30), reason="Chờ số liệu")
    tasks.decide_extension(province.tracker, task.extensions.get(), approve=True)
    task.refresh_from_db()
    assert task.next_reminder_on == calendar.subtract_working_days(task.due_on, 3)
    tasks.pause(province.tracker, task, reason="Chờ")
    task.refresh_from_db()
    assert task.next_reminder_on is None  # a paused task is not reminded
    due = date(2099, 3, 20)
    assert next_on_or_after(due, 3, date(2099, 3, 18)) == (due, "due")
    assert next_on_or_after(due, 3, date(2099, 3, 21)) == (calendar.add_working_days(due, 5), "overdue")
    tenth = calendar.add_working_days(due, 10)
    assert next_on_or_after(due, 3, calendar.add_working_days(due, 6)) == (tenth, "overdue")
    assert next_on_or_after(due, 3, tenth) == (tenth, "overdue")


def test_two_workers_claiming_the_same_reminder_send_it_once(province):
    task = province.task("Hai tiến trình", deadline=date(2027, 3, 10), issued_on=date(2027, 3, 1))
    stale = Task.objects.get(pk=task.pk)  # what a second worker read before the first one claimed it
    services.run_daily(date(2027, 3, 5))
    assert Reminder.objects.filter(task=task).count() == 1
    claimed = Task.objects.filter(pk=task.pk, next_reminder_on=stale.next_reminder_on).update(next_reminder_on=None)
    assert claimed == 0  # the compare-and-swap refuses the stale claim


def test_the_daily_job_reads_only_tasks_with_a_reminder_due(province):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(day) -> int:
        with CaptureQueriesContext(connection) as seen:
            assert services.run_daily(day) == 0
        return len(seen)

    province.task("Còn xa hạn", deadline=date(2099, 1, 1))
    few = queries(date(2027, 3, 5))
    for i in range(30):
        province.task(f"Còn xa hạn {i}", deadline=date(2099, 1, 1) + timedelta(days=i))
    assert queries(date(2027, 3, 8)) == few  # nothing recomputed per task: one indexed read


def test_petitions_remind_the_unit_handling_them_before_on_and_after_the_answer_date(province):
    from dieuhanh.events.models import Event, Kind
    from dieuhanh.petitions import reminders
    from dieuhanh.petitions import services as petitions
    from dieuhanh.petitions.models import Petition

    petition = petitions.record(province.tracker, petitions.PetitionInput(
        source=Petition.Source.MEETING, submitter="Cử tri xã Thạch Lạc", content="Sửa đường liên thôn",
        receiving_unit=province.root, responsible_unit=province.btc, received_on=date(2027, 3, 1),
        due_on=date(2027, 3, 19)))
    kinds = []
    day = date(2027, 3, 1)
    while day <= date(2027, 4, 10):
        reminders.run_daily(day)
        reminders.run_daily(day)  # a rerun sends nothing twice
        day += timedelta(days=1)
    kinds = list(Event.objects.filter(target_id=petition.pk, kind__startswith="petition_").exclude(
        kind=Kind.PETITION_ROUTED).order_by("id").values_list("kind", flat=True))
    assert kinds[:3] == [Kind.PETITION_DUE_SOON, Kind.PETITION_DUE, Kind.PETITION_OVERDUE]
    assert len(kinds) == 2 + len([k for k in kinds if k == Kind.PETITION_OVERDUE])
    event = Event.objects.filter(kind=Kind.PETITION_DUE).get()
    assert {u.username for u in event.recipients.all()} == {"truongban", "bantochuc"}
    petitions.answer(province.lead_officer, petition, "Đã sửa xong")
    petition.refresh_from_db()
    assert petition.next_reminder_on is None  # answered: no more reminders
