"""From a file or pasted text to a draft, and from a reviewed draft to records, in one transaction."""

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from dieuhanh.core import calendar, edxml, periods
from dieuhanh.core.errors import Refused
from dieuhanh.core.files import check_upload
from dieuhanh.core.history import by
from dieuhanh.core.numbers import so
from dieuhanh.core.text import clean, fold
from dieuhanh.documents.models import Attachment
from dieuhanh.documents.services import register_document
from dieuhanh.indicators import services as indicator_services
from dieuhanh.indicators.models import Actual, Indicator
from dieuhanh.org.models import Person, Position, Unit
from dieuhanh.org.queries import Scope
from dieuhanh.petitions import services as petition_services
from dieuhanh.petitions.models import Petition
from dieuhanh.tasks.services import TaskDraft
from dieuhanh.tasks.status import PERIODIC

from . import policy
from .engine import analyse
from .jobs import read_draft_job
from .models import Draft
from .readers import MAX_BYTES, looks_vietnamese, max_characters
from .reading import read_draft

log = logging.getLogger(__name__)
SOURCE_TYPES = (".txt", ".docx", ".pdf", ".png", ".jpg", ".jpeg")
PACKAGE_TYPES = (".edxml", ".xml")  # a packet of the national document exchange
# Above this size, and for every PDF or image (which may need OCR), reading runs as a background job.
INLINE_BYTES = 512 * 1024


def _require_issuer(actor, issuer: Unit) -> Scope:
    scope = Scope.of(actor)
    if not policy.may_take_in(scope, issuer):
        raise Refused("Bạn không có quyền nhập văn bản của cơ quan này.")
    return scope


def _require_own(actor, draft: Draft) -> None:
    """A draft is its reader's scratch work: only they may keep, confirm or cancel it."""
    if not policy.owns(actor, draft):
        raise Refused("Bản nháp này không phải của bạn.")


def start_from_text(actor, *, issuer: Unit, text: str) -> Draft:
    _require_issuer(actor, issuer)
    text = clean(text)
    if not text:
        raise ValidationError("Chưa có nội dung văn bản.")
    if len(text) > max_characters():  # the same limit as a file's text (DIEUHANH_INTAKE_MAX_CHARACTERS)
        raise ValidationError(f"Nội dung dán vào dài quá {so(max_characters())} ký tự.")
    if not looks_vietnamese(text):
        raise ValidationError("Nội dung không phải văn bản tiếng Việt.")
    draft = Draft.objects.create(created_by=actor, issuer=issuer, text=text, state=Draft.State.READY,
                                 pages_done=1, pages_total=1, extraction=analyse(text))
    return draft


def start_from_file(actor, *, issuer: Unit, upload) -> Draft:
    if Path(upload.name or "").suffix.lower() in PACKAGE_TYPES:
        return start_from_package(actor, issuer=issuer, upload=upload)
    return _start(actor, issuer, upload)


def start_from_package(actor, *, issuer: Unit, upload) -> Draft:
    """An edXML package from the document exchange: its first document file is read like an upload, its header
    fills the review form, the package is kept so that its other attachments join the document."""
    _require_issuer(actor, issuer)
    data = upload.read(edxml.MAX_BYTES + 1)
    try:
        package = edxml.parse(data)
    except edxml.EdxmlError as error:
        raise ValidationError(str(error))
    main = next((a for a in package.attachments if Path(a.name).suffix.lower() in SOURCE_TYPES), None)
    if main is None:
        raise ValidationError("Gói tin không có tệp văn bản đọc được (PDF, DOCX, ảnh hoặc TXT).")
    envelope = {"symbol": package.symbol, "issued_on": package.promulgated_on.isoformat(), "subject": package.subject,
                "signer": package.signer, "document_id": package.document_id, "code_number": package.code_number,
                "code_notation": package.code_notation, "sender": {"id": package.sender.organ_id,
                                                                   "name": package.sender.name},
                "due_on": package.due_on.isoformat() if package.due_on else "", "main": main.name,
                "attachments": [a.name for a in package.attachments], "package_name": Path(upload.name).name}
    with transaction.atomic():
        draft = _start(actor, issuer, SimpleUploadedFile(main.name, main.data, main.content_type))
        draft.envelope = envelope
        draft.package.save(f"{uuid4().hex}.edxml", ContentFile(data), save=False)
        draft.save(update_fields=["envelope", "package"])
    return draft


def _start(actor, issuer: Unit, upload) -> Draft:
    _require_issuer(actor, issuer)
    checked = check_upload(upload, allowed=SOURCE_TYPES, cap_mb=MAX_BYTES // (1024 * 1024))
    draft = Draft.objects.create(created_by=actor, issuer=issuer, source=upload, source_name=checked.name,
                                 content_type=checked.content_type)
    background = checked.size > INLINE_BYTES or Path(checked.name).suffix.lower() not in {".txt", ".docx"}
    if background:
        transaction.on_commit(lambda: read_draft_job.enqueue(draft.pk))
    else:
        read_draft(draft.pk)
        draft.refresh_from_db()
    return draft


def keep_review(actor, draft: Draft, data: dict) -> None:
    """What the reviewer typed so far, so that leaving the page and coming back loses nothing."""
    _require_own(actor, draft)
    Draft.objects.filter(pk=draft.pk).update(review=data)


def cancel_draft(actor, draft: Draft) -> None:
    _require_own(actor, draft)
    for kept in (draft.source, draft.package):
        if kept:
            kept.delete(save=False)
    draft.delete()


@dataclass
class NewUnit:
    """A unit the text names and the tree lacks; created on confirm only when the officer asks."""

    name: str


UnitChoice = Unit | NewUnit | None


@dataclass
class ReviewedFigure:
    name: str
    value: Decimal | None
    measure: str = ""
    percent_of_plan: Decimal | None = None
    change_percent: Decimal | None = None
    period: str = ""
    indicator: Indicator | None = None  # the catalogue's series the reviewer chose
    create: bool = False  # no series fits: the reviewer asked for a new indicator


@dataclass
class ReviewedPerson:
    name: str
    title: str
    unit: UnitChoice = None


@dataclass
class ReviewedPetition:
    submitter: str
    content: str
    addressed_to: str = ""
    responsible_unit: UnitChoice = None
    due_on: date | None = None  # otherwise the answer time of the petition rules


@dataclass
class ReviewedTask:
    content: str
    lead: UnitChoice
    coordinators: list[UnitChoice] = field(default_factory=list)
    deadline: date | None = None
    recurrence: str = ""
    starts_on: date | None = None


@dataclass
class Reviewed:
    issuer: Unit
    symbol: str
    issued_on: date | None
    subject: str
    signer: str = ""
    tasks: list[ReviewedTask] = field(default_factory=list)
    figures: list[ReviewedFigure] = field(default_factory=list)
    people: list[ReviewedPerson] = field(default_factory=list)
    petitions: list[ReviewedPetition] = field(default_factory=list)


class _Units:
    """Resolves the officer's unit choices, creating asked-for new units once each, under the root."""

    def __init__(self, actor, scope: Scope, issuer: Unit):
        self.actor, self.scope, self.issuer, self.created = actor, scope, issuer, {}

    def resolve(self, choice: UnitChoice) -> Unit | None:
        if not isinstance(choice, NewUnit):
            return choice
        key = fold(choice.name)
        if key not in self.created:
            root = self.issuer.root or self.issuer
            if not self.scope.may_decide_for(root):
                raise Refused(f"Bạn không có quyền tạo đơn vị mới “{choice.name}”; hãy chọn đơn vị có sẵn.")
            unit = by(Unit(code=f"moi-{uuid4().hex[:12]}", name=choice.name, kind=Unit.Kind.DEPARTMENT,
                           parent=root), self.actor)
            unit.save()
            self.created[key] = unit
        return self.created[key]


@transaction.atomic
def confirm_draft(actor, draft: Draft, reviewed: Reviewed):
    """Document, its tasks, figures, people and petitions, and the source file: all or nothing."""
    _require_own(actor, draft)
    if draft.state != Draft.State.READY:
        raise ValidationError("Bản nháp chưa đọc xong hoặc không đọc được.")
    scope = _require_issuer(actor, reviewed.issuer)
    units = _Units(actor, scope, reviewed.issuer)
    tasks = []
    for number, t in enumerate(reviewed.tasks, 1):
        lead = units.resolve(t.lead)
        if lead is None:
            raise ValidationError(f"Nhiệm vụ {number}: chưa chọn đơn vị chủ trì.")
        coordinators = [u for u in (units.resolve(c) for c in t.coordinators) if u and u != lead]
        # A recurring task read from an old document starts now, not with the periods already past.
        starts_on = t.starts_on or (max(reviewed.issued_on, calendar.today()) if reviewed.issued_on else None)
        tasks.append(TaskDraft(content=t.content, lead=lead, coordinators=coordinators, deadline=t.deadline,
                               recurrence=t.recurrence, starts_on=starts_on if t.recurrence in PERIODIC else None))
    document = register_document(actor, issuer=reviewed.issuer, symbol=reviewed.symbol, issued_on=reviewed.issued_on,
                                 subject=reviewed.subject, signer=reviewed.signer, body=draft.text, tasks=tasks)
    _keep_source(actor, draft, document)
    if draft.envelope:
        _keep_package(actor, draft, document)
    for number, f in enumerate(reviewed.figures, 1):
        _numbered(f"Số liệu {number} (“{clean(f.name)[:60]}”)", _record_figure, actor, document, f)
    for p in reviewed.people:
        _record_person(actor, units.resolve(p.unit) or reviewed.issuer, p)
    for number, p in enumerate(reviewed.petitions, 1):
        # Received today, by the issuer's office, and routed: the answer clock starts when the office takes it in.
        data = petition_services.PetitionInput(
            content=p.content, submitter=p.submitter, receiving_unit=reviewed.issuer, source=Petition.Source.DOCUMENT,
            addressed_to=p.addressed_to, document=document, received_on=calendar.today(), due_on=p.due_on,
            responsible_unit=units.resolve(p.responsible_unit))
        _numbered(f"Kiến nghị {number}", petition_services.record, actor, data)
    draft.delete()
    return document


def _numbered(label: str, write, *args):
    """Run an owning service; its refusal names the row it came from."""
    try:
        return write(*args)
    except ValidationError as error:
        raise ValidationError(f"{label}: {' '.join(error.messages)}") from error


def _keep_source(actor, draft: Draft, document) -> None:
    """The uploaded file becomes the document's attachment where it lies; pasted text is stored as .txt."""
    if draft.source:
        attachment = Attachment(document=document, file=draft.source.name, name=draft.source_name,
                                content_type=draft.content_type, size=draft.source.size, uploaded_by=actor)
    else:
        data = draft.text.encode("utf-8")
        name = f"{document.symbol.replace('/', '-')}.txt"
        attachment = Attachment(document=document, name=name, content_type="text/plain", size=len(data),
                                uploaded_by=actor)
        attachment.file.save(name, ContentFile(data), save=False)
    by(attachment, actor).save()


def _keep_package(actor, draft: Draft, document) -> None:
    """The package's other attachments join the document, and the document remembers the packet it came in,
    to answer it with status packets."""
    document.exchange = {k: draft.envelope.get(k) for k in ("document_id", "code_number", "code_notation",
                                                             "issued_on", "sender")}
    document.save(update_fields=["exchange"])
    if not draft.package:
        return
    with draft.package.open("rb") as kept:
        package = edxml.parse(kept.read())
    for extra in package.attachments:
        if extra.name == draft.envelope.get("main"):
            continue  # already the source
        attachment = Attachment(document=document, name=extra.name[:255], content_type=extra.content_type[:100],
                                size=len(extra.data), uploaded_by=actor)
        attachment.file.save(extra.name, ContentFile(extra.data), save=False)
        by(attachment, actor).save()
    draft.package.delete(save=False)


def _record_figure(actor, document, figure: ReviewedFigure) -> None:
    """A figure read from a document becomes the issuer's value for the period the document names
    (its year when it names none), on the catalogue's series the reviewer chose, kept with the
    percentages the document states."""
    indicator = figure.indicator
    if indicator is None:
        if not figure.create:
            raise ValidationError("chọn chỉ tiêu có sẵn, hoặc đánh dấu “tạo chỉ tiêu mới”.")
        indicator = indicator_services.add_indicator(actor, unit=document.issuer, name=figure.name,
                                                     measure=figure.measure, allow_negative=True)
    period = periods.from_text(figure.period, document.issued_on.year) or periods.Period(document.issued_on.year, "year")
    indicator_services.record_actual(
        actor, indicator, document.issuer, period.key, figure.value, document=document, source=Actual.Source.DOCUMENT,
        stated_percent_of_plan=figure.percent_of_plan, stated_change_percent=figure.change_percent)


def _record_person(actor, unit: Unit, reviewed: ReviewedPerson) -> None:
    name = clean(reviewed.name)
    if not name:
        raise ValidationError("Mỗi cán bộ cần họ và tên.")
    person = Person.objects.filter(name_folded=fold(name)).first()
    if person is None:
        person = by(Person(full_name=name), actor)
        person.save()
    title = clean(reviewed.title)
    if title and not person.positions.filter(title=title).exists():
        by(Position(person=person, title=title, unit=unit), actor).save()
