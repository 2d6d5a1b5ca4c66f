"""edXML packages of the national document exchange (QCVN 102:2016/BTTTT, STANDARDS §2): reading an incoming
document packet, writing an outgoing one and the status packets that answer it. The one module that knows the
format; plain Python (xml.etree), so it is tested on packages alone.

A packet: edXML/edXMLEnvelope/edXMLHeader/MessageHeader (From, To, Code, PromulgationInfo, Subject, SignerInfo …)
and edXMLBody/edXMLManifest/Reference (ContentId, AttachmentName, ContentType), the files themselves base64 in
edXML/AttachmentEncoded/Attachment, matched by ContentId. Some provincial gateways use the namespace
http://www.go.vn/eDoc with the same names: elements are matched on their local names, whatever the namespace."""

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
MAX_BYTES = 50 * 1024 * 1024
# Status codes as the exchange's gateways use them (STANDARDS §2).
STATUS = {"01": "Đã đến", "02": "Từ chối tiếp nhận", "03": "Đã tiếp nhận", "04": "Phân công", "05": "Đang xử lý",
          "06": "Hoàn thành"}


class EdxmlError(ValueError):
    """A package that cannot be taken in; the message is Vietnamese, for the person who uploaded it."""


@dataclass
class Organ:
    organ_id: str = ""
    name: str = ""


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class Package:
    document_id: str = ""
    sender: Organ = field(default_factory=Organ)
    recipients: list[Organ] = field(default_factory=list)
    code_number: str = ""
    code_notation: str = ""
    place: str = ""
    promulgated_on: date | None = None
    type_name: str = ""
    subject: str = ""
    content: str = ""
    signer_competence: str = ""
    signer_position: str = ""
    signer_name: str = ""
    due_on: date | None = None
    to_places: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def symbol(self) -> str:
        """"1029-TB/TU" for a Party notation (TB/TU: type first), "37/KH-UBND" for a State one."""
        if not self.code_number:
            return self.code_notation
        if "-" not in self.code_notation and "/" in self.code_notation:
            return f"{self.code_number}-{self.code_notation}"
        return f"{self.code_number}/{self.code_notation}"

    @property
    def signer(self) -> str:
        return " ".join(p for p in (self.signer_competence, self.signer_position, self.signer_name) if p)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(node, name: str):
    if node is None:
        return None
    return next((c for c in node if _local(c.tag) == name), None)


def _either(node, *names: str):
    """The first child of any of these names (the two namespaces' spellings); never an Element's truth value,
    which is its number of children."""
    for name in names:
        if (found := _child(node, name)) is not None:
            return found
    return None


def _children(node, name: str) -> list:
    return [] if node is None else [c for c in node if _local(c.tag) == name]


def _text(node, *path: str) -> str:
    for name in path:
        node = _child(node, name)
    return " ".join((node.text or "").split()) if node is not None else ""


def _day(text: str) -> date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text[:19] if "T" in text else text, fmt).date()
        except ValueError:
            continue
    return None


def _organ(node) -> Organ:
    return Organ(_text(node, "OrganId"), _text(node, "OrganName"))


def _check_signature(root) -> None:
    """An XML signature block (ds:Signature) must be whole: a value and the certificate's data. Verifying it
    against the exchange's certificates is the gateway's work; a broken block means a damaged packet."""
    for block in root.iter():
        if _local(block.tag) != "Signature":
            continue
        value = next((n for n in block.iter() if _local(n.tag) == "SignatureValue"), None)
        info = next((n for n in block.iter() if _local(n.tag) == "SignedInfo"), None)
        if value is None or info is None or not (value.text or "").strip():
            raise EdxmlError("Khối chữ ký số của gói tin không đầy đủ (thiếu SignedInfo hoặc SignatureValue): "
                             "gói tin có thể đã bị hỏng trên đường truyền.")
        try:
            base64.b64decode("".join(value.text.split()), validate=True)
        except (binascii.Error, ValueError):
            raise EdxmlError("Giá trị chữ ký số của gói tin không đọc được (không phải base64).")


def parse(data: bytes) -> Package:
    """The document packet's header and its attachments; EdxmlError (Vietnamese) for anything missing or broken."""
    if len(data) > MAX_BYTES:
        raise EdxmlError(f"Gói tin quá lớn (tối đa {MAX_BYTES // (1024 * 1024)} MB).")
    if re.search(rb"<!DOCTYPE|<!ENTITY", data[:4096], re.IGNORECASE):
        raise EdxmlError("Gói tin có khai báo DOCTYPE/ENTITY, không được chấp nhận.")
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        raise EdxmlError("Tệp không phải gói tin edXML (không đọc được XML).")
    envelope = root if _local(root.tag) in {"edXMLEnvelope", "EdXMLEnvelope"} else (
        _either(root, "edXMLEnvelope", "EdXMLEnvelope"))
    header = _child(_either(envelope, "edXMLHeader", "EdXMLHeader"), "MessageHeader")
    if header is None:
        raise EdxmlError("Gói tin thiếu phần tiêu đề (edXMLHeader/MessageHeader).")
    _check_signature(root)
    code, info, signer, kind = (_child(header, n) for n in ("Code", "PromulgationInfo", "SignerInfo", "DocumentType"))
    package = Package(
        document_id=_text(header, "DocumentId"), sender=_organ(_child(header, "From")),
        recipients=[_organ(n) for n in _children(header, "To")],
        code_number=_text(code, "CodeNumber"), code_notation=_text(code, "CodeNotation"),
        place=_text(info, "Place"), promulgated_on=_day(_text(info, "PromulgationDate")),
        type_name=_text(kind, "TypeName"), subject=_text(header, "Subject"), content=_text(header, "Content"),
        signer_competence=_text(signer, "Competence"), signer_position=_text(signer, "Position"),
        signer_name=_text(signer, "FullName"), due_on=_day(_text(header, "DueDate")),
        to_places=[" ".join((p.text or "").split()) for p in _children(_child(header, "ToPlaces"), "Place")])
    if not package.sender.organ_id and not package.sender.name:
        raise EdxmlError("Gói tin không ghi cơ quan gửi (From).")
    if not (package.code_number or package.code_notation) or package.promulgated_on is None:
        raise EdxmlError("Gói tin thiếu số, ký hiệu (Code) hoặc ngày ban hành (PromulgationDate).")
    package.attachments = _attachments(root, envelope)
    return package


def _attachments(root, envelope) -> list[Attachment]:
    body = _either(envelope, "edXMLBody", "EdXMLBody")
    references = _children(_either(body, "edXMLManifest", "EdXMLManifest"), "Reference")
    encoded = {}
    for node in root.iter():
        if _local(node.tag) == "Attachment":
            encoded[_text(node, "ContentId")] = node
    attachments = []
    for ref in references:
        content_id, name = _text(ref, "ContentId"), _text(ref, "AttachmentName") or _text(ref, "ContentId")
        node = encoded.get(content_id)
        if node is None:
            raise EdxmlError(f"Gói tin thiếu tệp đính kèm “{name}” ghi trong danh mục (ContentId {content_id}).")
        try:
            payload = base64.b64decode("".join((_text(node, "ContentTransferEncoded") or "").split()), validate=True)
        except (binascii.Error, ValueError):
            raise EdxmlError(f"Tệp đính kèm “{name}” không giải mã được (base64 hỏng).")
        if not payload:
            raise EdxmlError(f"Tệp đính kèm “{name}” rỗng.")
        attachments.append(Attachment(name, _text(ref, "ContentType") or "application/octet-stream", payload))
    return attachments


def _add(parent, name: str, text: str | None = None):
    node = ET.SubElement(parent, f"{{{NS}}}{name}")
    if text:
        node.text = text
    return node


def _organ_node(parent, name: str, organ: Organ) -> None:
    node = _add(parent, name)
    _add(node, "OrganId", organ.organ_id)
    _add(node, "OrganName", organ.name)


def _envelope(header_fill, attachments: list[Attachment]) -> bytes:
    ET.register_namespace("edXML", NS)
    root = ET.Element(f"{{{NS}}}edXML")
    envelope = _add(root, "edXMLEnvelope")
    header = _add(_add(envelope, "edXMLHeader"), "MessageHeader")
    header_fill(header)
    manifest = _add(_add(envelope, "edXMLBody"), "edXMLManifest")
    encoded = _add(root, "AttachmentEncoded")
    for i, file in enumerate(attachments, start=1):
        ref = _add(manifest, "Reference")
        _add(ref, "ContentId", f"cid:{i}")
        _add(ref, "ContentType", file.content_type)
        _add(ref, "AttachmentName", file.name)
        node = _add(encoded, "Attachment")
        _add(node, "ContentId", f"cid:{i}")
        _add(node, "ContentTransferEncoded", base64.b64encode(file.data).decode())
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def build_document(package: Package) -> bytes:
    """An outgoing document packet (its attachments inside)."""
    def fill(header):
        _organ_node(header, "From", package.sender)
        for organ in package.recipients:
            _organ_node(header, "To", organ)
        _add(header, "DocumentId", package.document_id)
        code = _add(header, "Code")
        _add(code, "CodeNumber", package.code_number)
        _add(code, "CodeNotation", package.code_notation)
        info = _add(header, "PromulgationInfo")
        _add(info, "Place", package.place)
        _add(info, "PromulgationDate", package.promulgated_on.isoformat() if package.promulgated_on else "")
        _add(_add(header, "DocumentType"), "TypeName", package.type_name)
        _add(header, "Subject", package.subject)
        _add(header, "Content", package.content)
        signer = _add(header, "SignerInfo")
        _add(signer, "Competence", package.signer_competence)
        _add(signer, "Position", package.signer_position)
        _add(signer, "FullName", package.signer_name)
        if package.due_on:
            _add(header, "DueDate", package.due_on.isoformat())
        places = _add(header, "ToPlaces")
        for place in package.to_places:
            _add(places, "Place", place)

    return _envelope(fill, package.attachments)


@dataclass
class StatusPacket:
    responding_to: Package  # the document it answers: its sender, code, date and id
    sender: Organ
    code: str  # STATUS key
    description: str
    at: datetime
    staff: str = ""
    department: str = ""


def build_status(status: StatusPacket) -> bytes:
    """A status packet (đã tiếp nhận, phân công, hoàn thành …) answering a document received through the exchange."""
    if status.code not in STATUS:
        raise EdxmlError(f"Mã trạng thái {status.code} không có trong danh mục.")
    origin = status.responding_to

    def fill(header):
        answered = _add(header, "ResponseFor")
        _add(answered, "OrganId", origin.sender.organ_id)
        _add(answered, "Code", f"{origin.code_number}/{origin.code_notation}")
        _add(answered, "PromulgationDate", origin.promulgated_on.isoformat() if origin.promulgated_on else "")
        _add(answered, "DocumentId", origin.document_id)
        _organ_node(header, "From", status.sender)
        _add(header, "StatusCode", status.code)
        _add(header, "Description", status.description)
        _add(header, "Timestamp", status.at.isoformat(timespec="seconds"))
        staff = _add(header, "StaffInfo")
        _add(staff, "Department", status.department)
        _add(staff, "Staff", status.staff)

    return _envelope(fill, [])


def parse_status(data: bytes) -> dict:
    """The status packet's answer, read back (for tests and for packets other offices send us)."""
    root = ET.fromstring(data)
    header = next((n for n in root.iter() if _local(n.tag) == "MessageHeader"), None)
    if header is None or not _text(header, "StatusCode"):
        raise EdxmlError("Không phải gói tin trạng thái edXML.")
    answered = _child(header, "ResponseFor")
    return {"code": _text(header, "StatusCode"), "label": STATUS.get(_text(header, "StatusCode"), ""),
            "description": _text(header, "Description"), "document_id": _text(answered, "DocumentId"),
            "organ_id": _text(answered, "OrganId"), "from": _organ(_child(header, "From"))}
