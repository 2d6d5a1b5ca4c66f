"""A document for the national document exchange: sent out as an edXML packet with its files and its tasks (an
XLSX list), and — when it came in through the exchange — answered with status packets as its work goes on:
03 received, 04 assigned (its tasks given out), 06 done (every task finished). The format is core.edxml's."""

import re
from datetime import date

from django.conf import settings
from django.utils import timezone

from dieuhanh.core import edxml
from dieuhanh.core.files import ALLOWED
from dieuhanh.core.text import person_name
from dieuhanh.tasks import exports
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.status import State

from .models import Document


def us(document: Document) -> edxml.Organ:
    return edxml.Organ(settings.DIEUHANH_EDXML_ORGAN_ID, settings.DIEUHANH_EDXML_ORGAN_NAME or document.issuer.name)


def _code(document: Document) -> tuple[str, str]:
    """"1029-TB/TU" → ("1029", "TB/TU"); "37/KH-UBND" → ("37", "KH-UBND")."""
    match = re.match(r"\s*(\d+)\s*[-/]\s*(.+)", document.symbol)
    return (match.group(1), match.group(2).strip()) if match else (str(document.number), document.symbol)


def _origin(document: Document) -> edxml.Package:
    came = document.exchange or {}
    sender = came.get("sender") or {}
    return edxml.Package(document_id=came.get("document_id") or "", code_number=came.get("code_number") or "",
                         code_notation=came.get("code_notation") or "",
                         promulgated_on=date.fromisoformat(came["issued_on"]) if came.get("issued_on") else None,
                         sender=edxml.Organ(sender.get("id", ""), sender.get("name", "")))


def outgoing(document: Document, today: date) -> bytes:
    number, notation = _code(document)
    files = [edxml.Attachment(a.name, a.content_type, a.file.open("rb").read()) for a in document.attachments.all()]
    tasks = Task.objects.filter(document=document).order_by("id")
    if tasks.exists():
        files.append(edxml.Attachment(f"nhiem-vu-{number}.xlsx", ALLOWED[".xlsx"],
                                      exports.task_sheet(tasks, today, f"Nhiệm vụ theo {document.symbol}")))
    recipients = [_origin(document).sender] if document.exchange else []
    return edxml.build_document(edxml.Package(
        document_id=f"{us(document).organ_id or document.issuer.code},{document.issued_on:%Y/%m/%d},{number}",
        sender=us(document), recipients=recipients, code_number=number, code_notation=notation,
        promulgated_on=document.issued_on, type_name=document.kind_name, subject=document.subject,
        signer_name=document.signer, attachments=files))


def statuses(document: Document) -> list[tuple[str, str, str]]:
    """The status packets that apply now: (code, label, description)."""
    if not document.exchange:
        return []
    tasks = list(Task.objects.filter(document=document).values_list("state", "lead__name"))
    found = [("03", edxml.STATUS["03"], f"Đã tiếp nhận văn bản {document.symbol}.")]
    if tasks:
        leads = sorted({lead for _, lead in tasks})
        found.append(("04", edxml.STATUS["04"], f"Đã phân công {len(tasks)} nhiệm vụ: {'; '.join(leads)}."[:1000]))
        if all(state in (State.DONE, State.CANCELLED) for state, _ in tasks):
            found.append(("06", edxml.STATUS["06"], f"Đã hoàn thành các nhiệm vụ theo văn bản {document.symbol}."))
    return found


def status(document: Document, code: str, actor) -> bytes | None:
    """The status packet `code` for the document, or None when it does not apply now."""
    for found, _label, description in statuses(document):
        if found == code:
            return edxml.build_status(edxml.StatusPacket(_origin(document), us(document), code, description,
                                                         timezone.localtime(), staff=person_name(actor)))
    return None
