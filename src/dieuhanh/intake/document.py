"""Document metadata: kind, symbol, number, date of issue, issuer."""

import re
from dataclasses import dataclass
from datetime import date

from dieuhanh.documents.symbols import KIND_NAMES, SymbolError, parse_symbol

from .dates import place_and_date, safe_date
from .letters import UPPER
from .petitions import ASKERS_LEAD_IN
from .places import provinces_named
from .structure import capitals

KIND_BY_NAME = {name.lower(): code for code, name in KIND_NAMES.items()}
SYMBOL_IN_TEXT = re.compile(
    r"^\s*Số\s*:?\s*(\d{1,5}\s*(?:-\s*[A-Za-zĐđƯư]+\s*/\s*[A-Za-zĐđƯư0-9-]+|/\s*(?:(?:19|20)\d\d\s*/\s*)?[A-Za-zĐđ0-9&]+-[A-Za-zĐđ0-9&-]+))", re.MULTILINE)
NAMED_DOCUMENT = re.compile(
    r"\b(Thông báo|Kết luận|Nghị quyết|Chỉ thị|Kế hoạch|Công văn|Quyết định|Hướng dẫn|Báo cáo)\s+(?:số\s+)?"
    r"(\d{1,5}(?:\s*-\s*[A-Za-zĐđ]+\s*/\s*[A-Za-zĐđƯư0-9-]+|\s*/\s*[A-Za-zĐđ0-9&]+-[A-Za-zĐđ0-9&-]+)?)"
    r"(?:\s+ngày\s+(\d{1,2}/\d{1,2}/(?:19|20)\d\d))?")
ISSUER_BODY = (r"(?:Ban Thường vụ Tỉnh ủy|Ban Thường vụ Thành ủy|Ban Chấp hành Đảng bộ tỉnh|Thường trực Tỉnh ủy|Tỉnh ủy|"
               r"Thành ủy|UBND (?:tỉnh|[Tt]hành phố)|(?:Ủy|Uỷ) ban nhân dân (?:tỉnh|[Tt]hành phố)|HĐND tỉnh|BTV Tỉnh ủy|Chính phủ|Bộ [A-ZĐ]\w*(?: [A-ZĐ]\w*)*)"
               rf"(?: [{UPPER}]\w*(?: [{UPPER}]\w*)*)?")
# "Uỷ ban nhân dân tỉnh" → "UBND tỉnh": the short form the catalogue and the reviewer use.
def _short_issuer(name: str) -> str:
    name = re.sub(r"^(?:Ủy|Uỷ|UỶ|ỦY) ban nhân dân\b", "UBND", name, flags=re.IGNORECASE)
    return name.replace("BTV ", "Ban Thường vụ ")


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


def _printed_number(symbol: str) -> str:
    """The leading number as printed: "07" in "07-KL/VPTW"."""
    return re.match(r"\d+", symbol).group(0)


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
    head_lines = head.split("\n")
    motto_at = next((i for i, line in enumerate(head_lines) if MOTTO_AT.search(line)), len(head_lines))
    for index, line in enumerate(head_lines):
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
        symbol_line = re.match(r"^(?:Số|So)\s*(?::|\d)", line)
        if not symbol_line and not _mostly_upper(line) and index < motto_at:
            org = []  # a website's own lines before the header: the organisation block is the one just before the motto
            continue
        if symbol_line or not _mostly_upper(line):  # the symbol line ends the body
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
    if len(bodies) > 1:
        return _under_parent(_name_case(last), _name_case(bodies[-2]))
    return _name_case(last)


# A Party department or an office printed under its parent ("BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG",
# "TỈNH ỦY HÀ TĨNH / BAN TUYÊN GIÁO") and a department under its province ("UBND TỈNH X / SỞ TÀI CHÍNH").
DEPARTMENT = re.compile(r"^(?:Văn phòng|Ban (?!Chấp hành|Thường vụ)\w+(?: \w+)?|Sở .+)$", re.IGNORECASE)
PARENT_NAMES = [(re.compile(r"^Ban Chấp hành Trung ương$", re.IGNORECASE), "Trung ương Đảng"),
                (re.compile(r"^(?:Tỉnh|Thành|Huyện|Đảng) ủy .+$", re.IGNORECASE), None),
                (re.compile(r"^UBND (?:tỉnh|thành phố) .+$"), None)]


def _under_parent(child: str, parent: str) -> str:
    """Rule: a department named without its parent takes the parent's name, as the short forms do:
    "Văn phòng" under "Ban Chấp hành Trung ương" → "Văn phòng Trung ương Đảng"; "Ban Tuyên giáo" under
    "Tỉnh ủy Hà Tĩnh" → "Ban Tuyên giáo Tỉnh ủy Hà Tĩnh"; "Sở Tài chính" under "UBND tỉnh Hà Tĩnh" →
    "Sở Tài chính tỉnh Hà Tĩnh"."""
    if not DEPARTMENT.match(child):
        return child
    for pattern, name in PARENT_NAMES:
        if pattern.match(parent):
            if child.startswith("Sở "):
                return f"{child} {parent.removeprefix('UBND ')}" if parent.startswith("UBND") else child
            return f"{child} {name or parent}"
    return child


def _mostly_upper(line: str) -> bool:
    """A header's organisation line: 70% capitals, looser than a heading, for OCR's stray small letters."""
    return capitals(line, 0.7, 2)


ACRONYMS = {"UBND", "HĐND", "MTTQ"}


def _name_case(upper: str) -> str:
    """"ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" → "UBND tỉnh Hà Tĩnh"; "VĂN PHÒNG CHÍNH PHỦ" → "Văn phòng Chính phủ"."""
    words = upper.split()
    text = " ".join(w if w in ACRONYMS else w.capitalize() for w in words)
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
            info.symbol, info.number, info.kind = parsed.text, _printed_number(parsed.text), parsed.kind
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
        info.symbol, info.number, info.kind = parsed.text, _printed_number(parsed.text), parsed.kind
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
    if answers_petitions(lines):
        info.kind = "BC"
        return info
    # An article that reports the content of one named document takes that document's identity.
    for line in lines[:4]:
        line = re.split(rf"(?<=[.!?])\s+(?=[{UPPER}])", line, maxsplit=1)[0]  # a lead sentence names its subject
        m = NAMED_DOCUMENT.search(line)
        if not m or not re.search(r"\d", m.group(2)):
            continue
        subject = ISSUER_ISSUES.match(line[: m.start()])
        if not subject and not OWN_DOCUMENT_CUE.search(line[: m.start()]):
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
            info.symbol, info.number = parsed.text, _printed_number(parsed.text)
        else:
            info.number = re.match(r"\d+", m.group(2)).group(0)
        if m.group(3):
            d, mth, y = m.group(3).split("/")
            day = safe_date(y, mth, d)
            info.issued_on = day.isoformat() if day else None
        elif subject and subject.group("day"):
            day = _day_of_sentence(subject, line)
            info.issued_on = day.isoformat() if day else None
        issuer = ISSUER_AFTER.search(line[m.end():]) or ISSUER_BEFORE.search(line[: m.start()].rstrip())
        if issuer or subject:
            info.issuer = _short_issuer(issuer.group(1) if issuer else subject.group("body"))
        return info
    reply = letter_reply(lines[:8])
    if reply:
        info.kind, info.issuer = "CV", reply
        return info
    title_at = _title_near_top(lines)
    if (title_kind and not structure.head) or title_at is not None:  # a title line with the header dropped
        if title_kind and not structure.head:
            info.kind, title = title_kind, structure.title
        else:
            title = lines[title_at]
            info.kind = KIND_BY_NAME.get(TITLE_LINE.match(title).group(1).lower(), "news")
        info.issuer = _issuer_without_header(title, info.kind, lines, text)
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


# The lead sentence of an article whose subject issues the document it names: "Ngày 21/5, UBND tỉnh ban hành
# Công văn số 846/UBND-TH …", "UBND tỉnh vừa có Công văn số …" — a verb of one or two words between the
# body and the document, never one that cites it ("thực hiện", "triển khai", "căn cứ", "nhận được", "theo").
ISSUER_ISSUES = re.compile(
    r"^\s*(?:(?P<day>(?:Ngày|Sáng|Chiều|Hôm nay)\s+(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2}))\s*,\s*)?"
    rf"(?P<body>{ISSUER_BODY})\s+(?!(?:thực hiện|triển khai|căn cứ|nhận được|theo|về|tại)\b)(?:đã |vừa )?\w+(?: \w+)?\s*$")
# A year the sentence states ("năm 2019", "15/5/2019", "2025 và 2026"), not a symbol's number ("2019/UBND").
YEAR_STATED = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d/-]|[.,]\d)")


def _day_of_sentence(subject: re.Match, sentence: str) -> date | None:
    """The day the lead gives ("Ngày 21/5"), with the year the same sentence states, if it states one."""
    years = {int(y) for y in YEAR_STATED.findall(sentence)}
    if len(years) != 1:
        return None
    return safe_date(years.pop(), subject.group("m"), subject.group("d"))


# "… nhận được Tờ trình số … Sau khi xem xét, Chủ tịch UBND tỉnh có ý kiến (chỉ đạo) như sau:"
LETTER_REPLY = re.compile(rf"\bSau khi xem xét,\s+(?:(?:Phó )?Chủ tịch\s+)?({ISSUER_BODY})\s+có ý kiến\b")


def letter_reply(lines: list[str]) -> str | None:
    """Rule: a text that reproduces a letter's body — "Sau khi xem xét, <body> có ý kiến:" and then its
    points — is a letter (CV) of that body, even without its header."""
    for line in lines:
        m = LETTER_REPLY.search(line)
        if m:
            return _short_issuer(m.group(1))
    return None


def _title_near_top(lines: list[str]) -> int | None:
    """A title line ("Kết luận của …", "Kế hoạch về …") among the first lines, after at most two short
    lines of a site's section names ("Tin chỉ đạo", "Văn bản mới")."""
    for index, line in enumerate(lines[:3]):
        if TITLE_LINE.match(line):
            return index
        if len(line) > 60 or SENTENCE_END_AT.search(line):
            return None
    return None


SENTENCE_END_AT = re.compile(r"[.;:]\s*$")
# "… của Phó Chủ tịch UBND tỉnh Lê Văn An", "của đồng chí Bí thư Tỉnh ủy".
LEADER_IN_TITLE = re.compile(r"\bcủa\s+(?:đồng chí\s+)?(?:Phó\s+)?(Thủ tướng|Chủ tịch|Bí thư)\s+(.*)", re.IGNORECASE)
LEADERS_BODY = re.compile(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố)\b|^(Tỉnh ủy|Thành ủy)\b",
                          re.IGNORECASE)


def _issuer_without_header(title: str, kind: str, lines: list[str], text: str) -> str | None:
    body = HEAD_OF_BODY.search(text)
    if body:
        return body.group(1)
    issuer = leaders_body(title, kind) or _enacting_body(lines[:8], kind)
    return with_province(issuer, text) if issuer else None


def leaders_body(title: str, kind: str) -> str | None:
    """Rule: a title that names the leader whose conclusion it records gives the issuing body — the
    leader's own ("Kết luận của Chủ tịch UBND tỉnh …" → "UBND tỉnh"); a notice of the Prime Minister's
    or a Deputy Prime Minister's conclusions is issued by the Government Office ("Văn phòng Chính phủ")."""
    m = LEADER_IN_TITLE.search(title)
    if not m:
        return None
    role, rest = m.group(1).lower(), m.group(2)
    if role == "thủ tướng":
        return "Văn phòng Chính phủ" if kind == "TB" else "Chính phủ"
    body = LEADERS_BODY.match(rest)
    if not body:
        return None
    if body.group(1):
        return f"UBND {body.group(2).lower()}"
    return body.group(3).capitalize()


# "UBND Thành phố xây dựng Kế hoạch …", "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"
ENACTS = r"^\s*({body})\s+(?:ban hành|xây dựng)\s+{kind}\b"


def _enacting_body(lines: list[str], kind: str) -> str | None:
    """Rule: the body that says it enacts the document ("… ban hành Kế hoạch như sau") issued it."""
    name = KIND_NAMES.get(kind)
    if not name:
        return None
    pattern = re.compile(ENACTS.format(body=ISSUER_BODY, kind=name))
    for line in lines:
        m = pattern.match(line)
        if m:
            return _short_issuer(m.group(1))
    return None


def with_province(issuer: str, text: str) -> str:
    """Rule: "UBND tỉnh" / "UBND Thành phố" / "Tỉnh ủy" that does not name its province takes the one
    province the text names ("… Thành phố Hà Nội …"); none, or several, and it stays as it is."""
    if not re.fullmatch(r"UBND (?:tỉnh|[Tt]hành phố)|Tỉnh ủy|Thành ủy", issuer):
        return issuer
    city = "thành phố" in issuer.lower() or issuer == "Thành ủy"  # a city takes a city's name, a tỉnh a tỉnh's
    named = {name for word, name in provinces_named(text) if (word.lower() == "thành phố") == city}
    return f"{issuer} {named.pop()}" if len(named) == 1 else issuer


# "TRẢ LỜI:" on a line of its own, after the voters' request it answers.
ANSWER_LINE = re.compile(r"^\s*(?:TRẢ LỜI|Trả lời)\s*:\s*$")


def answers_petitions(lines: list[str]) -> bool:
    """Rule: a text that sets out a petition ("Cử tri xã X đề nghị:") and then its answer ("TRẢ LỜI:") is
    a report answering voters (kind BC), which names no issuer of its own."""
    asked = next((i for i, line in enumerate(lines) if ASKERS_LEAD_IN.match(line)), None)
    return asked is not None and any(ANSWER_LINE.match(line) for line in lines[asked + 1:])


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
        info.kind, info.symbol, info.number = parsed.kind, parsed.text, _printed_number(parsed.text)
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


