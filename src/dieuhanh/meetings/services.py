"""Recording a meeting, what was said there and the conclusions it issued; each write is one
transaction with its history, and only the host unit's trackers and leaders write."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dieuhanh.core.errors import Refused, checked_text
from dieuhanh.core.history import by
from dieuhanh.core.text import clean
from dieuhanh.documents.models import Document
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope

from . import policy
from .models import Meeting, Opinion


def _check_host(actor, unit: Unit) -> None:
    if not policy.may_host(Scope.of(actor), unit):
        raise Refused(f"Bạn không có quyền ghi nhận cuộc họp của {unit.name}.")


@transaction.atomic
def create_meeting(actor, *, kind: str, title: str, starts_at: datetime, host_unit: Unit, place: str = "",
                   chairs: str = "", attendees: str = "", agenda: str = "", attending_units=()) -> Meeting:
    _check_host(actor, host_unit)
    if kind not in Meeting.Kind.values:
        raise ValidationError("Hình thức cuộc họp không hợp lệ.")
    meeting = Meeting(kind=kind, title=checked_text(title, "Tên cuộc họp", 300), starts_at=starts_at,
                      host_unit=host_unit, place=clean(place)[:200], chairs=clean(chairs)[:300],
                      attendees=clean(attendees), agenda=clean(agenda), created_by=actor)
    by(meeting, actor).save()
    outside = [u.name for u in attending_units if u.root_id != host_unit.root_id]
    if outside:
        raise ValidationError(f"Đơn vị dự không thuộc tỉnh của cơ quan chủ trì: {', '.join(outside)}.")
    meeting.attending_units.set(attending_units)
    return meeting


@transaction.atomic
def add_opinion(actor, meeting: Meeting, *, speaker: str, gist: str, title: str = "", unit: Unit | None = None,
                text: str = "") -> Opinion:
    _check_host(actor, meeting.host_unit)
    opinion = Opinion(meeting=meeting, order=meeting.opinions.count() + 1, speaker=checked_text(speaker, "Người phát biểu", 120),
                      title=clean(title)[:200], unit=unit, gist=checked_text(gist, "Ý chính", 500), text=clean(text))
    by(opinion, actor).save()
    return opinion


@transaction.atomic
def link_document(actor, meeting: Meeting, document: Document, presented: bool = False) -> None:
    """The conclusion notice is a Document: its tasks become the meeting's follow-up. A document
    presented at the meeting (a report, a draft) is linked without becoming its conclusion."""
    _check_host(actor, meeting.host_unit)
    if document.issuer.root_id != meeting.tree_id:
        raise ValidationError("Văn bản phải do một đơn vị trong cùng tỉnh ban hành.")
    by(meeting, actor)
    (meeting.presented if presented else meeting.conclusions).add(document)
