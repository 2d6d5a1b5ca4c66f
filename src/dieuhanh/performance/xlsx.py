"""A unit's score sheet as XLSX: for a month one row per official and one per product, for a quarter or a year
one row per official with each month's score; numbers as numbers, dates as dates, typed text never a formula."""

from io import BytesIO

from openpyxl import Workbook

from dieuhanh.core.sheets import safe_row
from dieuhanh.core.text import person_name

MONTH_HEADER = ["Công chức", "Sản phẩm", "Trọng số", "Hạn", "Trạng thái", "Ngày hoàn thành", "Sai sót lớn", "Chậm",
                "Nguyên nhân khách quan đã xác nhận", "Tổng điểm", "Xếp loại"]


def _number(value):
    return None if value is None else float(round(value, 2))


def _dates_as_dates(ws) -> None:
    for cell in ws[ws.max_row]:
        if hasattr(cell.value, "year"):
            cell.number_format = "DD/MM/YYYY"


def score_sheet(unit, period, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Bảng điểm"
    ws.append(safe_row([f"{unit.name} — bảng điểm {period.label} (Nghị định 335/2025/NĐ-CP)"]))
    monthly = period.kind == "month"
    if monthly:
        ws.append(MONTH_HEADER)
    else:
        ws.append(["Công chức"] + [m.label.capitalize() for m in period.month_periods()]
                  + [f"Điểm {period.label}", "Xếp loại"])
    for r in rows:
        name = person_name(r.official)
        if not monthly:
            ws.append(safe_row([name] + [_number(m.total) if m else None for m in r.months]
                               + [_number(r.total), r.grade_label if r.total is not None else r.message]))
            continue
        ws.append(safe_row([name, "", None, None, "", None, None, None, "", _number(r.total),
                            r.grade_label if r.total is not None else r.message]))
        for p in r.products:
            ws.append(safe_row(["", p.title, float(p.weight), p.due_on, p.get_state_display(), p.done_on,
                                p.quality_errors, p.delays, "có" if p.cause_confirmed_by_id else "", None, ""]))
            _dates_as_dates(ws)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
