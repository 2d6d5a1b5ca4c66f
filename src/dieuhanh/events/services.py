"""Record an event in the caller's transaction; deliver it after commit through the handlers that
subscribed (notify: in-app notifications and mail). Delivery is idempotent: an event is delivered
once, by whichever of the commit hook and the outbox job gets to it first."""

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import Event, Kind

_handlers: list[Callable[[Event], None]] = []


def subscribe(handler: Callable[[Event], None]) -> None:
    """Called by an app's ready(): `handler(event)` runs once per event, inside its delivery transaction."""
    if handler not in _handlers:
        _handlers.append(handler)


def summary(kind: str, subject: str, note: str = "") -> str:
    """A notification's text: "<the step>: <what it is about> — <what was said>"."""
    return f"{Kind(kind).label}: {subject[:200]}" + (f" — {note[:300]}" if note else "")


def record(kind: str, target, *, actor, recipients: Iterable, text: str, link: str) -> Event:
    """One event for one step; the recipients are users (deduplicated; the actor is told nothing of
    their own step)."""
    event = Event.objects.create(kind=kind, target_type=ContentType.objects.get_for_model(target),
                                 target_id=target.pk, actor=actor if getattr(actor, "pk", None) else None,
                                 text=text[:2000], link=link)
    actor_id = getattr(actor, "pk", None)
    people = {u.pk: u for u in recipients if u.pk != actor_id}
    event.recipients.set(people.values())
    transaction.on_commit(lambda: deliver(event.pk))
    return event


def deliver(event_id: int) -> bool:
    with transaction.atomic():
        event = Event.objects.select_for_update().filter(pk=event_id, delivered_at__isnull=True).first()
        if event is None:
            return False  # already delivered
        for handler in _handlers:
            handler(event)
        event.delivered_at = timezone.now()
        event.save(update_fields=["delivered_at"])
    return True


def deliver_pending(limit: int = 1000) -> int:
    """Events whose commit hook never ran (the process died right after commit)."""
    ids = list(Event.objects.filter(delivered_at__isnull=True).order_by("created_at").values_list("pk", flat=True)[:limit])
    return sum(deliver(pk) for pk in ids)
