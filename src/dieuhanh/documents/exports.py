"""The document list as a spreadsheet: symbol, date, issuer, signer, subject and how many tasks each assigns."""

from datetime import date

from django.db.models import Count

from dieuhanh.core.sheets import workbook

HEADER = ["Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Người ký", "Trích yếu", "Số nhiệm vụ"]
WIDTHS = [18, 12, 30, 24, 70, 10]


def _rows(documents):
    counted = documents.select_related("issuer").annotate(task_count=Count("tasks"))
    for d in counted.iterator(chunk_size=2000):
        yield [d.symbol, d.issued_on, d.issuer.name, d.signer, d.subject, d.task_count]


def document_sheet(documents, today: date) -> bytes:
    return workbook(f"Danh sách văn bản — ngày {today:%d/%m/%Y}", HEADER, _rows(documents), sheet="Van ban",
                    widths=WIDTHS)
