"""Every change to a user's sign-in: what happens at sign-in, password changes, the second factor,
ending sessions. Each writes the audit log."""

import time

from django.contrib.auth import update_session_auth_hash
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dieuhanh.accounts import policy
from dieuhanh.accounts.models import Account, SignedInSession
from dieuhanh.audit.log import record
from dieuhanh.audit.models import Action

SIGNED_IN_AT = "dieuhanh_signed_in_at"
SECOND_FACTOR = "dieuhanh_second_factor"  # "setup" (must enrol), "verify" (must enter a code), absent: done
CHANGE_PASSWORD = "dieuhanh_change_password"
RECOVERY_CODES = 10


def signed_in(request, user) -> None:
    """Called on every sign-in: remember the session, and what the user must still do before working."""
    session = request.session
    session[SIGNED_IN_AT] = time.time()
    if session.session_key:
        SignedInSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})
    if user_has_device(user):
        session[SECOND_FACTOR] = "verify"
    elif policy.needs_two_factor(user):
        session[SECOND_FACTOR] = "setup"
    if policy.must_change_password(user):
        session[CHANGE_PASSWORD] = True


def password_changed(request, user) -> None:
    """After the user set a new password themselves: the forced change is done, other sessions end."""
    with transaction.atomic():
        Account.objects.update_or_create(user=user, defaults={"must_change_password": False,
                                                              "password_changed_at": timezone.now()})
        update_session_auth_hash(request, user)
        request.session.pop(CHANGE_PASSWORD, None)
        end_sessions(user, keep=request.session.session_key, audited=False)
        record(Action.PASSWORD_CHANGED, request, user=user)


def reset_requested(request, email: str) -> None:
    name, _, domain = email.partition("@")
    record(Action.PASSWORD_RESET, request, detail=f"gửi liên kết đặt lại tới {name[:2]}…@{domain}")


def password_reset(request, user) -> None:
    """A password chosen through the mailed link: the user's own, so no forced change; sessions end."""
    with transaction.atomic():
        Account.objects.update_or_create(user=user, defaults={"must_change_password": False,
                                                              "password_changed_at": timezone.now()})
        end_sessions(user, audited=False)
        record(Action.PASSWORD_CHANGED, request, user=user, detail="đặt lại qua thư")


def password_set_by_admin(user, admin) -> None:
    """An administrator typed a password for someone else: that person must choose their own."""
    if user.pk != getattr(admin, "pk", None):
        Account.objects.update_or_create(user=user, defaults={"must_change_password": True})
        end_sessions(user, audited=False)
    record(Action.PASSWORD_CHANGED, user=admin, target=f"người dùng {user.username}",
           detail="quản trị viên đặt mật khẩu")


def end_sessions(user, keep: str | None = None, request=None, audited: bool = True) -> int:
    """Sign the user out everywhere (but `keep`, the session making the request)."""
    keys = list(SignedInSession.objects.filter(user=user).exclude(session_key=keep or "")
                .values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    SignedInSession.objects.filter(session_key__in=keys).delete()
    if audited:
        record(Action.SESSIONS_ENDED, request, user=user, detail=f"{len(keys)} phiên khác")
    return len(keys)


def pending_totp(user) -> TOTPDevice:
    """The authenticator being set up: one unconfirmed device, kept until confirmed or replaced."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


def confirm_totp(request, token: str) -> list[str]:
    """The first code from the app proves the set-up; the recovery codes are returned to show once."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(_digits(token)):
        raise ValidationError("Mã xác thực không đúng hoặc đã hết hạn. Hãy đợi vài giây rồi nhập mã đang hiện trên ứng dụng.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save()
        codes = _new_recovery_codes(user)
        otp_login(request, device)
        request.session.pop(SECOND_FACTOR, None)
        record(Action.TWO_FACTOR, request, user=user, detail="bật xác thực hai lớp")
    return codes


def verify(request, token: str) -> None:
    """A code from the app or one recovery code (each used once) completes the sign-in."""
    token = _digits(token)
    # Against one device, as django-otp advises: six digits are the app's code, anything else a
    # recovery code; so a mistyped code does not throttle the other device.
    model = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    device = model.objects.filter(user=request.user, confirmed=True).first()
    with transaction.atomic():
        if device is not None and not device.verify_token(token):
            device = None
    if device is None:
        record(Action.LOGIN_FAILED, request, user=request.user, detail="mã xác thực hai lớp sai")
        raise ValidationError("Mã không đúng. Nhập mã 6 chữ số trên ứng dụng xác thực, hoặc một mã dự phòng.")
    otp_login(request, device)
    request.session.pop(SECOND_FACTOR, None)
    record(Action.TWO_FACTOR, request, user=request.user,
           detail="dùng mã dự phòng" if isinstance(device, StaticDevice) else "nhập mã xác thực")


def regenerate_recovery_codes(request) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(request.user)
        record(Action.TWO_FACTOR, request, user=request.user, detail="tạo lại mã dự phòng")
    return codes


def disable_two_factor(request) -> None:
    if policy.needs_two_factor(request.user):
        raise ValidationError("Tài khoản của bạn bắt buộc dùng xác thực hai lớp.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()
        StaticDevice.objects.filter(user=request.user).delete()
        record(Action.TWO_FACTOR, request, user=request.user, detail="tắt xác thực hai lớp")


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Mã dự phòng")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def _digits(token: str) -> str:
    return "".join(ch for ch in str(token) if not ch.isspace())
