"""Registering a leadership document, with its files and the tasks it assigns, in one transaction."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from dieuhanh.core.errors import Refused
from dieuhanh.core.files import check_upload
from dieuhanh.core.history import by
from dieuhanh.core.text import clean
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope
from dieuhanh.tasks.services import TaskDraft, assign_tasks

from . import policy
from .models import Attachment, Document, party_term_label
from .symbols import SymbolError, parse_symbol


def series_of(system: str, kind: str, issuer: Unit, issued_on: date, legal_year: int | None) -> str:
    """The numbering series (STANDARDS §1): State per issuer and calendar year (legal normative
    documents apart); Party per issuer, type and committee term."""
    if system == Document.System.PARTY:
        return f"{kind}/{party_term_label(issuer, issued_on)}"
    return f"{legal_year}/L" if legal_year else str(issued_on.year)


@transaction.atomic
def register_document(actor, *, issuer: Unit, symbol: str, issued_on: date, subject: str, signer: str = "",
                      body: str = "", files=(), tasks: list[TaskDraft] = (), assigned_by: Unit | None = None) -> Document:
    scope = Scope.of(actor)
    assigned_by = assigned_by or issuer
    if not policy.may_register(scope, issuer, assigned_by):
        raise Refused("Bạn không có quyền nhập văn bản của cơ quan này.")
    if not scope.can_read_unit(issuer):
        raise ValidationError(f"Cơ quan “{issuer.name}” nằm ngoài phạm vi của bạn.")
    try:
        parsed = parse_symbol(symbol)
    except SymbolError as error:
        raise ValidationError(str(error))
    if issued_on is None:
        raise ValidationError("Chưa nhập ngày ban hành.")
    if parsed.year and parsed.year != issued_on.year:
        raise ValidationError(f"Năm trong ký hiệu ({parsed.year}) khác năm ban hành ({issued_on.year}).")
    subject = clean(subject)
    if not subject:
        raise ValidationError("Trích yếu văn bản không được để trống.")
    series = series_of(parsed.system, parsed.kind, issuer, issued_on, parsed.year)
    clash = Document.objects.filter(issuer=issuer, series=series, number=parsed.number).first()
    if clash:
        raise ValidationError(
            f"Số {parsed.number:02d} đã dùng cho văn bản {clash.symbol} ngày {clash.issued_on:%d/%m/%Y} "
            f"của {issuer.name} trong cùng sổ đăng ký."
        )
    checked = [check_upload(f) for f in files or []]
    document = by(Document(
        system=parsed.system, kind=parsed.kind, number=parsed.number, symbol=parsed.text, series=series,
        issuer=issuer, issued_on=issued_on, signer=clean(signer), subject=subject, body=clean(body),
        created_by=actor,
    ), actor)
    document.save()
    for c in checked:
        by(Attachment(document=document, file=c.upload, name=c.name, content_type=c.content_type, size=c.size,
                       uploaded_by=actor), actor).save()
    if tasks:
        assign_tasks(actor, assigned_by=assigned_by, drafts=list(tasks), issued_on=issued_on, document=document)
    return document
