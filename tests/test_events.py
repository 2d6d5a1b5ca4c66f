"""Domain events: one per step, recorded in its transaction, delivered after commit to the people the
rules name, once — in the app and by mail as each person chose."""

from datetime import date, timedelta

import pytest
from django.core import mail as django_mail
from django.core.exceptions import PermissionDenied, ValidationError

from dieuhanh.core import calendar
from dieuhanh.events.models import Event, Kind
from dieuhanh.events.services import deliver, deliver_pending
from dieuhanh.notify import mail
from dieuhanh.notify.models import Notification, OutgoingMail, Preference
from dieuhanh.org.models import Role
from dieuhanh.tasks import services
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db


def told(kind, target) -> set[str]:
    event = Event.objects.filter(kind=kind, target_id=target.pk).latest("id")
    return {u.username for u in event.recipients.all()}


def notified(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


def test_a_new_task_tells_the_lead_and_the_coordinators_after_commit(province, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        task = province.task(coordinators=[province.snv])
    assert callbacks, "delivery waits for the commit"
    assert told(Kind.ASSIGNED, task) == {"truongban", "bantochuc", "sonoivu"}
    assert any("Được giao nhiệm vụ" in t for t in notified(province.lead_officer))
    assert notified(province.tracker) == []  # the actor is not told of their own step


def test_nothing_is_delivered_when_the_step_fails(province, django_capture_on_commit_callbacks):
    task = province.task()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError):
            services.return_completion(province.tracker, task, reason="Thiếu hồ sơ")  # nothing awaits acceptance
    assert not Event.objects.filter(kind=Kind.RETURNED).exists()


def test_requests_tell_the_assigner_and_decisions_tell_the_lead(province, django_capture_on_commit_callbacks):
    task = province.task(coordinators=[province.snv])
    with django_capture_on_commit_callbacks(execute=True):
        services.report_progress(province.lead_officer, task, percent=30, text="Đang dự thảo")
        services.request_completion(province.lead_officer, task, note="Đã trình")
    assert told(Kind.PROGRESS, task) == told(Kind.COMPLETION_REQUESTED, task) == {"vanphong", "bithu"}
    with django_capture_on_commit_callbacks(execute=True):
        services.return_completion(province.tracker, task, reason="Bổ sung báo cáo đánh giá")
    assert told(Kind.RETURNED, task) == {"truongban", "bantochuc", "sonoivu"}
    returned = Event.objects.get(kind=Kind.RETURNED)
    assert "Bổ sung báo cáo đánh giá" in returned.text and returned.link == f"/nhiem-vu/{task.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        services.request_extension(province.lead_officer, task, new_deadline=date(2100, 1, 31), reason="Chờ ý kiến bộ")
        services.decide_extension(province.tracker, task.extensions.get(), approve=False, note="Không đủ căn cứ")
        services.pause(province.tracker, task, reason="Chờ chủ trương")
        services.cancel(province.tracker, task, reason="Không còn phù hợp")
    assert told(Kind.EXTENSION_REQUESTED, task) == {"vanphong", "bithu"}
    for kind in (Kind.EXTENSION_DECIDED, Kind.PAUSED, Kind.CANCELLED):
        assert told(kind, task) == {"truongban", "bantochuc", "sonoivu"}


def test_a_delegated_task_tells_the_childs_lead(province, django_capture_on_commit_callbacks):
    task = province.task(lead=province.ubnd)
    chair = province.user("chutich", province.ubnd, Role.LEADER)
    with django_capture_on_commit_callbacks(execute=True):
        [child] = services.delegate(chair, task, [services.TaskDraft("Rà soát hồ sơ", province.xa_a,
                                                                     deadline=date(2099, 6, 30))])
    assert told(Kind.DELEGATED, child) == {"xa.a"}


def test_a_unit_with_nobody_to_tell_passes_the_word_to_the_tracker_above(province, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [task] = services.assign_tasks(province.leader, assigned_by=province.root, issued_on=date(2026, 1, 5), drafts=[
            services.TaskDraft("Rà soát quy hoạch", province.ubnd, deadline=date(2099, 1, 1))])  # UBND tỉnh has no account
    assert told(Kind.ASSIGNED, task) == {"vanphong"}


def test_an_event_is_delivered_once_and_a_lost_commit_hook_is_swept_by_the_outbox_job(province):
    task = province.task()  # no commit hook runs in this test transaction
    event = Event.objects.get(kind=Kind.ASSIGNED, target_id=task.pk)
    assert event.delivered_at is None and not Notification.objects.filter(event=event).exists()
    assert deliver_pending() == 1
    assert deliver(event.pk) is False and deliver_pending() == 0
    assert Notification.objects.filter(event=event).count() == 2  # the lead's leader and officer, once each


def test_mail_follows_each_persons_choice(province, django_capture_on_commit_callbacks):
    province.lead_officer.email, province.btc_leader.email = "bantochuc@example.vn", "truongban@example.vn"
    province.lead_officer.save(), province.btc_leader.save()
    Preference.objects.create(user=province.lead_officer, mail=Preference.Mail.EACH)
    with django_capture_on_commit_callbacks(execute=True):
        province.task()
    [queued] = OutgoingMail.objects.all()
    assert queued.to == "bantochuc@example.vn" and "Được giao nhiệm vụ" in queued.subject
    assert mail.send_pending() == 1 and len(django_mail.outbox) == 1
    assert mail.queue_digests(date(2099, 1, 1)) == 1  # the leader, who kept the daily digest


def test_petitions_tell_the_unit_they_are_sent_to_and_answers_tell_the_tracker(province, django_capture_on_commit_callbacks):
    from dieuhanh.petitions import services as petitions
    from dieuhanh.petitions.models import Petition

    with django_capture_on_commit_callbacks(execute=True):
        petition = petitions.record(province.tracker, petitions.PetitionInput(
            source=Petition.Source.MEETING, submitter="Cử tri xã Thạch Lạc", content="Sửa cầu treo qua sông",
            receiving_unit=province.root, responsible_unit=province.btc))
    assert told(Kind.PETITION_ROUTED, petition) == {"truongban", "bantochuc"}
    with django_capture_on_commit_callbacks(execute=True):
        petitions.transfer(province.tracker, petition, province.snv, "Thuộc thẩm quyền của Sở")
    assert told(Kind.PETITION_TRANSFERRED, petition) == {"sonoivu"}
    with django_capture_on_commit_callbacks(execute=True):
        petitions.answer(province.coord_officer, petition, "Đã bố trí vốn sửa cầu trong quý III")
    assert told(Kind.PETITION_ANSWERED, petition) == {"vanphong", "bithu"}


# --- receipt --------------------------------------------------------------------------------------

def test_the_lead_unit_acknowledges_receipt_and_history_keeps_who_and_when(province):
    task = province.task()
    with pytest.raises(PermissionDenied):
        services.acknowledge(province.coord_officer, task)
    services.acknowledge(province.lead_officer, task)
    task.refresh_from_db()
    assert task.acknowledged_by == province.lead_officer and task.acknowledged_at is not None
    latest = task.history.first()
    assert latest.history_user == province.lead_officer and latest.acknowledged_at is not None
    with pytest.raises(ValidationError, match="đã được tiếp nhận"):
        services.acknowledge(province.btc_leader, task)


def _inbox(client, user) -> dict[str, tuple[int, str]]:
    """Each inbox section's count and the link it opens."""
    client.force_login(user)
    response = client.get("/viec-cua-don-vi/")
    return {b["key"]: (b["count"], b["link"]) for b in response.context["blocks"]}


def _listed(client, link) -> int:
    return client.get(link).context["page"].count


def test_new_work_is_in_the_lead_units_inbox_until_acknowledged(province, client):
    task = province.task()
    count, link = _inbox(client, province.lead_officer)["new"]
    assert count == 1 == _listed(client, link)
    services.acknowledge(province.lead_officer, task)
    assert _inbox(client, province.lead_officer)["new"][0] == 0


def test_the_assigner_sees_units_that_have_not_acknowledged_after_n_working_days(province, client, settings):
    settings.DIEUHANH_ACKNOWLEDGE_WITHIN_DAYS = 2
    today = calendar.today()
    old = province.task(issued_on=calendar.subtract_working_days(today, 2))
    province.task("Việc mới giao", issued_on=calendar.subtract_working_days(today, 1))
    count, link = _inbox(client, province.tracker)["unacknowledged"]
    assert count == 1 == _listed(client, link)
    services.acknowledge(province.lead_officer, old)
    assert _inbox(client, province.tracker)["unacknowledged"][0] == 0


def test_every_inbox_count_equals_the_list_it_opens(province, client):
    today = calendar.today()
    issued = today - timedelta(days=60)
    province.task("Quá hạn", deadline=today - timedelta(days=3), issued_on=issued)
    province.task("Đến hạn tuần này", deadline=today + timedelta(days=3), coordinators=[province.snv], issued_on=issued)
    ongoing = province.task("Thường xuyên, hạn đã qua", deadline=today - timedelta(days=20), recurrence="ongoing",
                            issued_on=issued)
    awaiting = province.task("Chờ nghiệm thu", deadline=today + timedelta(days=20), issued_on=issued)
    services.request_completion(province.lead_officer, awaiting, note="Xong")
    returned = province.task("Bị trả lại", deadline=today + timedelta(days=25), issued_on=issued)
    services.request_completion(province.lead_officer, returned, note="Xong")
    services.return_completion(province.tracker, returned, reason="Thiếu")
    for user in (province.lead_officer, province.coord_officer, province.tracker, province.leader):
        for key, (count, link) in _inbox(client, user).items():
            assert count == _listed(client, link), (user.username, key)
    assert ongoing.due_on < today
    counts = {k: c for k, (c, _) in _inbox(client, province.tracker).items()}
    assert counts["assigned_overdue"] == 1  # the ongoing task with a past date is not overdue
    assert counts["awaiting"] == 1 and counts["assigned_due"] == 1
    lead = {k: c for k, (c, _) in _inbox(client, province.lead_officer).items()}
    assert lead["overdue"] == 1 and lead["returned"] == 1 and lead["due_soon"] == 1
    assert lead["new"] == 3  # reporting on a task acknowledges it


# --- notifications open their object ----------------------------------------------------------------

def test_reading_a_notification_opens_its_object_or_says_it_can_no_longer_be_seen(province, client,
                                                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task = province.task()
    note = Notification.objects.get(user=province.lead_officer, event__kind=Kind.ASSIGNED)
    client.force_login(province.lead_officer)
    response = client.get(f"/thong-bao/{note.pk}/")
    assert response.status_code == 302 and response.url == f"/nhiem-vu/{task.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None
    Task.objects.filter(pk=task.pk).update(lead=province.xa_b, tree=province.root)  # moved to another unit
    from dieuhanh.tasks.models import Coordination

    Coordination.objects.filter(task=task).delete()
    client.force_login(province.commune_officer)
    response = client.get(f"/thong-bao/{note.pk}/")
    assert response.status_code == 404  # someone else's notification
    client.force_login(province.lead_officer)
    response = client.get(f"/thong-bao/{note.pk}/")
    assert response.status_code == 200 and "Không còn mở được" in response.content.decode()


def test_marking_read_never_redirects_off_site(province, client):
    client.force_login(province.lead_officer)
    response = client.post("/thong-bao/da-doc/", {"next": "https://example.com/"})
    assert response.status_code == 302 and response.url == "/thong-bao/"
