from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.core import calendar
from dieuhanh.core.errors import StaleEdit
from dieuhanh.events.models import Event, Kind
from dieuhanh.tasks import services
from dieuhanh.tasks.models import CompletionRequest, Coordination, Task
from dieuhanh.tasks.services import TaskDraft
from dieuhanh.tasks.status import State, Status

pytestmark = pytest.mark.django_db


def on(day):
    return mock.patch.object(calendar, "today", return_value=day)


def test_report_then_completion_then_acceptance_is_done_on_time(province):
    task = province.task(deadline=date(2026, 3, 31))
    with on(date(2026, 2, 2)):
        services.report_progress(province.lead_officer, task, percent=40, text="Đã xây dựng dự thảo")
    task.refresh_from_db()
    assert task.progress == 40 and task.last_report_on == date(2026, 2, 2)
    with on(date(2026, 3, 30)):
        services.request_completion(province.lead_officer, task, note="Đã trình Thường trực Tỉnh ủy")
    with on(date(2026, 4, 6)):
        services.accept_completion(province.tracker, task)
    task.refresh_from_db()
    assert task.state == State.DONE and task.done_on == date(2026, 3, 30)
    assert task.status_on(date(2026, 4, 6)) == Status.DONE_ON_TIME


def test_done_after_the_effective_deadline_is_late(province):
    task = province.task(deadline=date(2026, 2, 14))  # Saturday of Tết: effective 23/2
    assert task.due_on == date(2026, 2, 23)
    with on(date(2026, 2, 23)):
        services.request_completion(province.lead_officer, task, note="Xong")
        services.accept_completion(province.tracker, task)
    task.refresh_from_db()
    assert task.status_on(date(2026, 3, 1)) == Status.DONE_ON_TIME
    late = province.task(deadline=date(2026, 2, 14))
    with on(date(2026, 2, 24)):
        services.request_completion(province.lead_officer, late, note="Xong")
        services.accept_completion(province.tracker, late)
    late.refresh_from_db()
    assert late.status_on(date(2026, 3, 1)) == Status.DONE_LATE


def test_returned_completion_reopens_with_the_reason(province):
    task = province.task()
    services.request_completion(province.lead_officer, task, note="Xong")
    services.return_completion(province.tracker, task, reason="Thiếu số liệu các xã")
    task.refresh_from_db()
    assert task.state == State.OPEN and task.returned_at and task.state_reason == "Thiếu số liệu các xã"
    assert CompletionRequest.objects.get(task=task).decision == "refused"


def test_return_needs_a_reason(province):
    task = province.task()
    services.request_completion(province.lead_officer, task, note="Xong")
    with pytest.raises(ValidationError, match="lý do"):
        services.return_completion(province.tracker, task, reason="  ")
    task.refresh_from_db()
    assert task.state == State.AWAITING


def test_extension_approved_moves_the_deadline(province):
    task = province.task(deadline=date(2026, 3, 31))
    ext = services.request_extension(province.lead_officer, task, new_deadline=date(2026, 4, 30), reason="Chờ ý kiến")
    services.decide_extension(province.tracker, ext, approve=True)
    task.refresh_from_db()
    assert task.deadline == date(2026, 4, 30) and task.due_on == date(2026, 5, 4)


def test_extension_refused_keeps_the_deadline_and_needs_a_reason(province):
    task = province.task(deadline=date(2026, 3, 31))
    ext = services.request_extension(province.lead_officer, task, new_deadline=date(2026, 4, 30), reason="Chờ ý kiến")
    with pytest.raises(ValidationError):
        services.decide_extension(province.tracker, ext, approve=False, note="")
    services.decide_extension(province.tracker, ext, approve=False, note="Không có căn cứ")
    task.refresh_from_db()
    assert task.deadline == date(2026, 3, 31)


def test_extension_must_be_later_than_the_current_deadline(province):
    task = province.task(deadline=date(2026, 3, 31))
    with pytest.raises(ValidationError, match="sau thời hạn"):
        services.request_extension(province.lead_officer, task, new_deadline=date(2026, 3, 1), reason="x")


def test_pause_resume_cancel(province):
    task = province.task()
    services.pause(province.tracker, task, reason="Chờ hướng dẫn")
    task.refresh_from_db()
    assert task.status == Status.PAUSED
    services.resume(province.tracker, task)
    services.cancel(province.tracker, task, reason="Lồng ghép vào nhiệm vụ khác")
    task.refresh_from_db()
    assert task.status == Status.CANCELLED and task.state_reason == "Lồng ghép vào nhiệm vụ khác"
    with pytest.raises(ValidationError):
        services.pause(province.tracker, task, reason="x")


def test_coordinator_reports_without_moving_the_lead_progress(province):
    task = province.task(coordinators=[province.snv])
    services.report_progress(province.coord_officer, task, percent=90, text="Sở Nội vụ đã góp ý")
    task.refresh_from_db()
    assert task.progress == 0 and task.reports.get().unit == province.snv


def test_delegation_parent_progress_is_the_average_of_children(province):
    parent = province.task(lead=province.ubnd)
    ubnd_leader = province.user("ld.ubnd", province.ubnd, "leader")
    a, b = services.delegate(ubnd_leader, parent, [
        TaskDraft("Phần việc của Sở Nội vụ", province.snv, deadline=date(2099, 6, 30)),
        TaskDraft("Phần việc của xã", province.xa_a, deadline=date(2099, 6, 30)),
    ])
    assert a.parent == parent and a.assigned_by == province.ubnd
    services.report_progress(province.coord_officer, a, percent=80, text="Đang làm")
    services.report_progress(province.commune_officer, b, percent=40, text="Đang làm")
    parent.refresh_from_db()
    assert parent.progress == 60


def test_delegation_only_to_lower_units(province):
    parent = province.task(lead=province.ubnd)
    ubnd_leader = province.user("ld.ubnd", province.ubnd, "leader")
    with pytest.raises(ValidationError, match="ngoài phạm vi|không trực thuộc"):
        services.delegate(ubnd_leader, parent, [TaskDraft("x", province.btc, deadline=date(2099, 1, 1))])
    with pytest.raises(PermissionDenied):
        services.delegate(province.coord_officer, parent, [TaskDraft("x", province.snv, deadline=date(2099, 1, 1))])


def test_deadline_in_working_days_from_issue(province):
    task = province.task(deadline=None, working_days=10, issued_on=date(2026, 2, 12))
    assert task.deadline == date(2026, 3, 5) and task.deadline_working_days == 10


def test_recurring_task_gets_one_occurrence_per_period(province):
    series = province.task(deadline=None, recurrence="quarterly", issued_on=date(2026, 1, 5))
    assert services.ensure_occurrences(series, date(2026, 11, 23)) == 0  # made on creation, up to today
    keys = list(series.occurrences.order_by("period_key").values_list("period_key", "deadline"))
    assert keys[:2] == [("2026-Q1", date(2026, 3, 31)), ("2026-Q2", date(2026, 6, 30))]
    assert services.ensure_occurrences(series, date(2027, 1, 2)) == 1
    assert services.ensure_occurrences(series, date(2027, 1, 2)) == 0


def test_stale_edit_is_refused(province):
    task = province.task()
    opened = task.version
    services.edit_task(province.tracker, task, expected_version=opened, content="Nội dung mới", deadline=date(2099, 1, 1),
                       is_key=True, coordinators=[])
    with pytest.raises(StaleEdit):
        services.edit_task(province.leader, task, expected_version=opened, content="Nội dung khác",
                           deadline=date(2099, 1, 1), is_key=False, coordinators=[])
    task.refresh_from_db()
    assert task.content == "Nội dung mới" and task.is_key


def test_edit_changes_coordinators_with_history(province):
    task = province.task(coordinators=[province.snv])
    services.edit_task(province.tracker, task, expected_version=task.version, content=task.content,
                       deadline=task.deadline, is_key=False, coordinators=[province.xa_a])
    assert list(Coordination.objects.filter(task=task).values_list("unit", flat=True)) == [province.xa_a.pk]
    assert Coordination.history.filter(task_id=task.pk, history_type="-").count() == 1


@pytest.mark.parametrize("draft, message", [
    (dict(content="   "), "không được để trống"),
    (dict(deadline=date(2025, 12, 31)), "không được trước ngày giao"),
    (dict(deadline=None), "cần có thời hạn"),
])
def test_bad_drafts_are_refused_and_nothing_is_written(province, draft, message):
    good = TaskDraft("Nhiệm vụ hợp lệ", province.btc, deadline=date(2026, 6, 30))
    bad = TaskDraft(**{"content": "Nhiệm vụ", "lead": province.btc, "deadline": date(2026, 6, 30), **draft})
    before = Task.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.assign_tasks(province.tracker, assigned_by=province.root, issued_on=date(2026, 1, 5), drafts=[good, bad])
    assert Task.objects.count() == before


def test_unit_outside_scope_is_refused(province):
    officer = province.user("ld.ubnd", province.ubnd, "leader")
    with pytest.raises(ValidationError, match="ngoài phạm vi"):
        services.assign_tasks(officer, assigned_by=province.ubnd, issued_on=date(2026, 1, 5),
                              drafts=[TaskDraft("x", province.btc, deadline=date(2026, 6, 30))])
    with pytest.raises(ValidationError, match="ngoài phạm vi"):
        services.assign_tasks(province.tracker, assigned_by=province.root, issued_on=date(2026, 1, 5),
                              drafts=[TaskDraft("x", province.other_root, deadline=date(2026, 6, 30))])


def test_progress_must_be_between_0_and_100(province):
    task = province.task()
    with pytest.raises(ValidationError, match="0 đến 100"):
        services.report_progress(province.lead_officer, task, percent=120, text="x")
    assert task.reports.count() == 0


def test_evidence_file_must_be_what_its_name_says(province):
    task = province.task()
    fake = SimpleUploadedFile("bao-cao.pdf", b"this is not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="không phải là tệp PDF"):
        services.report_progress(province.lead_officer, task, percent=10, text="x", files=[fake])
    assert task.reports.count() == 0
    real = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%...", content_type="application/pdf")
    report = services.report_progress(province.lead_officer, task, percent=10, text="x", files=[real])
    assert report.files.get().content_type == "application/pdf"


def test_history_keeps_who_when_before_and_after(province):
    task = province.task()
    services.report_progress(province.lead_officer, task, percent=30, text="Đang làm")
    latest, previous = task.history.order_by("-history_id")[:2]
    assert latest.history_user == province.lead_officer
    delta = latest.diff_against(previous)
    assert {c.field: (c.old, c.new) for c in delta.changes}["progress"] == (0, 30)


def test_stale_flag_after_n_days_without_report(province, settings):
    settings.DIEUHANH_STALE_AFTER_DAYS = 30
    task = province.task(issued_on=date(2026, 1, 5))
    with on(date(2026, 1, 20)):
        assert not task.is_stale
    with on(date(2026, 3, 1)):
        assert task.is_stale


def test_recompute_due_dates_after_a_calendar_change(province, settings):
    task = province.task(deadline=date(2026, 3, 3))
    settings.DIEUHANH_EXTRA_DAYS_OFF = ["2026-03-03"]
    assert services.recompute_due_dates() == 1
    task.refresh_from_db()
    assert task.due_on == date(2026, 3, 4)


def test_coordinations_mirror_the_task_state_and_deadline(province):
    task = province.task(coordinators=[province.snv], deadline=date(2026, 3, 31))
    ext = services.request_extension(province.lead_officer, task, new_deadline=date(2026, 4, 30), reason="Chờ")
    services.decide_extension(province.tracker, ext, approve=True)
    services.request_completion(province.lead_officer, task, note="Xong")
    c = Coordination.objects.get(task=task)
    assert (c.state, c.due_on) == (State.AWAITING, date(2026, 5, 4))


def test_bulk_actions_do_each_task_through_its_policy_and_say_why_the_rest_was_not(province, login):
    """Ticked on the list: two awaiting acceptance are accepted, one still open and another province's are refused
    with their reasons; reminders go through the same rule; the selection exports."""
    from io import BytesIO

    from openpyxl import load_workbook

    from dieuhanh.notify.models import Reminder
    from dieuhanh.tasks.models import Task
    from dieuhanh.tasks.services import TaskDraft, assign_tasks

    awaiting = [province.task(f"Việc xong số {i}") for i in range(2)]
    for task in awaiting:
        services.request_completion(province.lead_officer, task, note="Đã xong")
    still_open = province.task("Việc đang làm")
    [foreign] = assign_tasks(province.outsider, assigned_by=province.other_root, issued_on=date(2026, 1, 5),
                             drafts=[TaskDraft("Việc của tỉnh khác", province.other_root, deadline=date(2099, 1, 1))])
    client = login(province.tracker)
    assert 'name="chon"' in client.get("/nhiem-vu/").content.decode()
    chosen = [t.pk for t in awaiting] + [still_open.pk, foreign.pk]
    page = client.post("/nhiem-vu/hang-loat/", {"thao_tac": "nghiem_thu", "chon": chosen, "next": "/nhiem-vu/"})
    html = page.content.decode()
    assert page.status_code == 200 and "Đã thực hiện 2 / 4" in html
    assert all(Task.objects.get(pk=t.pk).state == "done" for t in awaiting)
    assert Task.objects.get(pk=still_open.pk).state == "open" and Task.objects.get(pk=foreign.pk).state == "open"
    assert "Không tìm thấy nhiệm vụ hoặc bạn không có quyền xem." in html.split(f'id="kq-{foreign.pk}"')[1]
    reminded = client.post("/nhiem-vu/hang-loat/", {"thao_tac": "don_doc", "chon": [still_open.pk],
                                                    "noi_dung": "Đề nghị báo cáo tiến độ"})
    assert "Đã thực hiện 1 / 1" in reminded.content.decode() and Reminder.objects.filter(task=still_open).exists()
    refused = login(province.commune_officer).post("/nhiem-vu/hang-loat/", {"thao_tac": "don_doc",
                                                                          "chon": [still_open.pk], "noi_dung": "Nhanh"})
    assert "Đã thực hiện 0 / 1" in refused.content.decode()  # a commune officer may not urge the province's work
    client = login(province.tracker)
    sheet = client.post("/nhiem-vu/hang-loat/", {"thao_tac": "xuat", "chon": chosen})
    rows = list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 + 3  # title, header, the three tasks this user may see
    assert client.post("/nhiem-vu/hang-loat/", {"thao_tac": "nghiem_thu"}).status_code == 400


def test_acceptance_carries_the_assigners_remark_to_the_timeline_and_the_lead(province, login):
    task = province.task()
    services.request_completion(province.lead_officer, task, note="Đã ban hành quy định")
    login(province.tracker).post(f"/nhiem-vu/{task.pk}/nghiem-thu/",
                                 {"note": "Đạt yêu cầu; đề nghị gửi bản điện tử cho Văn phòng"})
    request = CompletionRequest.objects.get(task=task)
    assert Task.objects.get(pk=task.pk).state == State.DONE
    assert request.reason == "Đạt yêu cầu; đề nghị gửi bản điện tử cho Văn phòng"
    page = login(province.lead_officer).get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Nghiệm thu: hoàn thành" in page and "đề nghị gửi bản điện tử" in page
    assert "đề nghị gửi bản điện tử" in Event.objects.get(kind=Kind.ACCEPTED).text
