"""The role × action matrix, through the services (where it is enforced) and by URL."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dieuhanh.tasks import services
from dieuhanh.tasks.queries import visible_tasks

pytestmark = pytest.mark.django_db

ACTORS = ["tracker", "leader", "btc_leader", "lead_officer", "coord_officer", "commune_officer", "other_commune",
          "viewer", "inspector", "outsider"]


def _report(p, actor, task):
    services.report_progress(actor, task, percent=10, text="Báo cáo")


def _complete(p, actor, task):
    services.request_completion(actor, task, note="Xong")


def _accept(p, actor, task):
    services.request_completion(p.lead_officer, task, note="Xong")
    services.accept_completion(actor, task)


def _return(p, actor, task):
    services.request_completion(p.lead_officer, task, note="Xong")
    services.return_completion(actor, task, reason="Thiếu")


def _extend(p, actor, task):
    ext = services.request_extension(p.lead_officer, task, new_deadline=date(2100, 1, 1), reason="Chậm")
    services.decide_extension(actor, ext, approve=True)


def _request_extension(p, actor, task):
    services.request_extension(actor, task, new_deadline=date(2100, 1, 1), reason="Chậm")


def _cancel(p, actor, task):
    services.cancel(actor, task, reason="Không cần nữa")


def _pause(p, actor, task):
    services.pause(actor, task, reason="Chờ")


def _assign(p, actor, task):
    services.assign_tasks(actor, assigned_by=p.root, issued_on=date(2026, 1, 5),
                          drafts=[services.TaskDraft("Mới", p.btc, deadline=date(2099, 1, 1))])


# Who may do what on a task assigned by the Tỉnh ủy, led by Ban Tổ chức, coordinated by Sở Nội vụ.
MATRIX = {
    "read": {"tracker", "leader", "btc_leader", "lead_officer", "coord_officer", "viewer", "inspector"},
    "report": {"btc_leader", "lead_officer", "coord_officer"},
    "complete": {"btc_leader", "lead_officer"},
    "request_extension": {"btc_leader", "lead_officer"},
    "accept": {"tracker", "leader"},
    "return": {"tracker", "leader"},
    "extend": {"tracker", "leader"},
    "cancel": {"tracker", "leader"},
    "pause": {"tracker", "leader"},
    "assign": {"tracker", "leader"},
}
ACTIONS = {"report": _report, "complete": _complete, "request_extension": _request_extension, "accept": _accept,
           "return": _return, "extend": _extend, "cancel": _cancel, "pause": _pause, "assign": _assign}


@pytest.mark.parametrize("actor_name", ACTORS)
def test_read_scope(province, actor_name):
    task = province.task(coordinators=[province.snv])
    actor = getattr(province, actor_name)
    visible = visible_tasks(actor).filter(pk=task.pk).exists()
    assert visible == (actor_name in MATRIX["read"])


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("actor_name", ACTORS)
def test_action_matrix(province, actor_name, action):
    task = province.task(coordinators=[province.snv])
    actor = getattr(province, actor_name)
    if actor_name in MATRIX[action]:
        ACTIONS[action](province, actor, task)
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            ACTIONS[action](province, actor, task)


@pytest.mark.parametrize("actor_name", ACTORS)
def test_task_page_by_url_is_404_outside_scope(province, login, actor_name):
    task = province.task(coordinators=[province.snv])
    response = login(getattr(province, actor_name)).get(f"/nhiem-vu/{task.pk}/")
    assert response.status_code == (200 if actor_name in MATRIX["read"] else 404)
    if response.status_code == 404:
        assert task.content not in response.content.decode()


def test_a_post_to_another_units_task_is_404_and_changes_nothing(province, login):
    task = province.task()
    response = login(province.other_commune).post(f"/nhiem-vu/{task.pk}/bao-cao/", {"percent": 50, "text": "x"})
    assert response.status_code == 404
    assert task.reports.count() == 0


def test_viewer_sees_the_task_but_cannot_report_through_the_form(province, login):
    task = province.task()
    client = login(province.viewer)
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Gửi báo cáo" not in page
    response = client.post(f"/nhiem-vu/{task.pk}/bao-cao/", {"percent": 50, "text": "x"}, follow=True)
    assert "Chỉ đơn vị chủ trì và đơn vị phối hợp" in response.content.decode()
    assert task.reports.count() == 0


def test_anonymous_users_are_sent_to_sign_in(client, province):
    task = province.task()
    response = client.get(f"/nhiem-vu/{task.pk}/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
