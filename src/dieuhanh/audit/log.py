"""Writing to the audit log: `record` from anywhere, and the middleware that knows the request.

A refusal usually happens inside a service's transaction, which then rolls back; so refusals heard
during a request are held and written once the response is ready, outside every transaction."""

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from dieuhanh.audit.models import Action, AuditEntry
from dieuhanh.core.net import client_ip


@dataclass
class _Request:
    request: object
    refusals: list[str] = field(default_factory=list)


_current: ContextVar[_Request | None] = ContextVar("audit_request", default=None)


def _entry(action: str, request=None, user=None, username: str = "", target: str = "", detail: str = ""):
    if request is not None:
        user = user or (request.user if getattr(request, "user", None) and request.user.is_authenticated else None)
    return AuditEntry(
        action=action, user=user, username=(username or getattr(user, "username", ""))[:150],
        ip=(client_ip(request) or None) if request is not None else None,
        path=(request.get_full_path()[:300] if request is not None else ""),
        target=str(target)[:300], detail=str(detail)[:2000],
    )


def record(action: str, request=None, user=None, username: str = "", target="", detail: str = "") -> None:
    """One entry now. Without `request`, the current request's address and path are used if any."""
    if request is None and (current := _current.get()) is not None:
        request = current.request
    _entry(action, request, user, username, target, detail).save()


def refused(message: str) -> None:
    current = _current.get()
    if current is None:  # a command or job: nothing rolls back around us that the caller does not own
        record(Action.REFUSED, detail=message)
    else:
        current.refusals.append(message)


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(context := _Request(request))
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if response.status_code == 403 and not context.refusals:
            context.refusals.append(f"HTTP 403 {request.method}")
        if context.refusals:
            AuditEntry.objects.bulk_create([_entry(Action.REFUSED, request, detail=m) for m in context.refusals])
        return response


def prune(now=None) -> int:
    """Delete entries older than the kept period (DIEUHANH_AUDIT_KEEP_DAYS, never under 90 days)."""
    keep = max(settings.DIEUHANH_AUDIT_KEEP_DAYS, 90)
    deleted, _ = AuditEntry.objects.filter(at__lt=(now or timezone.now()) - timedelta(days=keep)).delete()
    return deleted
