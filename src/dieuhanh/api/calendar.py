"""The iCalendar feed of a user's deadlines (issue 18, item 6): the open tasks their units lead or coordinate,
each an all-day event on its effective deadline, read by Outlook, Thunderbird or a phone's calendar from a
private address. Written with the icalendar library."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from icalendar import Calendar, Event

from dieuhanh.core import calendar as workdays
from dieuhanh.org.queries import Scope
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.queries import working_on
from dieuhanh.tasks.status import State

from .models import CalendarKey

HORIZON = 400  # events up to this many days ahead, and overdue ones of the last as many days


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def new_key(user) -> str:
    """A new private address key for `user`; the previous one stops working."""
    key = secrets.token_urlsafe(24)
    CalendarKey.objects.update_or_create(user=user, defaults={"key_hash": _hash(key)})
    return key


def owner(key: str):
    found = CalendarKey.objects.select_related("user").filter(key_hash=_hash(key)).first()
    return found.user if found and found.user.is_active else None


def deadlines(user):
    today = workdays.today()
    units = list(Scope.of(user).own_unit_ids)
    return (Task.objects.filter(working_on(units, state__in=[State.OPEN, State.AWAITING]),
                                due_on__range=(today - timedelta(days=HORIZON), today + timedelta(days=HORIZON)))
            .select_related("lead", "document").order_by("due_on", "id")[:2000])


def feed(user, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//dieuhanh//Lich han nhiem vu//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Hạn nhiệm vụ — {user.get_full_name() or user.get_username()}")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for task in deadlines(user):
        event = Event()
        event.add("uid", f"nhiem-vu-{task.pk}@dieuhanh")
        event.add("dtstamp", task.updated_at)
        event.add("dtstart", task.due_on)
        event.add("dtend", task.due_on + timedelta(days=1))
        event.add("summary", f"Hạn: {task.content[:120]}")
        source = f" — {task.document.symbol}" if task.document_id else ""
        event.add("description", f"Chủ trì: {task.lead.name}{source}\nTình trạng: {task.status.label}")
        event.add("url", base_url + reverse("task_detail", args=[task.pk]))
        event.add("sequence", task.version)
        cal.add_component(event)
    return cal.to_ical()
