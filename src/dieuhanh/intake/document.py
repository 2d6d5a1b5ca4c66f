"""Document metadata: kind, symbol, number, date of issue, issuer."""

import re
from dataclasses import dataclass
from datetime import date

from dieuhanh.documents.symbols import KIND_NAMES, SymbolError, parse_symbol

from .letters import UPPER
from .dates import place_and_date, safe_date
from .structure import capitals

KIND_BY_NAME = {name.lower(): code for code, name in KIND_NAMES.items()}
SYMBOL_IN_TEXT = re.compile(
    r"^\s*Số\s*:?\s*(\d{1,5}\s*(?:-\s*[A-Za-zĐđƯư]+\s*/\s*[A-Za-zĐđƯư0-9-]+|/\s*(?:(?:19|20)\d\d\s*/\s*)?[A-Za-zĐđ0-9&]+-[A-Za-zĐđ0-9&-]+))", re.MULTILINE)
NAMED_DOCUMENT = re.compile(
    r"\b(Thông báo|Kết luận|Nghị quyết|Chỉ thị|Kế hoạch|Công văn|Quyết định|Hướng dẫn|Báo cáo)\s+(?:số\s+)?"
    r"(\d{1,5}(?:\s*-\s*[A-Za-zĐđ]+\s*/\s*[A-Za-zĐđƯư0-9-]+|\s*/\s*[A-Za-zĐđ0-9&]+-[A-Za-zĐđ0-9&-]+)?)"
    r"(?:\s+ngày\s+(\d{1,2}/\d{1,2}/(?:19|20)\d\d))?")
ISSUER_BODY = (r"(?:Ban Thường vụ Tỉnh ủy|Ban Thường vụ Thành ủy|Ban Chấp hành Đảng bộ tỉnh|Thường trực Tỉnh ủy|Tỉnh ủy|"
               r"Thành ủy|UBND tỉnh|UBND thành phố|Ủy ban nhân dân tỉnh|HĐND tỉnh|BTV Tỉnh ủy|Chính phủ|Bộ [A-ZĐ]\w*(?: [A-ZĐ]\w*)*)"
               rf"(?: [{UPPER}]\w*(?: [{UPPER}]\w*)*)?")
ISSUER_AFTER = re.compile(rf"^\s*(?:của|do)\s+({ISSUER_BODY})")
ISSUER_BEFORE = re.compile(rf"({ISSUER_BODY})\s+(?:đã |vừa )?(?:ban hành|có)\s*$")
# The text carries a named document's content only when it says so; "theo", "thực hiện", "căn cứ"
# introduce documents it merely cites.
OWN_DOCUMENT_CUE = re.compile(r"(?:ban hành|nội dung (?:tại|của)|vừa có)\s*$")
CITED_IN_HEADLINE = r"(?:thực hiện|triển khai|theo)\s+{kind}\s+(?:số\s+)?{number}\b"
TITLE_LINE = re.compile(r"^(Chỉ thị|Kết luận|Thông báo|Nghị quyết|Kế hoạch|Quyết định|Hướng dẫn)\s+(?:về|của)\b")
HEAD_OF_BODY = re.compile(rf"\b(?:Bộ trưởng|Thứ trưởng)\s+(Bộ(?: [{UPPER}]\w*)+)")
# A kind line on its own, compared without spaces: titles are often letter-spaced ("T H Ô N G  B Á O")
# and OCR splits them ("K Ế HOẠCH").
HEADER_KINDS = {"KẾTLUẬN": "KL", "THÔNGBÁO": "TB", "NGHỊQUYẾT": "NQ", "CHỈTHỊ": "CT", "KẾHOẠCH": "KH",
                "QUYẾTĐỊNH": "QĐ", "HƯỚNGDẪN": "HD", "BÁOCÁO": "BC"}


def header_kind(head: str) -> str | None:
    """"THÔNG BÁO" → "TB", "K Ế HOẠCH" → "KH": the kind a header's own line names, if one does."""
    for line in head.split("\n"):
        kind = HEADER_KINDS.get("".join(line.split()))
        if kind:
            return kind
    return None
ISSUER_HEADER = re.compile(r"^\s*(TỈNH ỦY|THÀNH ỦY|BAN THƯỜNG VỤ TỈNH ỦY|ỦY BAN NHÂN DÂN)\s*\n?\s*(?:TỈNH\s+)?([A-ZĐÀ-Ỹ ]+)?$",
                           re.MULTILINE)
NEWS_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")


@dataclass
class DocumentInfo:
    kind: str = "news"
    symbol: str | None = None
    number: str | None = None
    issued_on: str | None = None
    issuer: str | None = None


def _symbol(raw: str):
    try:
        return parse_symbol(raw)
    except SymbolError:
        return None


def _title(words: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in words.split())


TITLE_KINDS = [("THÔNG BÁO", "TB"), ("KẾT LUẬN", "KL"), ("NGHỊ QUYẾT", "NQ"), ("CHỈ THỊ", "CT"), ("KẾ HOẠCH", "KH"),
               ("QUYẾT ĐỊNH", "QĐ"), ("HƯỚNG DẪN", "HD"), ("BÁO CÁO", "BC"), ("CÔNG VĂN", "CV"), ("KÍNH GỬI", "CV")]
DATED = re.compile(rf"((?:[{UPPER}][\w.-]*\s*){{1,4}}),\s*ngày\s+(\d{{1,2}})\s*/?\s*tháng\s+(\d{{1,2}})\s+năm\s+((?:19|20)\d\d)")
MOTTO_AT = re.compile(r"CỘNG\s*H[ÒO]A|CONG\s*HOA|ĐẢNG CỘNG SẢN|Độc lập", re.IGNORECASE)
# The organisation lines of a header: a new body starts at each of these heads ("BỘ TÀI CHÍNH / TỔNG CỤC
# THUẾ" → the second issues the document).
ORG_HEAD = re.compile(r"(?=\b(?:ỦY BAN|UỶ BAN|BỘ|TỔNG CỤC|(?<!TỔNG )CỤC|VĂN PHÒNG|SỞ|(?<!ỦY )(?<!UỶ )BAN|TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|THÀNH UỶ|ĐẢNG ỦY|"
                     r"HUYỆN ỦY|HỘI ĐỒNG NHÂN DÂN|TONG CỤC|TỔNG CUC)\b)")


def _head_kind(title: str) -> str | None:
    upper = title.upper()
    for words, code in TITLE_KINDS:
        if upper.startswith(words):
            return code
    return None


def issuer_from_head(head: str) -> str | None:
    """The issuing body of a State or Party header: the organisation lines before the national motto,
    also when a PDF's two columns come out interleaved ("BỘ NỘI VỤ CỘNG HÒA XÃ HỘI …")."""
    org = []
    for line in head.split("\n"):
        line = line.strip(" |*")
        if not line or re.match(r"^[-_=–]{3,}$", line):
            continue
        cut = MOTTO_AT.search(line)
        if cut:
            if line[:cut.start()].strip():  # two columns read as one line: the left one is ours
                org.append(line[:cut.start()])
            elif org:
                break
            continue
        if re.match(r"^(?:Số|So)\s*(?::|\d)", line) or not _mostly_upper(line):  # the symbol line ends the body
            if org:
                break
            continue
        org.append(line)
    text = " ".join(" ".join(org).split()).strip(" *")
    if not text:
        return None
    bodies = [b.strip() for b in ORG_HEAD.split(text) if b.strip()]
    # "ỦY BAN NHÂN DÂN" + "TỈNH ĐỒNG THÁP" is one body; "BỘ TÀI CHÍNH" + "TỔNG CỤC THUẾ" are two.
    last = bodies[-1] if bodies else text
    return _name_case(last)


def _mostly_upper(line: str) -> bool:
    """A header's organisation line: 70% capitals, looser than a heading, for OCR's stray small letters."""
    return capitals(line, 0.7, 2)


def _name_case(upper: str) -> str:
    """"ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" → "UBND tỉnh Hà Tĩnh"; "VĂN PHÒNG CHÍNH PHỦ" → "Văn phòng Chính phủ"."""
    words = upper.split()
    text = " ".join(w.capitalize() for w in words)
    text = re.sub(r"^Ủy Ban Nhân Dân|^Uỷ Ban Nhân Dân", "UBND", text)
    text = re.sub(r"(?<=UBND )(Tỉnh|Thành Phố|Huyện|Xã|Phường)\b", lambda m: m.group(1).lower(), text, count=1)
    return re.sub(r"\b(Ủy|Uỷ|Phòng|Phủ|Cục|Ương)\b", lambda m: m.group(1).lower() if m.start() > 0 else m.group(1), text)


def read_document(structure, lines: list[str]) -> DocumentInfo:
    info = DocumentInfo()
    text = structure.text
    head = structure.head or "\n".join(text.split("\n")[:25])
    joined_head = " ".join(head.split())
    header_symbol = SYMBOL_IN_TEXT.search(head) or re.search(r"(?:^|\s)Số\s*:\s*(\d{1,5}\s*/[^\s|]+)", joined_head)
    parsed = _symbol(header_symbol.group(1)) if header_symbol else None
    title_kind = _head_kind(structure.title) if structure.title else None
    if structure.head and (parsed or title_kind):
        if parsed:
            info.symbol, info.number, info.kind = parsed.text, str(parsed.number), parsed.kind
        info.kind = title_kind if title_kind and title_kind != "CV" else info.kind
        if title_kind == "CV" and not parsed:
            info.kind = "CV"
        dated = DATED.search(joined_head)
        if dated:
            day = safe_date(dated.group(4), dated.group(3), dated.group(2))
            info.issued_on = day.isoformat() if day else None
        info.issuer = issuer_from_head(head)
        return info
    if parsed:
        info.symbol, info.number, info.kind = parsed.text, str(parsed.number), parsed.kind
        dated = place_and_date(head)
        if dated:
            info.issued_on = dated[1].isoformat()
        issuer = ISSUER_HEADER.search(head)
        if issuer:
            body = "Tỉnh ủy" if "ỦY BAN" not in issuer.group(1) else "UBND tỉnh"
            place = dated[0] if dated else _title(issuer.group(2) or "")
            info.issuer = f"{body} {place}".strip()
        return info
    kind_line = header_kind(head)
    if _from_source_note(info, lines[-3:], text):
        return info
    # An article that reports the content of one named document takes that document's identity.
    for line in lines[:4]:
        line = re.split(rf"(?<=[.!?])\s+(?=[{UPPER}])", line, maxsplit=1)[0]  # a lead sentence names its subject
        m = NAMED_DOCUMENT.search(line)
        if not m or not re.search(r"\d", m.group(2)) or not OWN_DOCUMENT_CUE.search(line[: m.start()]):
            continue
        number = re.match(r"\d+", m.group(2)).group(0)
        if re.search(CITED_IN_HEADLINE.format(kind=m.group(1), number=number), lines[0], re.IGNORECASE):
            continue  # the headline says the text is about carrying it out, not the document itself
        parsed = _symbol(m.group(2))
        kind = KIND_BY_NAME.get(m.group(1).lower(), "news")
        if kind in {"QĐ", "BC", "HD"}:
            continue
        info.kind = kind if not parsed else parsed.kind
        if parsed:
            info.symbol, info.number = parsed.text, str(parsed.number)
        else:
            info.number = re.match(r"\d+", m.group(2)).group(0)
        if m.group(3):
            d, mth, y = m.group(3).split("/")
            day = safe_date(y, mth, d)
            info.issued_on = day.isoformat() if day else None
        issuer = ISSUER_AFTER.search(line[m.end():]) or ISSUER_BEFORE.search(line[: m.start()].rstrip())
        if issuer:
            info.issuer = issuer.group(1).replace("BTV ", "Ban Thường vụ ")
        return info
    if title_kind and not structure.head:  # a title line with the header dropped
        info.kind = title_kind
        body = HEAD_OF_BODY.search(text)
        info.issuer = body.group(1) if body else None
        return info
    title = TITLE_LINE.match(lines[0]) if lines else None
    if title:
        info.kind = KIND_BY_NAME.get(title.group(1).lower(), "news")
        body = HEAD_OF_BODY.search(text)
        info.issuer = body.group(1) if body else None
        return info
    if kind_line:
        info.kind = kind_line
        return info
    for line in lines[:6]:
        m = NEWS_DATE.match(line)
        if m:
            day = safe_date(m.group(3), m.group(2), m.group(1))
            info.issued_on = day.isoformat() if day else None
            break
    if info.issued_on is None:
        day = published_on(text[:NEWS_HEAD_CHARS])
        info.issued_on = day.isoformat() if day else None
    return info


# A news page that retells one document ends by naming it: "(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)".
SOURCE_NOTE = re.compile(r"^\(\s*Theo\s+" + NAMED_DOCUMENT.pattern + r"\s*\)\s*\.?$")


# The issuing body a symbol names ("…/UBND-VX") and how the text writes it.
SYMBOL_BODY = {"UBND": rf"UBND (?:tỉnh|thành phố)(?: [{UPPER}]\w*){{0,3}}", "TU": rf"Tỉnh ủy(?: [{UPPER}]\w*){{0,3}}"}


def _from_source_note(info: DocumentInfo, last_lines: list[str], text: str) -> bool:
    """Rule: the closing "(Theo <văn bản> số …)" gives the page the identity of that document; its
    issuer is the body the symbol names, as the text writes it ("…/UBND-VX" → "UBND tỉnh")."""
    for line in last_lines:
        m = SOURCE_NOTE.match(line.replace(", ngày", " ngày"))
        if not m:
            continue
        parsed = _symbol(m.group(2))
        if parsed is None:
            continue
        info.kind, info.symbol, info.number = parsed.kind, parsed.text, str(parsed.number)
        code = re.search(r"(?:/|-)(UBND|TU)\b", parsed.text)
        body = re.search(SYMBOL_BODY[code.group(1)], text) if code else None
        info.issuer = body.group(0) if body else None
        if m.group(3):
            d, mth, y = m.group(3).split("/")
            day = safe_date(y, mth, d)
            info.issued_on = day.isoformat() if day else None
        return True
    return False


NEWS_HEAD_CHARS = 2000  # where a news page states when it was published
# "Ngày đăng: 08/07/2024 11:38", "Cập nhật: Thứ sáu, 17/4/2015 | 10:02".
PUBLISHED = re.compile(r"(?:Ngày đăng|Cập nhật|Đăng ngày|Đăng lúc|Xuất bản|Ngày xuất bản)\s*:?[^\d\n]{0,20}?"
                       r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)")
# A time-stamped date on a line of its own: "• 04/11/2020 15:39".
STAMPED = re.compile(r"^\W{0,4}(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\s+\d{1,2}:\d\d", re.MULTILINE)
# An archive's month tag ("date 2022-11") and the day the lead gives ("Sáng nay 23/11", "chiều 9/7").
ARCHIVE_MONTH = re.compile(r"^\s*date\s+((?:19|20)\d\d)-(\d\d)\b")
LEAD_DAY = re.compile(r"\b(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Nn]gày|[Hh]ôm nay)(?: nay)?\s+(\d{1,2})[/-](\d{1,2})\b(?![/-]\d)")


def published_on(head: str) -> date | None:
    """The publication date of a news page: its "Ngày đăng" / "Cập nhật" line, a time-stamped date,
    or the day its lead gives completed with the archive's month tag when the months agree. No year
    is guessed."""
    for pattern in (PUBLISHED, STAMPED):
        m = pattern.search(head)
        if m:
            return safe_date(m.group(3), m.group(2), m.group(1))
    tag = ARCHIVE_MONTH.match(head)
    if tag:
        for m in LEAD_DAY.finditer(head[:600]):
            if int(m.group(2)) == int(tag.group(2)):
                return safe_date(tag.group(1), m.group(2), m.group(1))
    return None


