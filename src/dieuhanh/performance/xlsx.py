"""A unit's month score sheet as XLSX: one row per official and one per product, numbers as numbers, dates as
dates, typed text never a formula."""

from io import BytesIO

from openpyxl import Workbook

from dieuhanh.core.sheets import safe_row

from .scoring import Grade

HEADER = ["Công chức", "Sản phẩm", "Trọng số", "Hạn", "Trạng thái", "Ngày hoàn thành", "Sai sót lớn", "Chậm",
          "Nguyên nhân khách quan đã xác nhận", "Tổng điểm", "Xếp loại"]


def score_sheet(unit, period, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Bảng điểm"
    ws.append(safe_row([f"{unit.name} — bảng điểm {period.label} (Nghị định 335/2025/NĐ-CP)"]))
    ws.append(HEADER)
    for r in rows:
        official, result = r["official"], r["result"]
        name = official.get_full_name() or official.username
        score = result.score
        ws.append(safe_row([name, "", None, None, "", None, None, None, "",
                            float(round(score.total, 2)) if score else None,
                            Grade.LABELS[score.grade] if score else result.message]))
        for p in result.products:
            ws.append(safe_row(["", p.title, float(p.weight), p.due_on, p.get_state_display(), p.done_on,
                                p.quality_errors, p.delays, "có" if p.cause_confirmed_by_id else "", None, ""]))
            for cell in ws[ws.max_row]:
                if hasattr(cell.value, "year"):
                    cell.number_format = "DD/MM/YYYY"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
