"""Shared test base: a small province with named actors.

Tỉnh ủy (root) ─┬─ Ban Tổ chức (lead unit in most tests)
                ├─ UBND tỉnh ─┬─ Sở Nội vụ (coordinating unit)
                │             └─ UBND xã A (commune)
                └─ Đảng ủy xã B (another commune, outside every task here)
"""

import os
import shutil
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from dieuhanh.org.models import Membership, Role, Unit
from dieuhanh.tasks.services import TaskDraft, assign_tasks

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only
    cache.clear()  # the public page caches its on-time rates


def _need_program(program: str, packages: str) -> None:
    if shutil.which(program):
        return
    message = f"cần {program} (apt-get install {packages}); .ci/run cài đặt gói này"
    if os.environ.get("DIEUHANH_CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def need_program():
    """Skip where a Debian program is missing on a developer's machine; CI (DIEUHANH_CI=1), which
    installs it, fails instead, so a missing package can never pass as a skipped test."""
    return _need_program


class Province:
    def __init__(self):
        K = Unit.Kind
        self.root = Unit.objects.create(code="tu", name="Tỉnh ủy Hà Tĩnh", kind=K.PARTY_COMMITTEE)
        self.btc = Unit.objects.create(code="btc", name="Ban Tổ chức Tỉnh ủy", kind=K.PARTY_BOARD, parent=self.root)
        self.ubnd = Unit.objects.create(code="ubnd", name="UBND tỉnh", kind=K.PEOPLES_COMMITTEE, parent=self.root)
        self.snv = Unit.objects.create(code="snv", name="Sở Nội vụ", kind=K.DEPARTMENT, parent=self.ubnd)
        self.xa_a = Unit.objects.create(code="xa-a", name="UBND xã Thạch Lạc", kind=K.PEOPLES_COMMITTEE, parent=self.ubnd)
        self.xa_b = Unit.objects.create(code="xa-b", name="Đảng ủy xã Cẩm Bình", kind=K.PARTY_COMMITTEE, parent=self.root)
        self.other_root = Unit.objects.create(code="tu-na", name="Tỉnh ủy Nghệ An", kind=K.PARTY_COMMITTEE)
        self.tracker = self.user("vanphong", self.root, Role.TRACKER)
        self.leader = self.user("bithu", self.root, Role.LEADER)
        self.btc_leader = self.user("truongban", self.btc, Role.LEADER)
        self.lead_officer = self.user("bantochuc", self.btc, Role.OFFICER)
        self.coord_officer = self.user("sonoivu", self.snv, Role.OFFICER)
        self.commune_officer = self.user("xa.a", self.xa_a, Role.OFFICER)
        self.other_commune = self.user("xa.b", self.xa_b, Role.OFFICER)
        self.viewer = self.user("xem", self.btc, Role.VIEWER)
        self.inspector = self.user("kiemtra", self.root, Role.INSPECTOR)
        self.outsider = self.user("nghean", self.other_root, Role.TRACKER)

    def user(self, username, unit, role):
        user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=username)
        Membership.objects.create(user=user, unit=unit, role=role)
        return user

    def task(self, content="Tham mưu quy định điều động cán bộ", *, lead=None, coordinators=(), deadline=date(2099, 12, 31),
             issued_on=date(2026, 1, 5), **extra):
        [task] = assign_tasks(
            self.tracker, assigned_by=self.root, issued_on=issued_on,
            drafts=[TaskDraft(content, lead or self.btc, list(coordinators), deadline=deadline, **extra)],
        )
        return task


@pytest.fixture
def province(db):
    return Province()


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
