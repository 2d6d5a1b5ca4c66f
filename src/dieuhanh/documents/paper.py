"""An outgoing paper in the Vietnamese administrative layout (NĐ 30/2020 Phụ lục I; HD 36-HD/VPTW for Party
bodies), described once (`Paper`) for every kind the system prints — the periodic report, an official's score
form, a programme's report — and written as DOCX (python-docx) and as PDF (the same parts in HTML, laid out on
A4 by WeasyPrint; Liberation Serif stands in for Times New Roman with the same metrics).

Times New Roman on A4 with the standard margins, the heading block (issuer and number on the left, Quốc hiệu or
"ĐẢNG CỘNG SẢN VIỆT NAM" on the right), place and date, the kind of paper and its subject, numbered parts with
tables, "Nơi nhận" and the signature blocks."""

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO

from django.template.loader import render_to_string
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dieuhanh.core.errors import Refused
from dieuhanh.core.numbers import so
from dieuhanh.org.models import Unit

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
PARTY_KINDS = {Unit.Kind.PARTY_COMMITTEE, Unit.Kind.PARTY_BOARD, Unit.Kind.PARTY_DELEGATION}


class PdfError(RuntimeError):
    """The PDF library cannot run here; the message names the Debian packages."""


def is_party(unit: Unit) -> bool:
    return unit.kind in PARTY_KINDS


def symbol(unit: Unit, kind_code: str) -> str:
    """"Số:      -BC/TU" (Party) or "Số:      /BC-UBND" (State); the number is given at registration."""
    code = unit.symbol_code or (unit.short_name or unit.code).upper()
    return f"Số:        -{kind_code}/{code}" if is_party(unit) else f"Số:        /{kind_code}-{code}"


def place(unit: Unit) -> str:
    area = unit.area
    while area is not None and area.parent_id and area.level != "province":
        area = area.parent
    return (area.name.removeprefix("Tỉnh ").removeprefix("Thành phố ") if area else "")


@dataclass
class Heading:
    parent: str  # the body above the issuer, "" for none
    issuer: str
    party: bool
    symbol: str  # "" for a form that is not numbered
    date_line: str


def heading(unit: Unit, made_on: date, kind_code: str | None = "BC") -> Heading:
    line = f"{place(unit)}, ngày {made_on.day:02d} tháng {made_on.month:02d} năm {made_on.year}".lstrip(", ")
    return Heading(unit.parent.name if unit.parent_id else "", unit.name, is_party(unit),
                   symbol(unit, kind_code) if kind_code else "", line)


@dataclass
class Part:
    title: str
    text: str = ""
    header: list[str] = field(default_factory=list)  # no header: no table
    rows: list[list] = field(default_factory=list)  # raw values: numbers stay numbers, dates dd/mm/yyyy


@dataclass
class Signer:
    authority: str  # "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "NGƯỜI TỰ ĐÁNH GIÁ"
    position: str = ""  # "PHÓ BÍ THƯ", "CHỦ TỊCH"; "" when the authority is the title
    name: str = ""  # left blank for the signer to write in
    note: str = ""  # "(Ký, ghi rõ họ tên)" on a form


def signer_for(unit: Unit, position=None) -> Signer:
    """The signature block of a paper the unit issues (NĐ 30/2020, Điều 13; HD 36 for Party bodies): "T/M" or
    "TM." the body; a deputy signs "K/T" or "KT." for the head; then the title and the name. Without a chosen
    position, the body alone, for the signer to write in."""
    party = is_party(unit)
    authority = ("T/M " if party else "TM. ") + unit.name
    if position is None:
        return Signer(authority.upper())
    if position.title.startswith("Phó "):
        authority += "\n" + ("K/T " if party else "KT. ") + position.title.removeprefix("Phó ")
    return Signer(authority.upper(), position.title.upper(), position.person.full_name)


@dataclass
class Paper:
    heading: Heading
    kind: str  # "BÁO CÁO", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC"
    subject: str
    parts: list[Part]
    signers: list[Signer]
    recipients: list[str] | None = None  # "Nơi nhận"; None for a form, which has none
    lines: list[str] = field(default_factory=list)  # under the subject: "Họ và tên: …"
    # Wide tables, after the signature, each on landscape A4 ("Phụ lục I … kèm theo báo cáo"): a table of
    # seven or eight columns is unreadable in the portrait body.
    annexes: list[Part] = field(default_factory=list)

    @property
    def annex_note(self) -> str:
        return f"(Kèm theo {self.kind.lower()} {self.subject[:1].lower()}{self.subject[1:]})"


def text_of(value):
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    if _numeric(value):
        return so(value)
    return "" if value is None else str(value)


def _numeric(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# DOCX ----------------------------------------------------------------------------------------------------------

def _run(paragraph, text, *, size=13, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name = "Times New Roman"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return run


def _para(doc_or_cell, text="", *, size=13, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.JUSTIFY):
    p = doc_or_cell.add_paragraph()
    p.alignment = align
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _first(cell, text, *, size=13, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    """Text in a cell's own first paragraph (a new cell has one, empty)."""
    _run(cell.paragraphs[0], text, size=size, bold=bold, italic=italic)
    cell.paragraphs[0].alignment = align


def _table(doc, header: list[str], rows: list[list]):
    """All rows made at once: python-docx's add_row re-reads the table each time."""
    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    lines = table.rows
    for cell, text in zip(lines[0].cells, header):
        _run(cell.paragraphs[0], text, size=12, bold=True)
    for line, values in zip(lines[1:], rows):
        for cell, value in zip(line.cells, values):
            paragraph = cell.paragraphs[0]
            paragraph.add_run(text_of(value))  # the table style's font
            if _numeric(value):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _heading(doc, h: Heading):
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = right.text = ""
    if h.parent:
        _first(left, h.parent.upper())
        _para(left, h.issuer.upper(), size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        _first(left, h.issuer.upper(), bold=True)
    _para(left, "*" if h.party else "", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    if h.symbol:
        _para(left, h.symbol, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    if h.party:
        _first(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
    else:
        _first(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
        _para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, h.date_line, size=14, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _signer(cell, signer: Signer):
    first, *more = signer.authority.split("\n")
    _first(cell, first, size=14, bold=True)
    for line in more:
        _para(cell, line, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if signer.position:
        _para(cell, signer.position, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if signer.note:
        _para(cell, signer.note, size=13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        _para(cell, "")
    if signer.name:
        _para(cell, signer.name, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _annex(doc, number: str, annex: Part, note: str):
    """A new landscape section: its page turned (width and height swapped), the same margins turned too."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(30), Mm(15)
    section.left_margin, section.right_margin = Mm(20), Mm(20)
    _para(doc, f"Phụ lục {number}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, annex.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, note, size=13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if annex.text:
        _para(doc, annex.text)
    if annex.header:
        _table(doc, annex.header, annex.rows)


def docx(paper: Paper) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    grid = doc.styles["Table Grid"]
    grid.font.name, grid.font.size = "Times New Roman", Pt(12)
    _heading(doc, paper.heading)
    _para(doc, paper.kind, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, paper.subject, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in paper.lines:
        _para(doc, line)
    for number, part in zip(ROMAN, paper.parts):
        _para(doc, f"{number}. {part.title}", size=14, bold=True)
        if part.text:
            _para(doc, part.text)
        if part.header:
            _table(doc, part.header, part.rows)
    columns = ([None] if paper.recipients is not None else []) + paper.signers
    foot = doc.add_table(rows=1, cols=max(1, len(columns)))
    cells = foot.rows[0].cells
    for cell in cells:
        cell.text = ""
    for cell, signer in zip(cells, columns):
        if signer is None:
            _first(cell, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
            for line in paper.recipients:
                _para(cell, f"- {line}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        else:
            _signer(cell, signer)
    for number, annex in zip(ROMAN, paper.annexes):
        _annex(doc, number, annex, paper.annex_note)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


# HTML and PDF --------------------------------------------------------------------------------------------------

def _shown(parts: list[Part]) -> list[dict]:
    return [{"number": n, "title": p.title, "text": p.text, "header": p.header,
             "rows": [[{"text": text_of(v), "numeric": _numeric(v)} for v in row] for row in p.rows]}
            for n, p in zip(ROMAN, parts)]


def html(paper: Paper) -> str:
    return render_to_string("documents/paper.html", {"p": paper, "h": paper.heading, "parts": _shown(paper.parts),
                                                     "annexes": _shown(paper.annexes)})


def format_asked(request) -> str:
    """?dinh_dang=pdf or docx (the default): what a page offers for a paper."""
    return "pdf" if request.GET.get("dinh_dang") == "pdf" else "docx"


def write(paper: Paper, kind: str) -> bytes:
    """The paper as DOCX or PDF; a server that cannot lay out PDF says so in Vietnamese (Refused)."""
    if kind == "docx":
        return docx(paper)
    try:
        return pdf(paper)
    except PdfError as error:
        raise Refused(str(error)) from error


def pdf(paper: Paper) -> bytes:
    """The same HTML laid out on A4 by WeasyPrint (Pango shapes Vietnamese; fontconfig resolves "Times New
    Roman" to the metric-compatible Liberation Serif of fonts-liberation2): no browser on the server."""
    try:
        from weasyprint import HTML
    except OSError as error:  # the library is installed, Pango is not
        raise PdfError("Cần thư viện Pango để in PDF: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                       "fonts-liberation2") from error
    return HTML(string=html(paper)).write_pdf()
