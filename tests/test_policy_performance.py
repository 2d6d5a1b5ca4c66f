"""Work plans' role × action matrix (issue 16 under the workflow rule of issue 13): for every account of the test
province and every action on a product or a unit's scores, the policy, the service and the HTTP endpoint agree,
and a refused action changes nothing through either door."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Callable
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dieuhanh.core.calendar import VN_TZ
from dieuhanh.org.models import Membership, Role
from dieuhanh.performance import services
from dieuhanh.performance.models import GeneralPoints, MonthlyResult, Product
from dieuhanh.performance.policy import policy, unit_policy

pytestmark = pytest.mark.django_db
NOV = "2026-11"


@pytest.fixture(autouse=True)
def frozen_today():
    with mock.patch("django.utils.timezone.now", return_value=datetime.combine(date(2026, 11, 30), time(9),
                                                                                tzinfo=VN_TZ)):
        yield


@dataclass
class Case:
    setup: Callable  # (province) -> the product in the state the action needs
    service: Callable  # (user, product) -> None
    http: Callable  # (product) -> (path, data)
    happened: Callable  # (product) -> bool


def _planned(p):
    return services.plan(p.lead_officer, unit=p.btc, period=NOV, title="Báo cáo tháng", due_on=date(2026, 11, 20))


def _done(p, cause=""):
    product = _planned(p)
    services.complete(p.lead_officer, product, done_on=date(2026, 11, 24), link="https://vb.example/1", cause=cause)
    return Product.objects.get(pk=product.pk)


def _colleague():
    return Membership.objects.get(user__username="chuyenvien2").user


def _state(product):
    return Product.objects.get(pk=product.pk).state


CASES = {
    "complete": Case(_planned, lambda u, x: services.complete(u, x, done_on=date(2026, 11, 19), link="https://vb.example/2"),
                     lambda x: (f"/ke-hoach/san-pham/{x.pk}/hoan-thanh/", {"ngay": "19/11/2026",
                                                                          "duong_dan": "https://vb.example/2"}),
                     lambda x: _state(x) == Product.State.DONE),
    "confirm": Case(_done, lambda u, x: services.confirm(u, x),
                    lambda x: (f"/ke-hoach/san-pham/{x.pk}/quyet-dinh/", {"buoc": "xac_nhan"}),
                    lambda x: _state(x) == Product.State.CONFIRMED),
    "return": Case(_done, lambda u, x: services.return_product(u, x, reason="Thiếu số liệu"),
                   lambda x: (f"/ke-hoach/san-pham/{x.pk}/quyet-dinh/", {"buoc": "tra_lai", "ly_do": "Thiếu số liệu"}),
                   lambda x: _state(x) == Product.State.RETURNED),
    "reassign": Case(_planned, lambda u, x: services.reassign(u, x, _colleague(), "Nghỉ phép"),
                     lambda x: (f"/ke-hoach/san-pham/{x.pk}/quyet-dinh/", {"buoc": "giao_lai", "ly_do": "Nghỉ phép",
                                                                          "cong_chuc": _colleague().pk}),
                     lambda x: Product.objects.get(pk=x.pk).official.username == "chuyenvien2"),
    "confirm_cause": Case(lambda p: _done(p, cause="Chờ số liệu của Sở"), lambda u, x: services.confirm_cause(u, x),
                          lambda x: (f"/ke-hoach/san-pham/{x.pk}/quyet-dinh/", {"buoc": "nguyen_nhan"}),
                          lambda x: Product.objects.get(pk=x.pk).cause_confirmed_by_id is not None),
}


def test_every_action_is_in_the_matrix():
    assert set(CASES) == set(policy.actions)


def _service_allows(service, happened) -> bool:
    try:
        with transaction.atomic():
            service()
            allowed = happened()
            transaction.set_rollback(True)  # leave the data as it was, for the HTTP door
    except (PermissionDenied, ValidationError):
        return False
    return allowed


def _accounts(province):
    province.user("phoban", province.btc, Role.LEADER)
    province.user("quantri", province.root, Role.ADMIN)
    province.user("chuyenvien2", province.btc, Role.OFFICER)
    return list({m.user.pk: m.user for m in Membership.objects.select_related("user")}.values())


@pytest.mark.parametrize("action", sorted(CASES))
def test_policy_service_and_http_agree_for_every_role(province, client, action):
    case = CASES[action]
    allowed_somewhere = refused_somewhere = False
    for user in _accounts(province):
        product = case.setup(province)
        by_policy = policy.can(user, action, product)
        by_service = _service_allows(lambda: case.service(user, Product.objects.get(pk=product.pk)),
                                     lambda: case.happened(product))
        client.force_login(user)
        path, data = case.http(product)
        client.post(path, {"ky": NOV, **data})
        by_http = case.happened(product)
        assert by_policy == by_service == by_http, (action, user.username, by_policy, by_service, by_http)
        allowed_somewhere |= by_policy
        refused_somewhere |= not by_policy
        Product.objects.all().delete()
        MonthlyResult.objects.all().delete()
    assert allowed_somewhere and refused_somewhere, action


def test_scoring_a_unit_agrees_through_policy_service_and_http(province, client):
    """General points and the month's grades: the unit's leader (or an admin above), never the official."""
    allowed = set()
    for user in _accounts(province):
        by_policy = unit_policy.can(user, "score", province.btc) and user != province.lead_officer
        by_service = _service_allows(
            lambda: services.set_general_points(user, province.lead_officer, province.btc, NOV, Decimal(25)),
            lambda: GeneralPoints.objects.exists())
        client.force_login(user)
        client.post("/ke-hoach/diem-chung/", {"ky": NOV, "don_vi": province.btc.pk,
                                             "cong_chuc": province.lead_officer.pk, "diem": "25"})
        by_http = GeneralPoints.objects.exists()
        assert by_policy == by_service == by_http, (user.username, by_policy, by_service, by_http)
        GeneralPoints.objects.all().delete()
        if by_policy:
            allowed.add(user.username)
    assert allowed == {"truongban", "phoban", "quantri"}
