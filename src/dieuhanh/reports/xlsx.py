"""The report as XLSX: one sheet per table, numbers as numbers, dates as dates."""

from io import BytesIO

from openpyxl import Workbook

from dieuhanh.core.sheets import safe_row
from dieuhanh.core.zips import restamped

from .content import Report, sections


def render(report: Report) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for part in sections(report):
        ws = wb.create_sheet(part.sheet)
        ws.append(safe_row([f"{report.unit.name} — {part.title.capitalize()} — {report.period.label}"]))
        ws.append(safe_row(part.header))
        for row in part.rows:
            ws.append(safe_row(row))
            for cell in ws[ws.max_row]:
                if hasattr(cell.value, "year"):
                    cell.number_format = "DD/MM/YYYY"
    out = BytesIO()
    wb.save(out)
    return restamped(out.getvalue(), report.made_on)
