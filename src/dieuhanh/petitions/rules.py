"""Time limits and derived states of a petition: when it must be received and answered, whether it is
late, and which unit answers it by default."""

from datetime import date, datetime

from django.conf import settings

from dieuhanh.core import calendar
from dieuhanh.org.models import Area, Unit

from .models import Field, Petition, RoutingRule

OPEN = Petition.OPEN_STATUSES
ANSWERABLE = {Petition.Status.RECEIVED, Petition.Status.TRANSFERRED, Petition.Status.IN_PROGRESS}
FINISHED = {Petition.Status.ANSWERED, Petition.Status.REFUSED, Petition.Status.CLOSED}


def answer_days(field: Field | None, urgency: str) -> int:
    if urgency == Petition.Urgency.URGENT:
        return settings.DIEUHANH_PETITION_URGENT_DAYS
    if field is None:
        return settings.DIEUHANH_PETITION_DEFAULT_DAYS * (3 if urgency == Petition.Urgency.COMPLEX else 1)
    return field.complex_days if urgency == Petition.Urgency.COMPLEX else field.answer_days


def answer_due(received_on: date, field: Field | None, urgency: str) -> date:
    """Counted in working days from the day after receipt (Điều 147), Vietnamese holidays skipped."""
    return calendar.add_working_days(received_on, answer_days(field, urgency))


def receive_due(submitted_at: datetime, urgency: str) -> datetime:
    return calendar.add_working_hours(submitted_at, settings.DIEUHANH_PETITION_RECEIVE_HOURS[urgency])


def is_overdue(petition: Petition, today: date) -> bool:
    return petition.status in OPEN and petition.due_on is not None and petition.due_on < today


def days_late(petition: Petition, today: date) -> int:
    """Calendar days past the answer deadline: to the answer, or to today while unanswered."""
    if petition.due_on is None:
        return 0
    end = petition.answered_on or (today if petition.status in OPEN else None)
    return max(0, (end - petition.due_on).days) if end else 0


def answered_on_time(petition: Petition) -> bool | None:
    if petition.answered_on is None or petition.due_on is None:
        return None
    return petition.answered_on <= petition.due_on


def default_unit(field: Field | None, area: Area | None, tree: Unit) -> Unit | None:
    """The routing rule for the field in the area (or its former area), else the field's rule for any area,
    within the receiving province's tree."""
    if field is None:
        return None
    rules = RoutingRule.objects.filter(field=field, unit__root_id=tree.root_id, unit__active_to=None)
    if area is not None:
        areas = [area.pk] + ([area.parent_id] if area.parent_id else [])
        for area_id in areas:
            rule = rules.filter(area_id=area_id).select_related("unit").first()
            if rule:
                return rule.unit
    rule = rules.filter(area=None).select_related("unit").first()
    return rule.unit if rule else None
