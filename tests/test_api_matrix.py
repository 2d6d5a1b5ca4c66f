"""The role × action matrix through the API (issue 18): for every account of the test province and every task
action the API offers, a token carrying the account's own unit and role is allowed exactly what the policy
allows; the same account's token narrowed to reading only is allowed nothing, and changes nothing."""

import json
from datetime import date

import pytest

from dieuhanh.api import tokens
from dieuhanh.org.models import Membership, Role
from dieuhanh.tasks import policy
from test_policy_matrix import CASES

pytestmark = pytest.mark.django_db

API = {  # action → (path after /api/v1/tasks/<id>, body)
    "report": ("progress", {"percent": 20, "text": "Đang làm"}),
    "request_completion": ("completion-request", {"note": "Xong"}),
    "request_extension": ("extension-request", {"new_deadline": "2100-06-30", "reason": "Chờ ý kiến"}),
    "acknowledge": ("acknowledge", None),
    "accept": ("accept", {"note": ""}),
    "return": ("return", {"reason": "Thiếu hồ sơ"}),
    "decide_extension": (None, {"approve": True, "note": ""}),
}


def _call(client, text, action, task):
    suffix, body = API[action]
    path = (f"/api/v1/tasks/extensions/{task.extensions.get().pk}/decision" if suffix is None
            else f"/api/v1/tasks/{task.pk}/{suffix}")
    return client.post(path, json.dumps(body or {}), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {text}")


@pytest.mark.parametrize("action", sorted(API))
def test_a_tokens_writes_are_exactly_what_the_policy_allows(province, client, action):
    case = CASES[action]
    allowed_somewhere = False
    for membership in Membership.objects.select_related("user", "unit"):
        user = membership.user
        own = tokens.issue(user, user=user, name="ma trận", unit=membership.unit, role=membership.role, days=1)[1]
        reading = tokens.issue(user, user=user, name="chỉ xem", unit=membership.unit, role=Role.VIEWER, days=1)[1]
        task = case.setup(province)
        response = _call(client, reading, action, task)
        assert response.status_code in (403, 404, 409) and not case.happened(task), (action, user.username)
        by_policy = policy.can(user, action, task)
        response = _call(client, own, action, task)
        assert (response.status_code < 300) == by_policy == case.happened(task), (
            action, user.username, by_policy, response.status_code, response.content[:200])
        allowed_somewhere |= by_policy
    assert allowed_somewhere, action


def test_a_token_for_a_unit_below_reads_only_that_subtree(province, client):
    mine = province.task("Việc của Ban Tổ chức", deadline=date(2099, 1, 1))
    theirs = province.task("Việc của UBND tỉnh", lead=province.ubnd, deadline=date(2099, 1, 1))
    text = tokens.issue(province.leader, user=province.leader, name="x", unit=province.btc, role=Role.VIEWER, days=1)[1]
    seen = {t["id"] for t in client.get("/api/v1/tasks/", HTTP_AUTHORIZATION=f"Bearer {text}").json()["results"]}
    assert mine.pk in seen and theirs.pk not in seen
    petitions = client.get("/api/v1/petitions/", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert petitions.status_code == 200
