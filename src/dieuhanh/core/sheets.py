"""Spreadsheet cells from text people typed: never a live formula.

A cell whose text begins with =, +, -, @ or a tab/return is prefixed with an apostrophe (OWASP's CSV
injection advice), so neither Excel nor a later CSV copy evaluates it; a Vietnamese list line
("- Nội dung") begins with a dash and a space, which no formula does, and is kept as it is."""

from datetime import date
from io import BytesIO
from itertools import islice

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _list_line(value):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_text(v) for v in values]


def _list_line(value: str) -> bool:
    return value.startswith(("- ", "+ ")) and len(value) > 2 and value[2].isalpha()


ROW_LIMIT = 50_000  # rows of one exported sheet; a longer list is narrowed by its filter first


def workbook(title: str, header: list[str], rows, *, sheet: str = "Danh sách", widths: list[int] | None = None) -> bytes:
    """A list as XLSX the way it was shown: a title line (the list and its filter), a bold header with a filter
    and frozen, then one numbered row (STT) per item, up to ROW_LIMIT — numbers as numbers, dates as dd/mm/yyyy
    dates, typed text never a formula. Written in openpyxl's streaming mode; `rows` is read lazily and no
    further than the limit. `header` and `widths` name the columns after STT."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet[:31])
    for i, width in enumerate([6, *widths] if widths else [], start=1):
        ws.column_dimensions[chr(64 + i)].width = width
    ws.freeze_panes = "A3"
    bold = Font(bold=True)

    def styled(value, font=None):
        cell = WriteOnlyCell(ws, value=safe_text(value))
        if font:
            cell.font = font
        if isinstance(value, date):
            cell.number_format = "DD/MM/YYYY"
        return cell

    def plain(value):  # a styled cell only where it needs a format: a cell object costs ten plain values
        return styled(value) if isinstance(value, date) else safe_text(value)

    ws.append([styled(title, bold)])
    ws.append([styled(h, bold) for h in ["STT", *header]])
    count = 0
    for count, row in enumerate(islice(rows, ROW_LIMIT), start=1):
        ws.append([count, *(plain(v) for v in row)])
    ws.auto_filter.ref = f"A2:{chr(65 + len(header))}{count + 2}"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
