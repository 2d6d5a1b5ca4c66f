"""The report as DOCX in the Vietnamese administrative layout (NĐ 30/2020 Phụ lục I; HD 36-HD/VPTW
for Party bodies): Times New Roman on A4 with the standard margins, the heading block (issuer and
number on the left, Quốc hiệu or "ĐẢNG CỘNG SẢN VIỆT NAM" on the right), place and date, title,
numbered sections with tables, "Nơi nhận" and the signature block."""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dieuhanh.org.models import Unit
from dieuhanh.web.templatetags.vn import so

from .content import STATUS_ROWS, Report

PARTY_KINDS = {Unit.Kind.PARTY_COMMITTEE, Unit.Kind.PARTY_BOARD, Unit.Kind.PARTY_DELEGATION}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


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


def _table(doc, header: list[str], rows: list[list]):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        _run(cell.paragraphs[0], text, size=12, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = ""
            numeric = isinstance(value, (int, float))
            _run(cell.paragraphs[0], so(value) if numeric else str(value or ""), size=12)
            if numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
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
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    _heading(doc, report)
    _para(doc, "BÁO CÁO", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"Kết quả thực hiện nhiệm vụ {report.period.label}", size=14, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)
    t = report.total
    sections = 0

    def section_title(text):
        nonlocal sections
        _para(doc, f"{ROMAN[sections]}. {text}", size=14, bold=True)
        sections += 1

    section_title("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ")
    if report.is_empty:
        _para(doc, f"Trong kỳ, {report.unit.name} và các đơn vị trực thuộc không có nhiệm vụ có thời hạn.")
    else:
        rate = f"{so(t.on_time_rate, 1)}%" if t.on_time_rate is not None else "chưa có nhiệm vụ đến hạn"
        _para(doc, f"Tổng số nhiệm vụ có thời hạn trong kỳ: {so(t.total)}; đã hoàn thành {so(t.done)} "
                   f"(đúng hạn {so(t.counts['done_on_time'])}, quá hạn {so(t.counts['done_late'])}); đang quá hạn "
                   f"{so(t.counts['overdue'])}. Tỷ lệ hoàn thành đúng hạn: {rate}. Hoàn thành trong kỳ: "
                   f"{so(report.done_in_period)} nhiệm vụ.")
    _table(doc, ["Trạng thái", "Số nhiệm vụ"], [[s.label, t.counts[s]] for s in STATUS_ROWS] + [["Tổng số", t.total]])
    section_title("THEO ĐƠN VỊ CHỦ TRÌ")
    _table(doc, ["Đơn vị", "Có hạn trong kỳ", "Đúng hạn", "Quá hạn", "Đang quá hạn"],
           [[u.unit.name, u.total, u.counts["done_on_time"], u.counts["done_late"], u.counts["overdue"]]
            for u in report.by_unit])
    section_title("NHIỆM VỤ ĐANG QUÁ HẠN")
    _para(doc, f"Tổng số: {so(report.overdue_count)} nhiệm vụ.")
    _table(doc, ["Nhiệm vụ", "Chủ trì", "Hạn", "Số ngày trễ", "Báo cáo gần nhất"],
           [[o.task.content, o.task.lead.name, f"{o.task.due_on:%d/%m/%Y}", o.days_late, o.last_report]
            for o in report.overdue])
    section_title("NHIỆM VỤ ĐƯỢC GIA HẠN")
    _table(doc, ["Nhiệm vụ", "Chủ trì", "Hạn cũ", "Hạn mới", "Lý do"],
           [[e.task.content, e.task.lead.name, f"{e.old_deadline:%d/%m/%Y}", f"{e.new_deadline:%d/%m/%Y}", e.reason]
            for e in report.extended])
    section_title("THEO VĂN BẢN CHỈ ĐẠO")
    _table(doc, ["Văn bản", "Trích yếu", "Số nhiệm vụ", "Đã hoàn thành", "Đang quá hạn"],
           [[d.symbol, d.subject, d.total, d.done, d.overdue] for d in report.documents])
    if report.indicators:
        section_title("CHỈ TIÊU SO VỚI KẾ HOẠCH")
        _table(doc, ["Chỉ tiêu", "Thực hiện", "Kế hoạch", "% kế hoạch", "Đánh giá"],
               [[r.indicator.name, float(r.actual) if r.actual is not None else "",
                 float(r.plan) if r.plan is not None else "",
                 f"{so(r.percent_of_plan, 1)}%" if r.percent_of_plan is not None else "", r.light_label]
                for r in report.indicators])
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
