"""Everything that changes a petition. Each operation checks who acts, checks the input, and writes in
one transaction with its history; a refusal raises ValidationError/PermissionDenied with a Vietnamese
message and changes nothing."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dieuhanh.core import calendar
from dieuhanh.core.errors import Refused, checked_text
from dieuhanh.core.files import check_upload
from dieuhanh.core.history import by
from dieuhanh.discussion import services as talk
from dieuhanh.documents.models import Document
from dieuhanh.events.models import Kind
from dieuhanh.org.models import Area, Unit
from dieuhanh.org.queries import Scope

from . import discussion, policy, rules
from .events import petition_event
from .models import Answer, AnswerFile, Field, FollowUp, Petition, Transfer

S = Petition.Status
EVIDENCE_TYPES = (".pdf", ".docx", ".png", ".jpg", ".jpeg")


@dataclass
class PetitionInput:
    content: str
    submitter: str
    receiving_unit: Unit
    source: str = Petition.Source.MEETING
    submitter_kind: str = Petition.SubmitterKind.OFFICIAL
    submitter_unit: Unit | None = None
    citizen_phone: str = ""
    citizen_email: str = ""
    citizen_address: str = ""
    addressed_to: str = ""
    field: Field | None = None
    area: Area | None = None
    urgency: str = Petition.Urgency.NORMAL
    meeting: object = None
    document: Document | None = None
    received_on: date | None = None
    due_on: date | None = None  # set by hand; otherwise from the field and urgency
    responsible_unit: Unit | None = None
    # Proposed for publication (the office still approves each answer); None: proposed when raised at a
    # dialogue, a reception or on the public page.
    publish_proposed: bool | None = None


def _text(value: str, label: str, required: bool = True, limit: int | None = None) -> str:
    """Petition texts default to the configured length of a petition."""
    return checked_text(value, label, limit or settings.DIEUHANH_PETITION_MAX_CHARS, required)


def _same_tree(petition_tree: Unit, unit: Unit) -> None:
    if unit.root_id != petition_tree.root_id:
        raise ValidationError(f"{unit.name} không thuộc hệ thống đơn vị của {petition_tree.root.name}; "
                              "chỉ chuyển được cho đơn vị trong tỉnh.")
    if unit.active_to is not None:
        raise ValidationError(f"{unit.name} đã ngừng hoạt động; hãy chọn đơn vị kế thừa.")


def _locked(petition: Petition) -> Petition:
    # Only the petition's row is locked: PostgreSQL refuses FOR UPDATE on the outer-joined units.
    return Petition.objects.select_for_update(of=("self",)).select_related(
        "receiving_unit", "responsible_unit", "field").get(pk=petition.pk)


def _route(actor, petition: Petition, unit: Unit, reason: str, now) -> None:
    """Sent to the unit that handles it; the unit is told (an event, delivered after commit)."""
    _same_tree(petition.receiving_unit or petition.responsible_unit, unit)
    moving = petition.responsible_unit is not None
    by(Transfer(petition=petition, from_unit=petition.responsible_unit, to_unit=unit, reason=reason, by=actor, at=now),
       actor).save()
    petition.responsible_unit = unit
    petition.status = S.TRANSFERRED
    petition_event(Kind.PETITION_TRANSFERRED if moving else Kind.PETITION_ROUTED, petition, actor, reason)


def _start_clock(petition: Petition, on: date) -> None:
    petition.received_on = on
    if petition.due_on is None:
        petition.due_on = rules.answer_due(on, petition.field, petition.urgency)


@transaction.atomic
def record(actor, data: PetitionInput) -> Petition:
    """A petition raised to staff (at a meeting, a reception, in a letter): received at once and routed
    to the responsible unit chosen, or by the routing rules."""
    if not Scope.of(actor).may_decide_for(data.receiving_unit):
        raise Refused(f"Bạn không có quyền tiếp nhận kiến nghị cho {data.receiving_unit.name}.")
    now = timezone.now()
    received_on = data.received_on or calendar.as_local_date(now)
    if data.due_on and data.due_on < received_on:
        raise ValidationError("Hạn trả lời không được trước ngày tiếp nhận.")
    proposed = data.publish_proposed if data.publish_proposed is not None else data.source in (
        Petition.Source.RECEPTION, Petition.Source.PUBLIC_FORM) or bool(
        data.meeting and data.meeting.kind in data.meeting.PUBLIC_KINDS)
    petition = Petition(
        source=data.source, meeting=data.meeting, document=data.document, submitter_kind=data.submitter_kind,
        submitter=_text(data.submitter, "Người kiến nghị", limit=300), submitter_unit=data.submitter_unit,
        citizen_phone=_text(data.citizen_phone, "Điện thoại", False, 20),
        citizen_email=_text(data.citizen_email, "Thư điện tử", False, 254),
        citizen_address=_text(data.citizen_address, "Địa chỉ", False, 300),
        content=_text(data.content, "Nội dung kiến nghị"), addressed_to=_text(data.addressed_to, "Gửi đến", False, 300),
        field=data.field, area=data.area, urgency=data.urgency, receiving_unit=data.receiving_unit,
        submitted_at=now, accepted_at=now, due_on=data.due_on, status=S.RECEIVED, publish_proposed=proposed,
        created_by=actor)
    _start_clock(petition, received_on)
    by(petition, actor).save()
    unit = data.responsible_unit or rules.default_unit(data.field, data.area, data.receiving_unit)
    if unit is not None:
        _route(actor, petition, unit, "", now)
        by(petition, actor).save()
    return petition


def sender_key(address: str) -> str:
    """A keyed hash of the sender's IP address: enough to count submissions, useless to identify anyone."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def submit_public(data: PetitionInput, sender: str) -> Petition:
    """A citizen's petition from the public page: waits for the receiving office (chờ tiếp nhận)."""
    key = sender_key(sender)
    now = timezone.now()
    recent = Petition.objects.filter(sender_key=key, submitted_at__gte=now - timedelta(hours=1)).count()
    if recent >= settings.DIEUHANH_PUBLIC_SUBMISSIONS_PER_HOUR:
        raise ValidationError("Bạn đã gửi nhiều kiến nghị trong một giờ qua. Vui lòng thử lại sau ít phút; "
                              "nếu cần gấp, hãy liên hệ bộ phận tiếp công dân.")
    if not data.citizen_phone and not data.citizen_email:
        raise ValidationError("Hãy để lại số điện thoại hoặc thư điện tử để cơ quan gửi câu trả lời.")
    petition = Petition(
        source=Petition.Source.PUBLIC_FORM, submitter_kind=Petition.SubmitterKind.CITIZEN,
        submitter=_text(data.submitter, "Họ và tên", limit=120),
        citizen_phone=_text(data.citizen_phone, "Điện thoại", False, 20),
        citizen_email=_text(data.citizen_email, "Thư điện tử", False, 254),
        citizen_address=_text(data.citizen_address, "Địa chỉ", False, 300),
        content=_text(data.content, "Nội dung kiến nghị"), field=data.field, area=data.area,
        receiving_unit=data.receiving_unit, received_on=calendar.as_local_date(now), submitted_at=now,
        receive_due_at=rules.receive_due(now, Petition.Urgency.NORMAL), status=S.PENDING, publish_proposed=True,
        sender_key=key)
    petition.save()
    return petition


@transaction.atomic
def accept(actor, petition: Petition, urgency: str | None = None) -> Petition:
    """Chờ tiếp nhận → đã tiếp nhận; the answer clock starts today; routed when a rule applies."""
    petition = _locked(petition)
    policy.require(actor, "accept", petition)
    now = timezone.now()
    petition.urgency = urgency or petition.urgency
    petition.status, petition.accepted_at = S.RECEIVED, now
    _start_clock(petition, calendar.as_local_date(now))
    unit = rules.default_unit(petition.field, petition.area, petition.receiving_unit)
    if unit is not None:
        _route(actor, petition, unit, "", now)
    by(petition, actor).save()
    return petition


@transaction.atomic
def transfer(actor, petition: Petition, unit: Unit, reason: str) -> Petition:
    """Route to a unit, or move it from one unit to another (then a reason is required)."""
    petition = _locked(petition)
    moving = petition.responsible_unit is not None
    policy.require(actor, "transfer", petition)
    if unit.pk == petition.responsible_unit_id:
        raise ValidationError(f"Kiến nghị đang do {unit.name} xử lý.")
    reason = _text(reason, "Lý do chuyển", required=moving, limit=1000)
    _route(actor, petition, unit, reason, timezone.now())
    by(petition, actor).save()
    return petition


@transaction.atomic
def start(actor, petition: Petition) -> Petition:
    petition = _locked(petition)
    policy.require(actor, "start", petition)
    petition.status = S.IN_PROGRESS
    by(petition, actor).save()
    return petition


@transaction.atomic
def answer(actor, petition: Petition, text: str, resolved: bool = False, files=(),
           document: Document | None = None) -> Answer:
    """Đã trả lời. "Đã giải quyết" only with evidence: a reply document or a file."""
    petition = _locked(petition)
    policy.require(actor, "answer", petition)
    checked = [check_upload(f, EVIDENCE_TYPES) for f in files]
    if resolved and not checked and document is None:
        raise ValidationError("Muốn báo “đã giải quyết” phải kèm bằng chứng: văn bản trả lời, ảnh hoặc tệp.")
    now = timezone.now()
    reply = by(Answer(petition=petition, unit=_writer_unit(actor, petition), text=_text(text, "Nội dung trả lời"),
                      resolved=resolved, document=document, author=actor, answered_at=now), actor)
    reply.save()
    for upload, info in zip(files, checked):
        by(AnswerFile(answer=reply, file=upload, name=info.name, content_type=info.content_type, size=info.size),
           actor).save()
    petition.status, petition.answered_on = S.ANSWERED, calendar.as_local_date(now)
    by(petition, actor).save()
    petition_event(Kind.PETITION_ANSWERED, petition, actor, f"{reply.unit.name} đã trả lời")
    return reply


def _writer_unit(actor, petition: Petition) -> Unit:
    """The unit the answer is credited to: the writer's own, when it is the responsible unit or a body above it
    answering in its place; otherwise the responsible unit."""
    responsible = petition.responsible_unit
    for m in Scope.of(actor).memberships:
        if m.unit.pk == responsible.pk:
            return responsible
    above = [m.unit for m in Scope.of(actor).memberships if responsible.is_within(m.unit)]
    return max(above, key=lambda u: u.depth) if above else responsible


@transaction.atomic
def refuse(actor, petition: Petition, reason: str) -> Petition:
    petition = _locked(petition)
    policy.require(actor, "refuse", petition)
    petition.refusal_reason = _text(reason, "Lý do từ chối", limit=2000)
    petition.status, petition.answered_on = S.REFUSED, calendar.as_local_date(timezone.now())
    by(petition, actor).save()
    return petition


@transaction.atomic
def send_answer(actor, petition: Petition, via: str) -> Answer:
    """Record that the answer went back to the submitter (letter, mail, phone, at the next dialogue)."""
    petition = _locked(petition)
    policy.require(actor, "send_answer", petition)
    reply = petition.answers.order_by("-answered_at", "-id").first()
    if reply is None:
        raise ValidationError("Kiến nghị chưa có câu trả lời để gửi.")
    if reply.sent_at:
        raise ValidationError("Câu trả lời này đã được gửi.")
    reply.sent_at, reply.sent_via, reply.sent_by = timezone.now(), _text(via, "Hình thức gửi", limit=120), actor
    by(reply, actor).save()
    return reply


@transaction.atomic
def follow_up(actor, petition: Petition, satisfied: bool, text: str = "") -> Petition | None:
    """The submitter's word on the answer, told to the office. Satisfied: closed. Asks again: closed, and a
    new petition, linked to this one, goes back to the same unit with a fresh deadline. Returns the new one."""
    petition = _locked(petition)
    policy.require(actor, "follow_up", petition)
    return _heard(actor, petition, satisfied, _text(text, "Nội dung kiến nghị lại", required=not satisfied))


@transaction.atomic
def rate_online(code: str, satisfied: bool, text: str = "") -> Petition | None:
    """The citizen rates the answer on the public page with the tracking code — the code is what proves
    them the submitter. "Chưa hài lòng" reopens it for the office as `follow_up` does; the office is told."""
    petition = (Petition.objects.select_for_update(of=("self",)).select_related("receiving_unit", "responsible_unit")
                .filter(code=code).first())
    if petition is None:
        raise ValidationError(f"Không tìm thấy kiến nghị có mã “{code}”.")
    if petition.status != S.ANSWERED or not petition.has_answer:
        raise ValidationError("Chỉ đánh giá được kiến nghị đã có câu trả lời và chưa được đánh giá.")
    text = _text(text, "Ý kiến của Ông/Bà", required=not satisfied, limit=2000)
    again = _heard(None, petition, satisfied, text, online=True)
    note = "hài lòng" if satisfied else f"chưa hài lòng, mở lại thành {again.code}"
    petition_event(Kind.PETITION_RATED, petition, None, f"Người kiến nghị {note}")
    return again


def _heard(actor, petition: Petition, satisfied: bool, text: str, online: bool = False) -> Petition | None:
    now = timezone.now()
    by(FollowUp(petition=petition, satisfied=satisfied, text=text, by=actor, at=now, online=online), actor).save()
    petition.status = S.CLOSED
    by(petition, actor).save()
    if satisfied:
        return None
    again = Petition(
        source=petition.source, meeting=petition.meeting, document=petition.document,
        submitter_kind=petition.submitter_kind, submitter=petition.submitter, submitter_unit=petition.submitter_unit,
        citizen_phone=petition.citizen_phone, citizen_email=petition.citizen_email,
        citizen_address=petition.citizen_address, content=text, addressed_to=petition.addressed_to,
        field=petition.field, area=petition.area, urgency=petition.urgency, receiving_unit=petition.receiving_unit,
        submitted_at=now, accepted_at=now, status=S.RECEIVED, publish_proposed=petition.publish_proposed,
        reopened_from=petition, created_by=actor)
    _start_clock(again, calendar.as_local_date(now))
    by(again, actor).save()
    if petition.responsible_unit is not None:
        _route(actor, again, petition.responsible_unit, "Người kiến nghị chưa đồng ý với câu trả lời.", now)
        by(again, actor).save()
    return again


@transaction.atomic
def merge(actor, petition: Petition, into: Petition) -> Petition:
    """A duplicate is closed and points to the petition that carries the matter."""
    petition = _locked(petition)
    policy.require(actor, "merge", petition)
    if into.pk == petition.pk:
        raise ValidationError("Không gộp được một kiến nghị vào chính nó.")
    if into.tree_id != petition.tree_id:
        raise ValidationError("Chỉ gộp được các kiến nghị của cùng một tỉnh.")
    if into.duplicate_of_id:
        raise ValidationError(f"Kiến nghị {into.code} đã được gộp vào kiến nghị khác; hãy gộp vào kiến nghị gốc.")
    petition.duplicate_of, petition.status = into, S.CLOSED
    by(petition, actor).save()
    return petition


@transaction.atomic
def close(actor, petition: Petition) -> Petition:
    petition = _locked(petition)
    policy.require(actor, "close", petition)
    petition.status = S.CLOSED
    by(petition, actor).save()
    return petition


@transaction.atomic
def set_public(actor, petition: Petition, public: bool, reason: str = "") -> Petition:
    """The receiving office approves the answer for the public page, or withholds it with its reason
    (kept in the history: a later approval clears it, the record of it stays)."""
    petition = _locked(petition)
    policy.require(actor, "publish", petition)
    petition.is_public = public
    petition.withheld_reason = "" if public else _text(reason, "Lý do không công khai", limit=1000)
    by(petition, actor).save()
    return petition


@transaction.atomic
def comment(actor, petition: Petition, text: str, files=(), unit_ids=()):
    """A comment in the petition's discussion, with files and mentions (discussion.services.post)."""
    policy.require(actor, "comment", petition)
    return talk.post(actor, discussion.place(petition), text, files, unit_ids)


@transaction.atomic
def edit_comment(actor, petition: Petition, comment_id: int, text: str):
    policy.require(actor, "comment", petition)
    return talk.edit(actor, discussion.place(petition), comment_id, text)
