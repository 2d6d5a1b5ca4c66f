"""A task list as a spreadsheet: the rows the list shows for its filter, each with its document, lead,
coordinators, assigner, deadline, status as of today (the one status query, `with_status`), progress and the
latest report. Read as values, not model instances: ten thousand rows of four joined models would spend most of
the export building objects nobody keeps."""

from collections import defaultdict
from datetime import date

from django.db.models import OuterRef, Subquery

from dieuhanh.core.sheets import workbook

from .models import Coordination, ProgressReport, Task
from .status import Status

HEADER = ["Nội dung nhiệm vụ", "Văn bản", "Cơ quan chủ trì", "Cơ quan phối hợp", "Đơn vị giao", "Thời hạn",
          "Trạng thái", "Tiến độ (%)", "Báo cáo gần nhất"]
WIDTHS = [60, 16, 28, 32, 24, 12, 18, 10, 50]
CHUNK = 5_000
RECURRENCE = dict(Task._meta.get_field("recurrence").choices)


def _rows(tasks, today: date):
    last = ProgressReport.objects.filter(task=OuterRef("pk")).order_by("-created_at").values("text")[:1]
    values = (tasks.with_status(today).annotate(last_text=Subquery(last))
              .values_list("pk", "content", "document__symbol", "lead__name", "assigned_by__name", "deadline",
                           "recurrence", "status_now", "progress", "last_text"))
    rows = values.iterator(chunk_size=CHUNK)
    while chunk := [r for _, r in zip(range(CHUNK), rows)]:
        helpers = defaultdict(list)
        for task_id, name in (Coordination.objects.filter(task_id__in=[r[0] for r in chunk])
                              .order_by("task_id", "unit__name").values_list("task_id", "unit__name")):
            helpers[task_id].append(name)
        for pk, content, symbol, lead, assigner, deadline, recurrence, status, progress, last_text in chunk:
            yield [content, symbol or "", lead, "; ".join(helpers.get(pk, [])), assigner,
                   deadline or RECURRENCE.get(recurrence, ""), Status(status).label if status else "", progress,
                   last_text or ""]


def task_sheet(tasks, today: date, title: str) -> bytes:
    return workbook(title, HEADER, _rows(tasks, today), sheet="Nhiem vu", widths=WIDTHS)
