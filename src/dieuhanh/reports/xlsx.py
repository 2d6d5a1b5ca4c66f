"""The report as XLSX: one sheet per table, numbers as numbers."""

from io import BytesIO

from openpyxl import Workbook

from .content import STATUS_ROWS, Report


def render(report: Report) -> bytes:
    wb = Workbook()
    sheets = [
        ("Trang thai", ["Trạng thái", "Số nhiệm vụ"],
         [[s.label, report.total.counts[s]] for s in STATUS_ROWS] + [["Tổng số", report.total.total]]),
        ("Don vi", ["Đơn vị", "Có hạn trong kỳ", "Đúng hạn", "Quá hạn", "Đang quá hạn", "Tỷ lệ đúng hạn (%)"],
         [[u.unit.name, u.total, u.counts["done_on_time"], u.counts["done_late"], u.counts["overdue"],
           round(u.on_time_rate, 1) if u.on_time_rate is not None else None] for u in report.by_unit]),
        ("Qua han", ["Nhiệm vụ", "Chủ trì", "Hạn", "Số ngày trễ", "Báo cáo gần nhất"],
         [[o.task.content, o.task.lead.name, o.task.due_on, o.days_late, o.last_report] for o in report.overdue]),
        ("Gia han", ["Nhiệm vụ", "Chủ trì", "Hạn cũ", "Hạn mới", "Lý do"],
         [[e.task.content, e.task.lead.name, e.old_deadline, e.new_deadline, e.reason] for e in report.extended]),
        ("Van ban", ["Văn bản", "Trích yếu", "Số nhiệm vụ", "Đã hoàn thành", "Đang quá hạn"],
         [[d.symbol, d.subject, d.total, d.done, d.overdue] for d in report.documents]),
        ("Chi tieu", ["Chỉ tiêu", "Thực hiện", "Kế hoạch", "% kế hoạch", "Đánh giá"],
         [[r.indicator.name, float(r.actual) if r.actual is not None else None,
           float(r.plan) if r.plan is not None else None,
           round(float(r.percent_of_plan), 1) if r.percent_of_plan is not None else None, r.light_label]
          for r in report.indicators]),
    ]
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append([f"{report.unit.name} — {report.period.label}"])
        ws.append(header)
        for row in rows:
            ws.append(row)
        for cell in ws["C"] + ws["D"]:
            if hasattr(cell.value, "year"):
                cell.number_format = "DD/MM/YYYY"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
