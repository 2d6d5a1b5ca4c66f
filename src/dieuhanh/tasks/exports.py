"""A task list as a spreadsheet: the rows the list shows for its filter, each with its document, lead,
coordinators, assigner, deadline, status as of today, progress and the latest report."""

from datetime import date

from django.db.models import OuterRef, Subquery

from dieuhanh.core.sheets import workbook

from .models import ProgressReport

HEADER = ["STT", "Nội dung nhiệm vụ", "Văn bản", "Cơ quan chủ trì", "Cơ quan phối hợp", "Đơn vị giao", "Thời hạn",
          "Trạng thái", "Tiến độ (%)", "Báo cáo gần nhất"]
WIDTHS = [6, 60, 16, 28, 32, 24, 12, 18, 10, 50]
LIMIT = 50_000  # one sheet; a larger list is narrowed by its filter first


def _rows(tasks, today: date):
    last = ProgressReport.objects.filter(task=OuterRef("pk")).order_by("-created_at").values("text")[:1]
    tasks = tasks.select_related("lead", "assigned_by", "document").prefetch_related("coordinations__unit") \
        .annotate(last_text=Subquery(last))
    for n, t in enumerate(tasks[:LIMIT].iterator(chunk_size=2000), start=1):
        yield [n, t.content, t.document.symbol if t.document_id else "", t.lead.name,
               "; ".join(c.unit.name for c in t.coordinations.all()), t.assigned_by.name,
               t.deadline or t.get_recurrence_display(), t.status_on(today).label, t.progress, t.last_text or ""]


def task_sheet(tasks, today: date, title: str) -> bytes:
    return workbook(title, HEADER, _rows(tasks, today), sheet="Nhiem vu", widths=WIDTHS)
