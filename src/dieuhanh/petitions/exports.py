"""The petition list as a spreadsheet: what was asked, where from, who answers it, by when and how it stands —
never the citizen's telephone, e-mail or address, which stay on the petition's own page."""

from datetime import date

from dieuhanh.core.sheets import workbook

from . import rules

HEADER = ["Mã", "Ngày tiếp nhận", "Nguồn", "Người, đơn vị kiến nghị", "Nội dung", "Lĩnh vực",
          "Đơn vị giải quyết", "Hạn trả lời", "Trạng thái", "Ngày trả lời", "Số ngày quá hạn"]
WIDTHS = [12, 12, 18, 28, 60, 18, 28, 12, 18, 12, 10]


def _rows(petitions, today: date):
    for p in petitions.iterator(chunk_size=2000):
        yield [p.code or "", p.received_on, p.get_source_display(), p.submitter, p.content,
               p.field.name if p.field_id else "", p.responsible_unit.name if p.responsible_unit_id else "", p.due_on,
               p.get_status_display(), p.answered_on, rules.days_late(p, today) if rules.is_overdue(p, today) else None]


def petition_sheet(petitions, today: date) -> bytes:
    return workbook(f"Danh sách kiến nghị — ngày {today:%d/%m/%Y}", HEADER, _rows(petitions, today),
                    sheet="Kien nghi", widths=WIDTHS)
