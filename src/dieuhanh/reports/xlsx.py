"""The report as XLSX: one sheet per table, numbers as numbers, dates as dates."""

from io import BytesIO

from openpyxl import Workbook

from .content import Report, sections


def render(report: Report) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for part in sections(report):
        ws = wb.create_sheet(part.sheet)
        ws.append([f"{report.unit.name} — {part.title.capitalize()} — {report.period.label}"])
        ws.append(part.header)
        for row in part.rows:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if hasattr(cell.value, "year"):
                    cell.number_format = "DD/MM/YYYY"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
