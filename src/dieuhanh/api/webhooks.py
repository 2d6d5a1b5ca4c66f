"""Webhooks: an event of the workflow, once delivered in the app, becomes one pending delivery per matching
subscription (in the event's delivery transaction); a background job posts them after commit, so a dead
endpoint never slows the request that caused the event. A failed post is retried with a growing delay up to
DIEUHANH_WEBHOOK_ATTEMPTS times; every attempt keeps its response code; the admin can send one again.

The receiver checks `X-Dieuhanh-Signature: sha256=<hex>` = HMAC-SHA256(secret, "<timestamp>.<body>") with
`X-Dieuhanh-Timestamp`, and drops a `X-Dieuhanh-Delivery` it has seen (a post whose answer was lost is sent
again: at least once, and never again once answered 2xx)."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from dieuhanh.petitions.models import Petition
from dieuhanh.petitions.queries import visible_petitions
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.queries import visible_tasks

from .models import Delivery, Subscription
from .tokens import narrowed

BATCH = 200
VISIBLE = {Task: visible_tasks, Petition: visible_petitions}


def _sees(subscription: Subscription, event) -> bool:
    """Whether the subscription's owner, narrowed to its unit and role, may see what the event is about."""
    model = event.target_type.model_class()
    scoped = VISIBLE.get(model)
    if scoped is None:
        return False  # reports, products …: the office's own business, not sent out
    user = narrowed(subscription.owner, subscription.unit, subscription.role)
    return scoped(user).filter(pk=event.target_id).exists()


def on_event(event) -> None:
    """events.subscribe handler: runs inside the event's delivery transaction."""
    subscriptions = [s for s in Subscription.objects.filter(is_active=True).select_related("owner", "unit")
                     if (not s.kinds or event.kind in s.kinds) and _sees(s, event)]
    if subscriptions:
        Delivery.objects.bulk_create([Delivery(subscription=s, event=event) for s in subscriptions],
                                     ignore_conflicts=True)
        transaction.on_commit(wake)


def body(delivery: Delivery) -> bytes:
    event = delivery.event
    return json.dumps({
        "delivery": delivery.pk, "event": event.pk, "kind": event.kind, "kind_label": event.get_kind_display(),
        "text": event.text, "link": settings.DIEUHANH_SITE_URL.rstrip("/") + event.link,
        "target": {"type": event.target_type.model, "id": event.target_id},
        "created_at": event.created_at.isoformat(),
    }, ensure_ascii=False).encode()


def signature(secret: str, timestamp: str, payload: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + payload, hashlib.sha256).hexdigest()


def _post(delivery: Delivery) -> tuple[int | None, str]:
    payload = body(delivery)
    timestamp = str(int(time.time()))
    request = urllib.request.Request(delivery.subscription.url, data=payload, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": "dieuhanh-webhook/1",
        "X-Dieuhanh-Event": delivery.event.kind, "X-Dieuhanh-Delivery": str(delivery.pk),
        "X-Dieuhanh-Timestamp": timestamp,
        "X-Dieuhanh-Signature": signature(delivery.subscription.secret, timestamp, payload)})
    try:
        with urllib.request.urlopen(request, timeout=settings.DIEUHANH_WEBHOOK_TIMEOUT) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))[:500]


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(settings.DIEUHANH_WEBHOOK_FIRST_RETRY_SECONDS * 2 ** (attempts - 1), 6 * 3600))


def send_due(now=None, limit: int = BATCH) -> int:
    """Post the deliveries whose time has come, each locked while it is sent; the number sent."""
    sent = 0
    ids = list(Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=now or timezone.now())
               .order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])
    for pk in ids:
        with transaction.atomic():
            delivery = (Delivery.objects.select_for_update().select_related("subscription", "event__target_type")
                        .filter(pk=pk, state=Delivery.State.PENDING).first())
            if delivery is None:
                continue  # sent meanwhile by another worker
            status, error = _post(delivery)
            delivery.attempts += 1
            delivery.last_status, delivery.last_error = status, error
            delivery.log = [*delivery.log, {"at": timezone.now().isoformat(timespec="seconds"), "status": status,
                                            "error": error}][-50:]
            if status is not None and 200 <= status < 300:
                delivery.state, delivery.delivered_at, delivery.last_error = Delivery.State.DELIVERED, timezone.now(), ""
                sent += 1
            elif delivery.attempts >= settings.DIEUHANH_WEBHOOK_ATTEMPTS:
                delivery.state = Delivery.State.FAILED
            else:
                delivery.next_attempt_at = timezone.now() + _backoff(delivery.attempts)
            delivery.save()
    return sent


def replay(deliveries) -> int:
    """Send again (the admin's action): back to pending, now, with a fresh count of attempts."""
    count = deliveries.update(state=Delivery.State.PENDING, next_attempt_at=timezone.now(), attempts=0)
    transaction.on_commit(wake)
    return count


def wake(at=None) -> bool:
    """Enqueue the sending job for `at` (now by default) — once per second of wake time, however many events,
    replays or finishing jobs ask: a burst of a thousand events, or a thousand retries falling due together,
    make one job, not a thousand (the shared cache's `add` lets only the first asker through)."""
    now = timezone.now()
    at = max(at or now, now)
    if not cache.add(f"dieuhanh:webhooks:wake:{int(at.timestamp())}", 1,
                     timeout=int((at - now).total_seconds()) + 3600):
        return False
    (send_due_job.using(run_after=at) if at > now else send_due_job).enqueue()
    return True


@task
def send_due_job() -> None:
    while send_due() or _due_now():  # a batch at a time, until nothing is due
        pass
    upcoming = (Delivery.objects.filter(state=Delivery.State.PENDING).order_by("next_attempt_at")
                .values_list("next_attempt_at", flat=True).first())
    if upcoming is not None:  # the next retry: one job, run when its time comes
        wake(upcoming)


def _due_now() -> bool:
    return Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=timezone.now()).exists()
