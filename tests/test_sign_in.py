"""Sign-in security (TCVN 11930 level 3): lockout, password policy, forced change, second factor,
session lifetime, sign-out everywhere, reset by mail — each through the pages, as a user meets it."""

import re
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from dieuhanh.accounts.models import Account
from dieuhanh.accounts.services import SIGNED_IN_AT
from dieuhanh.audit.models import Action, AuditEntry

NEW_PASSWORD = "Trống đồng Đông Sơn 1945"


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post("/dang-nhap/", {"username": username, "password": password}, **extra)


def code_for(user):
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("quantri", email="qt@example.vn", password=PASSWORD)


def test_wrong_passwords_lock_the_account_and_the_admin_lifts_the_lock(province, settings):
    settings.AXES_FAILURE_LIMIT = 5
    client = Client()
    for _ in range(4):
        assert sign_in(client, "bantochuc", "sai-mat-khau").status_code == 200
    assert sign_in(client, "bantochuc", "sai-mat-khau").status_code == 429  # the fifth locks
    locked = sign_in(client, "bantochuc")  # even the right password, while locked
    assert locked.status_code == 429 and "Tạm khóa đăng nhập" in locked.content.decode()
    assert AuditEntry.objects.filter(action=Action.LOGIN_FAILED, username="bantochuc").count() >= 5
    assert AuditEntry.objects.filter(action=Action.LOCKED_OUT, username="bantochuc").exists()
    # From another address the account stays locked (by account), and the address is locked for others.
    assert sign_in(Client(REMOTE_ADDR="10.0.0.9"), "bantochuc").status_code == 429
    assert sign_in(client, "sonoivu").status_code == 429
    AccessAttempt.objects.all().delete()  # what "delete" in /quan-tri/ → Lượt truy cập does
    assert AuditEntry.objects.filter(action=Action.UNLOCKED).exists()
    assert sign_in(client, "bantochuc").status_code == 302


def test_the_password_policy_refuses_weak_passwords(province, login):
    client = login(province.lead_officer)
    for weak in ["1", "12345678901234", "password12345", "bantochuc123"]:
        response = client.post("/tai-khoan/mat-khau/", {"old_password": PASSWORD, "new_password1": weak,
                                                       "new_password2": weak})
        assert response.status_code == 200, weak  # the form again, with the reason
    province.lead_officer.refresh_from_db()
    assert province.lead_officer.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action=Action.PASSWORD_CHANGED).exists()


def test_a_demo_password_must_be_changed_before_any_work(province):
    Account.objects.create(user=province.lead_officer, must_change_password=True)
    client = Client()
    sign_in(client, "bantochuc")
    assert client.get("/viec-cua-don-vi/")["Location"] == "/tai-khoan/mat-khau/"
    other = Client()
    sign_in(other, "bantochuc")
    response = client.post("/tai-khoan/mat-khau/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                   "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/viec-cua-don-vi/").status_code == 200
    assert not Account.objects.get(user=province.lead_officer).must_change_password
    assert AuditEntry.objects.filter(action=Action.PASSWORD_CHANGED, user=province.lead_officer).exists()
    assert other.get("/viec-cua-don-vi/").status_code == 302  # the other session ended with the change


def test_demo_mode_keeps_demo_passwords_usable(province, settings):
    settings.DIEUHANH_DEMO = True
    Account.objects.create(user=province.lead_officer, must_change_password=True)
    client = Client()
    sign_in(client, "bantochuc")
    assert client.get("/viec-cua-don-vi/").status_code == 200


def test_an_admin_sets_up_the_second_factor_then_needs_it_at_every_sign_in(admin_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's growing wait after a wrong code, not timed here
    client = Client()
    sign_in(client, "quantri")
    assert client.get("/viec-cua-don-vi/")["Location"] == "/tai-khoan/hai-lop/"
    assert client.get("/quan-tri/")["Location"] == "/tai-khoan/hai-lop/"
    page = client.get("/tai-khoan/hai-lop/").content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page
    assert client.post("/tai-khoan/hai-lop/", {"ma": "000000"}).status_code == 200  # wrong: asked again
    codes_page = client.post("/tai-khoan/hai-lop/", {"ma": code_for(admin_user)}).content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", codes_page)
    assert len(codes) == 10
    assert client.get("/quan-tri/").status_code == 200

    again = Client()
    sign_in(again, "quantri")
    assert again.get("/nhiem-vu/")["Location"].startswith("/dang-nhap/ma-xac-thuc/")
    assert again.post("/dang-nhap/ma-xac-thuc/", {"ma": "123456"}).status_code == 200
    assert again.get("/nhiem-vu/").status_code == 302
    assert again.post("/dang-nhap/ma-xac-thuc/", {"ma": codes[0], "next": "https://example.com/"})["Location"] \
        == "/viec-cua-don-vi/"  # a recovery code works; next= never leads off-site
    assert again.get("/nhiem-vu/").status_code == 200

    third = Client()
    sign_in(third, "quantri")
    assert third.post("/dang-nhap/ma-xac-thuc/", {"ma": codes[0]}).status_code == 200  # used once only
    assert AuditEntry.objects.filter(action=Action.TWO_FACTOR, user=admin_user).count() >= 2


def test_trackers_need_the_second_factor_when_the_setting_says_so(province, settings):
    client = Client()
    sign_in(client, "vanphong")
    assert client.get("/viec-cua-don-vi/").status_code == 200
    settings.DIEUHANH_2FA_ROLES = ["tracker", "leader"]
    client = Client()
    sign_in(client, "vanphong")
    assert client.get("/viec-cua-don-vi/")["Location"] == "/tai-khoan/hai-lop/"
    officer = Client()
    sign_in(officer, "bantochuc")
    assert officer.get("/viec-cua-don-vi/").status_code == 200


def test_a_session_ends_after_its_absolute_lifetime_whatever_the_activity(province, settings):
    client = Client()
    sign_in(client, "bantochuc")
    session = client.session
    session[SIGNED_IN_AT] = time.time() - (settings.DIEUHANH_SESSION_MAX_HOURS * 3600 + 60)
    session.save()
    response = client.get("/nhiem-vu/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert client.get("/nhiem-vu/")["Location"].startswith("/dang-nhap/")


def test_the_idle_expiry_moves_forward_at_most_once_a_minute_and_ends_an_idle_session(province, settings):
    from django.contrib.sessions.models import Session

    from dieuhanh.accounts import middleware

    client = Client()
    sign_in(client, "bantochuc")
    client.get("/nhiem-vu/")
    key = client.session.session_key
    first = Session.objects.get(pk=key).expire_date
    client.get("/nhiem-vu/")
    assert Session.objects.get(pk=key).expire_date == first  # no write for a page a second later
    session = client.session
    session[middleware.SEEN_AT] = time.time() - middleware.TOUCH_SECONDS - 1
    session.save()
    saved = Session.objects.get(pk=key).expire_date
    client.get("/nhiem-vu/")
    assert Session.objects.get(pk=key).expire_date > saved  # a minute on, the idle clock starts again
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/nhiem-vu/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_sign_out_everywhere_ends_the_other_sessions(province):
    phone, office = Client(), Client()
    sign_in(phone, "bantochuc")
    sign_in(office, "bantochuc")
    office.post("/tai-khoan/dang-xuat-moi-noi/")
    assert phone.get("/nhiem-vu/").status_code == 302
    assert office.get("/nhiem-vu/").status_code == 200
    assert AuditEntry.objects.filter(action=Action.SESSIONS_ENDED).exists()


def test_a_forgotten_password_is_reset_through_a_mailed_link(province):
    province.lead_officer.email = "btc@hatinh.gov.vn"
    province.lead_officer.save()
    client = Client()
    assert client.post("/quen-mat-khau/", {"email": "btc@hatinh.gov.vn"}).status_code == 302
    assert client.post("/quen-mat-khau/", {"email": "khong-co@hatinh.gov.vn"}).status_code == 302  # no tell
    [message] = mail.outbox
    link = re.search(r"http://testserver(/quen-mat-khau/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    set_url = form.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert sign_in(Client(), "bantochuc", NEW_PASSWORD).status_code == 302
    assert AuditEntry.objects.filter(action=Action.PASSWORD_RESET).exists()


def test_sign_ins_and_sign_outs_are_in_the_audit_log_with_the_address(province):
    client = Client(REMOTE_ADDR="10.1.2.3")
    sign_in(client, "bantochuc")
    client.post("/dang-xuat/")
    entries = AuditEntry.objects.filter(user=province.lead_officer).order_by("at", "pk")
    assert [e.action for e in entries] == [Action.LOGIN, Action.LOGOUT]
    assert {e.ip for e in entries} == {"10.1.2.3"}
