"""The role × action matrix: for every account of the test province and every action on a task, the
policy, the service and the HTTP endpoint agree — a button shown is an action allowed, a refused
action changes nothing through either door."""

from dataclasses import dataclass
from datetime import date
from typing import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dieuhanh.discussion.models import Comment
from dieuhanh.notify import services as notify
from dieuhanh.org.models import Role
from dieuhanh.tasks import policy, services
from dieuhanh.tasks.models import Decision, Extension, ProgressReport, Task
from dieuhanh.tasks.status import State

pytestmark = pytest.mark.django_db

FAR = date(2099, 12, 31)


@dataclass
class Case:
    setup: Callable  # (province) -> task in the state the action needs
    service: Callable  # (user, task) -> None
    http: Callable  # (task) -> (path, data)
    happened: Callable  # (task before, task after) -> bool


def _open(p):
    return p.task(coordinators=[p.snv])


def _awaiting(p):
    task = _open(p)
    services.request_completion(p.lead_officer, task, note="Xong")
    return Task.objects.get(pk=task.pk)


def _extension_pending(p):
    task = _open(p)
    services.request_extension(p.lead_officer, task, new_deadline=date(2100, 6, 30), reason="Chờ ý kiến")
    return task


def _paused(p):
    task = _open(p)
    services.pause(p.tracker, task, reason="Chờ chủ trương")
    return Task.objects.get(pk=task.pk)


def _led_by_ubnd(p):
    return p.task(lead=p.ubnd)


def _state(task):
    return Task.objects.get(pk=task.pk).state


CASES = {
    "report": Case(_open, lambda u, t: services.report_progress(u, t, percent=20, text="Đang làm"),
                   lambda t: (f"/nhiem-vu/{t.pk}/bao-cao/", {"percent": 20, "text": "Đang làm"}),
                   lambda t: ProgressReport.objects.filter(task=t).exists()),
    "request_completion": Case(_open, lambda u, t: services.request_completion(u, t, note="Xong"),
                               lambda t: (f"/nhiem-vu/{t.pk}/de-nghi-hoan-thanh/", {"note": "Xong"}),
                               lambda t: _state(t) == State.AWAITING),
    "request_extension": Case(_open, lambda u, t: services.request_extension(u, t, new_deadline=date(2100, 6, 30),
                                                                             reason="Chờ ý kiến"),
                              lambda t: (f"/nhiem-vu/{t.pk}/gia-han/", {"new_deadline": "30/06/2100", "reason": "Chờ ý kiến"}),
                              lambda t: Extension.objects.filter(task=t).exists()),
    "acknowledge": Case(_open, lambda u, t: services.acknowledge(u, t), lambda t: (f"/nhiem-vu/{t.pk}/tiep-nhan/", {}),
                        lambda t: Task.objects.get(pk=t.pk).acknowledged_at is not None),
    "accept": Case(_awaiting, lambda u, t: services.accept_completion(u, t),
                   lambda t: (f"/nhiem-vu/{t.pk}/nghiem-thu/", {}), lambda t: _state(t) == State.DONE),
    "return": Case(_awaiting, lambda u, t: services.return_completion(u, t, reason="Thiếu hồ sơ"),
                   lambda t: (f"/nhiem-vu/{t.pk}/tra-lai/", {"reason": "Thiếu hồ sơ"}), lambda t: _state(t) == State.OPEN),
    "decide_extension": Case(_extension_pending,
                             lambda u, t: services.decide_extension(u, t.extensions.get(), approve=True),
                             lambda t: (f"/nhiem-vu/{t.pk}/gia-han/{t.extensions.get().pk}/", {"decision": "approve"}),
                             lambda t: t.extensions.get().decision == Decision.ACCEPTED),
    "remind": Case(_open, lambda u, t: notify.remind(u, t, "Khẩn trương báo cáo"),
                   lambda t: (f"/nhiem-vu/{t.pk}/don-doc/", {"message": "Khẩn trương báo cáo"}),
                   lambda t: t.reminders.exists()),
    "edit": Case(_open, lambda u, t: services.edit_task(u, t, expected_version=t.version, content="Nội dung mới",
                                                        deadline=FAR, is_key=False, coordinators=[]),
                 lambda t: (f"/nhiem-vu/{t.pk}/sua/", {"content": "Nội dung mới", "deadline": "31/12/2099",
                                                       "version": t.version}),
                 lambda t: Task.objects.get(pk=t.pk).content == "Nội dung mới"),
    "pause": Case(_open, lambda u, t: services.pause(u, t, reason="Chờ"),
                  lambda t: (f"/nhiem-vu/{t.pk}/tam-dung/", {"reason": "Chờ"}), lambda t: _state(t) == State.PAUSED),
    "resume": Case(_paused, lambda u, t: services.resume(u, t), lambda t: (f"/nhiem-vu/{t.pk}/tiep-tuc/", {}),
                   lambda t: _state(t) == State.OPEN),
    "cancel": Case(_open, lambda u, t: services.cancel(u, t, reason="Không còn phù hợp"),
                   lambda t: (f"/nhiem-vu/{t.pk}/dung/", {"reason": "Không còn phù hợp"}),
                   lambda t: _state(t) == State.CANCELLED),
    "delegate": Case(_led_by_ubnd,
                     lambda u, t: services.delegate(u, t, [services.TaskDraft("Rà soát", t.lead.children.first(),
                                                                              deadline=date(2099, 6, 30))]),
                     lambda t: (f"/nhiem-vu/{t.pk}/giao-nhiem-vu-con/", {
                         "con-TOTAL_FORMS": 1, "con-INITIAL_FORMS": 0, "con-0-content": "Rà soát",
                         "con-0-lead": t.lead.children.first().pk, "con-0-deadline": "30/06/2099"}),
                     lambda t: t.children.exists()),
    "comment": Case(_open, lambda u, t: services.comment(u, t, "Đề nghị gửi kèm dự thảo"),
                    lambda t: (f"/nhiem-vu/{t.pk}/trao-doi/", {"text": "Đề nghị gửi kèm dự thảo"}),
                    lambda t: Comment.objects.filter(target_id=t.pk).exists()),
}


def test_every_action_is_in_the_matrix():
    assert set(CASES) == set(policy.ACTIONS)


def _service_allows(case, user, task) -> bool:
    try:
        with transaction.atomic():
            case.service(user, task)
            allowed = case.happened(task)
            transaction.set_rollback(True)  # leave the task as it was, for the HTTP door
    except (PermissionDenied, ValidationError):
        return False
    return allowed


@pytest.mark.parametrize("action", sorted(CASES))
def test_policy_service_and_http_agree_for_every_role(province, client, action):
    province.user("chutich", province.ubnd, Role.LEADER)  # so that somebody may delegate UBND tỉnh's task
    province.user("quantri", province.ubnd, Role.ADMIN)
    case = CASES[action]
    users = [m.user for m in province.root.memberships.model.objects.select_related("user")]
    allowed_somewhere = refused_somewhere = False
    for user in {u.pk: u for u in users}.values():
        task = case.setup(province)
        by_policy = policy.can(user, action, task)
        by_service = _service_allows(case, user, Task.objects.get(pk=task.pk))
        client.force_login(user)
        path, data = case.http(task)
        client.post(path, data)
        by_http = case.happened(task)
        assert by_policy == by_service == by_http, (action, user.username, by_policy, by_service, by_http)
        allowed_somewhere |= by_policy
        refused_somewhere |= not by_policy
    assert allowed_somewhere and refused_somewhere, action  # the matrix tests both sides of every rule


def test_the_page_offers_exactly_the_actions_the_policy_allows(province, client):
    task = _awaiting(province)
    for user, expected in ((province.tracker, {"accept", "return", "edit", "cancel", "comment"}),
                           (province.lead_officer, {"comment"}), (province.viewer, set())):
        assert policy.available_actions(user, task) == expected
        client.force_login(user)
        html = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
        assert ("Nghiệm thu — hoàn thành" in html) == ("accept" in expected)
        assert ("Dừng thực hiện</button>" in html) == ("cancel" in expected)
        assert ("Gửi ý kiến</button>" in html) == ("comment" in expected)


def test_queryset_forms_match_the_rule(province):
    task = _awaiting(province)
    for user in (province.tracker, province.leader, province.lead_officer, province.outsider):
        in_queryset = Task.objects.filter(policy.decided_by(user), pk=task.pk).exists()
        assert in_queryset == policy.can(user, "accept", task), user.username
