"""Making, revoking and checking API tokens. A token "dh_<prefix>_<secret>" is shown once when made; the
database keeps the prefix (to find it) and the secret's SHA-256 (to prove it). Every change and every use is
in the audit log; a checked token gives the request its user narrowed to the token's unit and role."""

import copy
import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dieuhanh.audit.log import record
from dieuhanh.audit.models import Action
from dieuhanh.core.errors import Refused, checked_text
from dieuhanh.core.history import by
from dieuhanh.org.models import Membership
from dieuhanh.org.queries import Scope

from . import policy
from .models import ApiToken

PREFIX = "dh_"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(actor, *, user, name: str, unit, role: str, days: int,
          kind: str = ApiToken.Kind.PERSONAL) -> tuple[ApiToken, str]:
    """A new token and its one-time text. Refused when `actor` may not give `user` that scope."""
    name = checked_text(name, "Tên gợi nhớ", 120)
    if kind not in ApiToken.Kind.values:
        raise ValidationError("Loại khóa không hợp lệ.")
    longest = settings.DIEUHANH_API_TOKEN_MAX_DAYS
    if not 1 <= days <= longest:
        raise ValidationError(f"Thời hạn của khóa từ 1 đến {longest} ngày.")
    if reason := policy.may_issue(actor, user, unit, role):
        raise Refused(reason)
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    with transaction.atomic():
        token = by(ApiToken(user=user, name=name, kind=kind, unit=unit, role=role, prefix=prefix,
                            secret_hash=_hash(secret), expires_at=timezone.now() + timedelta(days=days),
                            created_by=actor), actor)
        token.save()
        record(Action.API_TOKEN, user=actor, target=f"khóa {prefix}",
               detail=f"Tạo khóa “{name}” cho {user.get_username()}: {unit.name}, {token.get_role_display()}, {days} ngày")
    return token, f"{PREFIX}{prefix}_{secret}"


def revoke(actor, token: ApiToken) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        policy.require(actor, "revoke", token)
        token.revoked_at, token.revoked_by = timezone.now(), actor
        by(token, actor).save(update_fields=["revoked_at", "revoked_by"])
        record(Action.API_TOKEN, user=actor, target=f"khóa {token.prefix}", detail=f"Thu hồi khóa “{token.name}”")
    return token


def check(text: str) -> ApiToken | None:
    """The active token `text` names, or None (unknown, wrong secret, revoked, expired)."""
    if not text.startswith(PREFIX) or text.count("_") < 2:
        return None
    prefix, _, secret = text[len(PREFIX):].partition("_")
    token = ApiToken.objects.select_related("user", "unit").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    if not token.is_active() or not token.user.is_active:
        return None
    return token


def narrowed(user, unit, role: str):
    """`user` with only that unit and role, never a superuser or staff, so every scoped query and policy of the
    apps reads the narrowed scope (Scope.of returns the one set here): what a token or a webhook's owner sees."""
    user = copy.copy(user)
    user.is_superuser = user.is_staff = False
    user._dieuhanh_scope = Scope(user, [Membership(user=user, unit=unit, role=role)])
    return user


def acting_user(token: ApiToken):
    """The token's user as the API sees it."""
    return narrowed(token.user, token.unit, token.role)


def used(token: ApiToken, request) -> None:
    """Each use in the audit log; the token's last use kept to the minute (one write a minute, not a request)."""
    now = timezone.now()
    record(Action.API_CALL, request=request, user=token.user, target=f"khóa {token.prefix}",
           detail=f"{request.method} {request.path}"[:2000])
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
