"""Petitions' role × action matrix: for every account and every action, the policy, the service and the
HTTP endpoint agree; and no template decides by comparing a workflow state string."""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dieuhanh.discussion.models import Comment
from dieuhanh.org.models import Membership
from dieuhanh.petitions import policy, services
from dieuhanh.petitions.models import Petition

pytestmark = pytest.mark.django_db
S = Petition.Status


def _petition(p, **extra) -> Petition:
    return services.record(p.tracker, services.PetitionInput(
        source=Petition.Source.MEETING, submitter="Cử tri xã Thạch Lạc", content="Sửa cầu treo qua sông",
        receiving_unit=p.root, **extra))


def _routed(p):
    return _petition(p, responsible_unit=p.btc)


def _pending(p):
    petition = _routed(p)
    Petition.objects.filter(pk=petition.pk).update(status=S.PENDING)
    return Petition.objects.get(pk=petition.pk)


def _answered(p):
    petition = _routed(p)
    services.answer(p.lead_officer, petition, "Đã bố trí vốn")
    return Petition.objects.get(pk=petition.pk)


def _status(p):
    return Petition.objects.get(pk=p.pk).status


@dataclass
class Case:
    setup: Callable
    service: Callable
    http: Callable
    happened: Callable


CASES = {
    "accept": Case(_pending, lambda u, p, x: services.accept(u, p), lambda p, x: ("tiep-nhan", {}),
                   lambda p: _status(p) != S.PENDING),
    "transfer": Case(_routed, lambda u, p, x: services.transfer(u, p, x.snv, "Thuộc thẩm quyền của Sở"),
                     lambda p, x: ("chuyen", {"unit": x.snv.pk, "reason": "Thuộc thẩm quyền của Sở"}),
                     lambda p: Petition.objects.get(pk=p.pk).responsible_unit_id != p.responsible_unit_id),
    "start": Case(_routed, lambda u, p, x: services.start(u, p), lambda p, x: ("nhan-xu-ly", {}),
                  lambda p: _status(p) == S.IN_PROGRESS),
    "answer": Case(_routed, lambda u, p, x: services.answer(u, p, "Đã sửa xong"),
                   lambda p, x: ("tra-loi", {"text": "Đã sửa xong"}), lambda p: _status(p) == S.ANSWERED),
    "refuse": Case(_routed, lambda u, p, x: services.refuse(u, p, "Không thuộc thẩm quyền"),
                   lambda p, x: ("tu-choi", {"reason": "Không thuộc thẩm quyền"}), lambda p: _status(p) == S.REFUSED),
    "send_answer": Case(_answered, lambda u, p, x: services.send_answer(u, p, "văn bản"),
                        lambda p, x: ("gui-tra-loi", {"via": "văn bản"}),
                        lambda p: p.answers.filter(sent_at__isnull=False).exists()),
    "follow_up": Case(_answered, lambda u, p, x: services.follow_up(u, p, True), lambda p, x: ("y-kien", {"satisfied": "1"}),
                      lambda p: _status(p) == S.CLOSED),
    "close": Case(_answered, lambda u, p, x: services.close(u, p), lambda p, x: ("dong", {}),
                  lambda p: _status(p) == S.CLOSED),
    "merge": Case(_routed, lambda u, p, x: services.merge(u, p, x.original), lambda p, x: ("gop", {"into": x.original.code}),
                  lambda p: Petition.objects.get(pk=p.pk).duplicate_of_id is not None),
    "publish": Case(_answered, lambda u, p, x: services.set_public(u, p, not p.is_public, "Có thông tin cá nhân"),
                    lambda p, x: ("cong-khai", {"public": "0" if p.is_public else "1", "reason": "Có thông tin cá nhân"}),
                    lambda p: Petition.objects.get(pk=p.pk).is_public != p.is_public),
    "comment": Case(_routed, lambda u, p, x: services.comment(u, p, "Đề nghị bổ sung hồ sơ"),
                    lambda p, x: ("trao-doi", {"text": "Đề nghị bổ sung hồ sơ"}),
                    lambda p: Comment.objects.filter(target_id=p.pk).exists()),
}


def test_every_action_is_in_the_matrix():
    assert set(CASES) == set(policy.ACTIONS)


def _service_allows(case, user, petition, province) -> bool:
    try:
        with transaction.atomic():
            case.service(user, Petition.objects.get(pk=petition.pk), province)
            allowed = case.happened(petition)
            transaction.set_rollback(True)
    except (PermissionDenied, ValidationError):
        return False
    return allowed


@pytest.mark.parametrize("action", sorted(CASES))
def test_policy_service_and_http_agree_for_every_role(province, client, action):
    province.original = _routed(province)
    case = CASES[action]
    users = {m.user for m in Membership.objects.select_related("user")}
    allowed = refused = False
    for user in sorted(users, key=lambda u: u.username):
        petition = case.setup(province)
        by_policy = policy.can(user, action, petition)
        by_service = _service_allows(case, user, petition, province)
        client.force_login(user)
        path, data = case.http(petition, province)
        client.post(f"/kien-nghi/{petition.pk}/{path}/", data)
        by_http = case.happened(petition)
        assert by_policy == by_service == by_http, (action, user.username, by_policy, by_service, by_http)
        allowed |= by_policy
        refused |= not by_policy
    assert allowed and refused, action


STATE_COMPARISON = re.compile(r"\.(?:state|status)\s*[!=]=\s*['\"]")


def test_no_template_compares_a_workflow_state_string():
    root = Path(__file__).resolve().parent.parent / "src" / "dieuhanh"
    offenders = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.html")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if STATE_COMPARISON.search(line)]
    assert offenders == []
