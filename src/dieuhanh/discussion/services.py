"""Posting and editing a comment. The owning app (tasks, petitions) checks its own "comment" rule, then
describes the place — the object, its page, who may take part, the units offered as mentions, who hears
of every comment — and calls these in its transaction. A comment, its files and its events are written
together; a refusal changes nothing."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dieuhanh.core.errors import checked_text
from dieuhanh.core.files import check_upload
from dieuhanh.core.history import by
from dieuhanh.core.text import person_name
from dieuhanh.events.models import Kind
from dieuhanh.events.services import record, summary
from dieuhanh.org.models import Role, Unit
from dieuhanh.org.queries import people_to_tell

from . import policy
from .mentions import mentioned_names
from .models import Comment, CommentFile
from .queries import comments_on

FILE_TYPES = (".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg")
MENTIONED_ROLES = (Role.OFFICER, Role.LEADER, Role.TRACKER)


@dataclass(frozen=True)
class Place:
    """Where a discussion happens, as the app that owns the object describes it."""

    target: object
    link: str  # the object's page: where a notification leads
    subject: str  # what it is about, for the notification's text
    takes_part: Callable[[object], bool]  # (user) → may read it and be mentioned
    units: Sequence[Unit]  # the object's units: offered as mentions
    tell: Callable[[object], Iterable]  # (actor) → who hears of any comment besides the mentioned


def _text(value: str) -> str:
    return checked_text(value, "Nội dung trao đổi", settings.DIEUHANH_COMMENT_MAX_CHARS)


def _mentions(place: Place, text: str, unit_ids: Iterable[int]) -> tuple[list, list[Unit]]:
    """The people and units a comment names: typed "@name" (a user name, or a code of one of the object's
    units) and the units ticked on the form. A name nobody holds, or a person outside the object, is
    refused rather than silently dropped: the writer believes someone was told."""
    by_code = {u.code.lower(): u for u in place.units}
    try:
        chosen = {int(pk) for pk in unit_ids}
    except (TypeError, ValueError):
        raise ValidationError("Chỉ nhắc đến được các đơn vị của nội dung này.") from None
    stray = chosen - {u.pk for u in place.units}
    if stray:
        raise ValidationError("Chỉ nhắc đến được các đơn vị của nội dung này.")
    units = {u.pk: u for u in place.units if u.pk in chosen}
    names = mentioned_names(text)
    found = {u.username.lower(): u for u in get_user_model().objects.filter(
        username__in=names, is_active=True)} if names else {}
    people = []
    for name in names:
        if name in found:
            person = found[name]
            if not place.takes_part(person):
                raise ValidationError(f"{person_name(person)} không tham gia nội dung này "
                                      "nên không nhắc đến được.")
            people.append(person)
        elif name in by_code:
            units.setdefault(by_code[name].pk, by_code[name])
        else:
            raise ValidationError(f"Không có người hoặc đơn vị nào mang tên “@{name}” trong nội dung này.")
    return people, list(units.values())


def _announce(actor, place: Place, comment: Comment, people: list, units: list[Unit], everyone: bool) -> None:
    """Those named hear they were mentioned; the others of the place (when `everyone`) that it was discussed."""
    named = {u.pk: u for u in people if u.pk != actor.pk}
    for person in people_to_tell(units, MENTIONED_ROLES):
        if person.pk != actor.pk and place.takes_part(person):
            named.setdefault(person.pk, person)
    note = comment.text[:300]
    if named:
        record(Kind.MENTIONED, place.target, actor=actor, recipients=named.values(),
               text=summary(Kind.MENTIONED, place.subject, note), link=place.link)
    if everyone:
        earlier = get_user_model().objects.filter(pk__in=comments_on(place.target).values("author_id"), is_active=True)
        others = {u.pk: u for u in [*place.tell(actor), *earlier] if u.pk not in named and u.pk != actor.pk}
        if others:
            record(Kind.COMMENTED, place.target, actor=actor, recipients=others.values(),
                   text=summary(Kind.COMMENTED, place.subject, note), link=place.link)


@transaction.atomic
def post(actor, place: Place, text: str, files=(), unit_ids: Iterable[int] = ()) -> Comment:
    text = _text(text)
    checked = [check_upload(f, FILE_TYPES) for f in files]
    people, units = _mentions(place, text, unit_ids)
    comment = by(Comment(target=place.target, author=actor, text=text, created_at=timezone.now()), actor)
    comment.save()
    comment.mentioned_users.set(people)
    comment.mentioned_units.set(units)
    for upload, info in zip(files, checked):
        by(CommentFile(comment=comment, file=upload, name=info.name, content_type=info.content_type,
                       size=info.size), actor).save()
    _announce(actor, place, comment, people, units, everyone=True)
    return comment


@transaction.atomic
def edit(actor, place: Place, comment_id: int, text: str) -> Comment:
    """The author mends their words within the window; the earlier text stays in the history, and only
    those newly mentioned are told."""
    comment = comments_on(place.target).select_for_update().filter(pk=comment_id).first()
    if comment is None:
        raise ValidationError("Không tìm thấy ý kiến này.")
    policy.require_edit(actor, comment)
    text = _text(text)
    people, units = _mentions(place, text, comment.mentioned_units.values_list("pk", flat=True))
    before_people = set(comment.mentioned_users.values_list("pk", flat=True))
    before_units = set(comment.mentioned_units.values_list("pk", flat=True))
    comment.text, comment.edited_at = text, timezone.now()
    by(comment, actor).save()
    comment.mentioned_users.set(people)
    comment.mentioned_units.set(units)
    _announce(actor, place, comment, [p for p in people if p.pk not in before_people],
              [u for u in units if u.pk not in before_units], everyone=False)
    return comment
