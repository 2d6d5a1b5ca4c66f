"""Document structure, with no assignment logic: the body's paragraphs with their list markers and
hierarchy, hard-wrapped lines joined, tables (pipe rows, tab rows and tables flattened to one cell per
line), the signature block and the "Nơi nhận" list set apart. Every block keeps its character span in
the normalised text, so an extracted item can point back at its source.

Plain Python, no Django. Linear in the input: every pass is one scan over the lines.
"""

import re
from dataclasses import dataclass, field
from itertools import islice

from dieuhanh.core.text import clean, fold

from .noise import END_OF_ARTICLE, is_site_noise

# List markers, shallowest first: "I.", "Điều 2.", "1.", "1.1.", "(1)", "a)", "-", "+".
MARKERS = [
    ("roman", re.compile(r"(?:[IVX]{1,5})\s*[./)]\s*(?=\S|$)")),
    ("article", re.compile(r"Điều\s+\d{1,3}\s*[.:]\s*")),
    ("decimal", re.compile(r"\d{1,2}(?:\s*\.\s*\d{1,2})+\s*\.?\s+")),
    ("number", re.compile(r"(?!(?:19|20)\d\d\b)\d{1,4}\s*[./)](?!\d)\s*(?=\S|$)")),
    ("paren", re.compile(r"\(\d{1,2}\)\s*(?=\S)")),  # "(1) Nâng cao chất lượng …"
    ("letter", re.compile(r"[a-zđ]\s*\)\s*")),
    ("dash", re.compile(r"[-–•]\s+")),
    ("plus", re.compile(r"\+\s+")),
]
LEVEL = {name: depth for depth, (name, _) in enumerate(MARKERS)}
UNMARKED = len(MARKERS)
PIPE_LINE = re.compile(r"^\s*\|\s*$")
RULE_LINE = re.compile(r"^\s*[-_=–]{3,}\s*$")
PAGE_NUMBER = re.compile(r"^\s*(?:-\s*\d{1,4}\s*-|\d{1,4}|Trang \d+(?:/\d+)?)\s*$", re.IGNORECASE)
FOOTNOTE = re.compile(r"^\s*\[\d{1,3}\]\s")
SENTENCE_END = re.compile(r"[.:;!?…]\s*$")
# "Nơi nhận:", also as OCR reads it without its marks ("Noi nhận:").
RECIPIENTS = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?", re.IGNORECASE)
SIGNATURE_ROLE = re.compile(r"^\s*(?:T/M|TM\.?|KT\.?|K/T|TL\.?|TUQ\.?|Q\.)\s", re.IGNORECASE)
DOCUMENT_TITLE = re.compile(
    r"^(?:THÔNG BÁO|KẾT LUẬN|NGHỊ QUYẾT|CHỈ THỊ|KẾ HOẠCH|QUYẾT ĐỊNH|HƯỚNG DẪN|BÁO CÁO|CHƯƠNG TRÌNH|QUY CHẾ|"
    r"QUY ĐỊNH|CÔNG VĂN|TỜ TRÌNH|ĐỀ ÁN)\b")


@dataclass
class Block:
    """One paragraph of the body: its text with hard wraps joined, its list marker and depth."""

    text: str
    start: int
    end: int
    marker: str = ""
    kind: str = "text"  # a MARKERS name, or "text" for an unmarked paragraph
    heading: bool = False  # written in capitals or in bold: a heading, not a sentence

    @property
    def depth(self) -> int:
        return LEVEL.get(self.kind, UNMARKED)

    @property
    def content(self) -> str:
        return self.text[len(self.marker):].strip()


@dataclass
class Table:
    """Rows of cells; each row keeps the span it came from."""

    rows: list[list[str]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Structure:
    text: str  # the normalised text every span points into
    head: str  # the header block (before the title line), as lines
    title: str  # the title line(s): "KẾ HOẠCH Chuyển đổi số …"
    blocks: list[Block]
    tables: list[Table]
    signature: list[str]  # the lines of the signature block, top to bottom
    recipients: list[str]


def normalise(cleaned: str) -> str:
    """Word-segmentation marks and Markdown emphasis blanked in text that went through `clean`: the
    replacement keeps every length, so the emphasis marks can still be read at the same offsets."""
    return re.sub(r"[_*]", " ", cleaned)


def _marker(text: str) -> tuple[str, str]:
    for name, pattern in MARKERS:
        m = pattern.match(text)
        if m:
            if name == "roman" and not re.match(r"[IVX]+\s*[./)]\s*(?:[A-ZĐÀ-Ỹ]|$)", text):
                continue  # "I. ĐÁNH GIÁ …" is a section; "V. ..." needs an upper-case heading
            return name, m.group(0)
    return "text", ""


SPACE_BEFORE_MARK = re.compile(r"\s+([,;:.!?)])(?=\s|$)")
SPACE_AFTER_BRACKET = re.compile(r"\(\s+")


def _tidy(text: str) -> str:
    """Single spaces, and no space before a comma or inside brackets (the word-segmented corpora write
    "Chủ trì , phối hợp ( Kho bạc )")."""
    text = " ".join(text.split())
    text = SPACE_BEFORE_MARK.sub(r"\1", text)
    return SPACE_AFTER_BRACKET.sub("(", text)


# Every capital of the Latin script up to Vietnamese's last (Ỹ), as one class: counted by the regex
# engine instead of a Python loop over characters.
UPPER_LETTER = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x41, 0x1EFA) if chr(c).isupper()) + "]")
OTHER_LETTER = re.compile(r"(?:(?!" + UPPER_LETTER.pattern + r")[^\W\d_])")


def capitals(text: str, share: float, at_least: int) -> bool:
    """At least `at_least` letters, and `share` of them capitals. The capitals are counted first; the other
    letters only until there are too many of them, so a line of running text is decided at once."""
    uppers = len(UPPER_LETTER.findall(text))
    if uppers < share * at_least:
        return False
    allowed = uppers * (1 - share) / share  # lower-case letters the share still allows
    others = sum(1 for _ in islice(OTHER_LETTER.finditer(text), int(allowed) + 1))
    return others <= allowed and uppers + others >= at_least


def _is_upper(text: str) -> bool:
    """At least 85% of the letters are capitals ("THÔNG BÁO KẾT LUẬN của …" is not)."""
    return capitals(text, 0.85, 3)


@dataclass
class _Line:
    text: str
    start: int
    end: int
    bold: bool = False


def _lines(text: str, raw_marks: str) -> list[_Line]:
    out, pos = [], 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        start = pos + lead
        bold = raw_marks[start:start + 2] == "**" if raw_marks else False
        out.append(_Line(stripped, start, start + len(stripped), bold))
        pos += len(piece) + 1
    return out


def _wrap_width(lines: list[_Line]) -> int:
    """The width a hard-wrapped text breaks at (0 when lines are whole paragraphs)."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) > 20)
    if len(lengths) < 8:
        return 0
    high = lengths[int(len(lengths) * 0.8)]
    near = sum(1 for n in lengths if n >= 0.7 * high)
    return high if high <= 110 and near >= 0.5 * len(lengths) else 0


def _joins(previous: str, line: str, width: int, blank_mode: bool, first: bool = False) -> bool:
    """Whether `line` continues the paragraph `previous` (a hard wrap, not a new paragraph). `first`:
    `previous` opens its paragraph, so it may be short by the paragraph's indent ("Thực hiện Luật Ngân sách
    nhà nước, Luật" / "Đầu tư công và hướng dẫn của Bộ Tài chính …")."""
    kind, _ = _marker(line)
    open_previous = not SENTENCE_END.search(previous)
    # "giai đoạn 2016\n- 2020": a dash before a number continues an open line.
    if kind == "dash" and re.match(r"[-–]\s*\d", line) and open_previous:
        return True
    if kind != "text":
        return False
    if not previous.strip():
        return False
    only_marker = _marker(previous)[1].strip() == previous.strip()
    if only_marker:
        return True
    initial = line[0]
    if initial.islower() or (initial.isdigit() and not SENTENCE_END.search(previous)):
        return True
    if blank_mode:
        return True
    if _is_upper(previous):  # a heading in capitals goes on only in capitals
        return _is_upper(line) and open_previous
    if not width or not open_previous:
        return False
    # A line that ends with a comma goes on; so does an indented first line before a full one.
    return (len(previous) >= 0.72 * width or previous.rstrip().endswith(",")
            or (first and len(line) >= 0.72 * width))


def _article_end(lines: list[_Line]) -> int:
    """The body ends at a news site's "Đọc thêm"/"Bình luận" block, but only once the article has
    had its say: a heading of that name in the first lines is the site's menu."""
    for index, line in enumerate(lines):
        if END_OF_ARTICLE.match(line.text) and index > 3:
            return index
    return len(lines)


def _flattened_tables(lines: list[_Line]) -> tuple[list[Table], set[int]]:
    """Tables written one cell per line between lines holding only "|"; two "|" lines in a row end a
    row. Returns the tables and the line indexes they used."""
    tables, used = [], set()
    index, n = 0, len(lines)
    while index < n:
        if not PIPE_LINE.match(lines[index].text):
            index += 1
            continue
        table, row, cell, row_start = Table(), [], [], lines[index].start
        last_pipe, j, gap = index, index, 0
        while j < n:
            line = lines[j]
            if PIPE_LINE.match(line.text):
                if cell:
                    row.append("\n".join(cell))
                    cell = []
                    gap = 0
                elif row:  # "|" right after "|": the row ends
                    table.rows.append(row)
                    table.spans.append((row_start, line.end))
                    row, row_start = [], line.end
                last_pipe = j
                if j + 1 < n and not lines[j + 1].text and j > index:
                    break  # a blank line after "|": the table is over
            elif line.text:
                if not RULE_LINE.match(line.text):
                    cell.append(line.text)
                gap += 1
                if gap > 25:  # no "|" for too long: this was prose after the table
                    break
            j += 1
        if row:
            table.rows.append(row)
            table.spans.append((row_start, lines[last_pipe].end))
        used.update(range(index, last_pipe + 1))
        if table.rows:
            tables.append(table)
        index = last_pipe + 1
    return tables, used


def _inline_tables(lines: list[_Line]) -> tuple[list[Table], set[int]]:
    """Rows written on one line: "a | b | c" (the DOCX reader's form) or cells separated by tabs."""
    tables, used, current = [], set(), None
    for index, line in enumerate(lines):
        separator = " | " if line.text.count("|") >= 2 else ("\t" if line.text.count("\t") >= 2 else None)
        if separator is None:
            current = None
            continue
        cells = [c.strip() for c in line.text.strip("|").split(separator.strip() or "\t")]
        if current is None:
            current = Table()
            tables.append(current)
        current.rows.append(cells)
        current.spans.append((line.start, line.end))
        used.add(index)
    return tables, used


# Read on the folded line, so that an OCR'd "CONG HOA XÃ HỘI" still counts.
MOTTO = re.compile(r"cong hoa xa hoi|dang cong san viet nam|doc lap - tu do|^so\s*:?\s*\d+\s*[-/]|^so\s*:|, ngay \d{1,2} thang \d{1,2} nam (?:19|20)\d\d")
LETTER_OPENING = re.compile(r"^\s*Kính gửi\s*:")


# A document website prints its own metadata table before the document (dozens of short lines); the
# header follows it, and the title line follows the header's motto, symbol and place-date closely.
HEADER_SEARCH_LINES = 200
TITLE_AFTER_MOTTO = 30


def _title_line(lines: list[_Line]) -> int | None:
    """The index of the title line ("KẾ HOẠCH", "THÔNG BÁO KẾT LUẬN …"): after a header block with the
    national motto or a symbol, or the text's first line when the header was dropped."""
    seen_motto = None
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if MOTTO.search(fold(line.text)):
            seen_motto = index
            continue
        if seen_motto is not None and index - seen_motto > TITLE_AFTER_MOTTO:
            break
        if seen_motto is not None and (DOCUMENT_TITLE.match(line.text) or LETTER_OPENING.match(line.text)):
            return index
    first = next((i for i, line in enumerate(lines[:5]) if line.text), None)
    if first is not None and DOCUMENT_TITLE.match(lines[first].text.upper()) and seen_motto is None:
        return first
    return None


BARE_KIND = re.compile(DOCUMENT_TITLE.pattern + r"(?:\s+(?:KẾT LUẬN|CỦA [^a-zà-ỹ]*))?\s*$")
NOT_A_SUBJECT = re.compile(r"^(?:Căn cứ|Kính gửi|Thực hiện|Ngày|Sáng|Chiều|Hôm nay)\b")


def _subject_after_kind(title_lines: list[str], line: str) -> bool:
    """State layout: "THÔNG BÁO" alone, then the trích yếu in sentence case on the next line
    ("Kết luận của Chủ tịch UBND tỉnh tại cuộc họp …")."""
    return (len(title_lines) == 1 and bool(BARE_KIND.match(title_lines[0])) and 0 < len(line) <= 250
            and not NOT_A_SUBJECT.match(line) and not line.rstrip().endswith((".", ";", ":"))
            and "|" not in line and "\t" not in line)  # a table row is never the subject


def read_structure(raw: str) -> Structure:
    marks = clean(raw)  # the emphasis marks, before they are blanked
    text = normalise(marks)
    lines = _lines(text, marks)
    stop = _article_end(lines)
    lines = lines[:stop]
    title_at = _title_line(lines)
    head = "\n".join(ln.text for ln in lines[:title_at]) if title_at is not None else ""
    title_lines: list[str] = []
    if title_at is not None:
        rest = title_at
        while rest < len(lines) and len(title_lines) < 6 and (not title_lines or _marker(lines[rest].text)[0] == "text") and (
                not title_lines or not lines[rest].text or _is_upper(lines[rest].text)
                or (title_lines and not SENTENCE_END.search(title_lines[-1]) and lines[rest].text[:1].islower())
                or _subject_after_kind(title_lines, lines[rest].text)):
            if lines[rest].text and not PIPE_LINE.match(lines[rest].text):
                title_lines.append(lines[rest].text)
            rest += 1
            if rest - title_at > 1 and not _is_upper(title_lines[-1]) and title_at != 0:
                break
        body = [_Line("", ln.start, ln.end) if i < rest else ln for i, ln in enumerate(lines)]
    else:
        rest, body = 0, lines
    flat, flat_used = _flattened_tables(body)
    inline, inline_used = _inline_tables([ln if i not in flat_used else _Line("", ln.start, ln.end)
                                          for i, ln in enumerate(body)])
    # The wrap width of the running text: table cells, one per line, would hide it.
    width = _wrap_width([ln for i, ln in enumerate(body) if i >= rest and i not in flat_used and i not in inline_used])
    blank_lines = sum(1 for ln in body[rest:] if not ln.text)
    # Paragraphs separated by blank lines: every line within one is a hard wrap.
    blank_mode = blank_lines >= 10 and blank_lines >= 0.2 * len(body[rest:])
    blocks: list[Block] = []
    current: list[_Line] = []

    def flush():
        if not current:
            return
        joined = _tidy(" ".join(ln.text for ln in current))
        kind, marker = _marker(joined)
        heading = _is_upper(joined[len(marker):]) or current[0].bold
        blocks.append(Block(joined, current[0].start, current[-1].end, marker, kind, heading))
        current.clear()

    recipients: list[str] = []
    signature: list[str] = []
    in_recipients = False
    for index, line in enumerate(body):
        if index in flat_used or index in inline_used:
            flush()
            continue
        if not line.text or RULE_LINE.match(line.text) or PAGE_NUMBER.match(line.text) or FOOTNOTE.match(line.text):
            if not line.text:
                flush()
            continue
        if is_site_noise(line.text):
            flush()
            continue
        if RECIPIENTS.match(line.text):
            flush()
            in_recipients = True
            continue
        if in_recipients:
            if re.match(r"^\s*[-–•+]", line.text) or re.match(r"^\s*Lưu\b", line.text):
                recipients.append(line.text)
                continue
            in_recipients = False
        if SIGNATURE_ROLE.match(line.text):
            flush()
            signature.append(line.text)
            continue
        if current and _joins(current[-1].text, line.text, width, blank_mode, first=len(current) == 1):
            current.append(line)
            continue
        flush()
        current.append(line)
    flush()
    tables = []
    for table in flat + inline:
        kept = Table()
        for row, span in zip(table.rows, table.spans):
            cells = " ".join(row)
            if RECIPIENTS.search(cells) or any(SIGNATURE_ROLE.match(c) for c in row):
                for cell in row:
                    for piece in cell.split("\n"):
                        if RECIPIENTS.match(piece) or re.match(r"^\s*[-–•+]", piece):
                            recipients.append(piece)
                        elif piece.strip():
                            signature.append(piece.strip())
                continue
            kept.rows.append([" ".join(c.split()) for c in row])
            kept.spans.append(span)
        if kept.rows:
            tables.append(kept)
    if not signature and head:
        signature = _signature_tail(blocks)
    return Structure(text, head, " ".join(title_lines), blocks, tables, signature, recipients)


def _signature_tail(blocks: list[Block]) -> list[str]:
    """The signer's position and name standing alone at the end of the body ("PHÓ CHỦ TỊCH",
    "Nguyễn Văn An"): short lines with no sentence mark, taken off the body."""
    tail: list[str] = []
    while blocks and len(blocks[-1].text) < 60 and not SENTENCE_END.search(blocks[-1].text) \
            and blocks[-1].kind == "text" and len(tail) < 4:
        tail.insert(0, blocks.pop().text)
    return tail
