"""The report as DOCX in the Vietnamese administrative layout (NĐ 30/2020 Phụ lục I; HD 36-HD/VPTW
for Party bodies): Times New Roman on A4 with the standard margins, the heading block (issuer and
number on the left, Quốc hiệu or "ĐẢNG CỘNG SẢN VIỆT NAM" on the right), place and date, title,
numbered sections with tables, "Nơi nhận" and the signature block."""

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dieuhanh.core.numbers import so
from dieuhanh.org.models import Unit

from .content import ROMAN, Report, sections

PARTY_KINDS = {Unit.Kind.PARTY_COMMITTEE, Unit.Kind.PARTY_BOARD, Unit.Kind.PARTY_DELEGATION}


def is_party(unit: Unit) -> bool:
    return unit.kind in PARTY_KINDS


def symbol(unit: Unit) -> str:
    """"Số:      -BC/TU" (Party) or "Số:      /BC-UBND" (State); the number is given at registration."""
    code = unit.symbol_code or (unit.short_name or unit.code).upper()
    return f"Số:        -BC/{code}" if is_party(unit) else f"Số:        /BC-{code}"


def place(unit: Unit) -> str:
    area = unit.area
    while area is not None and area.parent_id and area.level != "province":
        area = area.parent
    return (area.name.removeprefix("Tỉnh ").removeprefix("Thành phố ") if area else "")


def date_line(report: Report) -> str:
    d = report.made_on
    return f"{place(report.unit)}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}".lstrip(", ")


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


def _cell(value):
    """Dates as dd/mm/yyyy; numbers stay numbers (formatted 11.710,5 by the table)."""
    return f"{value:%d/%m/%Y}" if hasattr(value, "strftime") else value


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
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            paragraph = cell.paragraphs[0]
            paragraph.add_run(so(value) if numeric else str(value or ""))  # the table style's font
            if numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _heading(doc, report: Report):
    unit = report.unit
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = right.text = ""
    parent = unit.parent.name.upper() if unit.parent_id else ""
    if parent:
        _run(left.paragraphs[0], parent, size=13)
        left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _para(left, unit.name.upper(), size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        _run(left.paragraphs[0], unit.name.upper(), size=13, bold=True)
        left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(left, "*" if is_party(unit) else "", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, symbol(unit), size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    if is_party(unit):
        _run(right.paragraphs[0], "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
        right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        _run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
        right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, date_line(report), size=14, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def render(report: Report) -> bytes:
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
    _heading(doc, report)
    _para(doc, "BÁO CÁO", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"Kết quả thực hiện nhiệm vụ {report.period.label}", size=14, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)
    for number, part in zip(ROMAN, sections(report)):
        _para(doc, f"{number}. {part.title}", size=14, bold=True)
        if part.text:
            _para(doc, part.text)
        _table(doc, part.header, [[_cell(v) for v in row] for row in part.rows])
    recipients = doc.add_table(rows=1, cols=2)
    left, right = recipients.rows[0].cells
    left.text = right.text = ""
    _run(left.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
    for line in ("- Như trên;", "- Lưu: VT."):
        _para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _run(right.paragraphs[0], ("T/M " if is_party(report.unit) else "TM. ") + report.unit.name.upper(), size=14,
         bold=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
