"""A task's timeline: reports, completion requests, extensions and every recorded change, newest first."""

from dataclasses import dataclass
from datetime import date, datetime

from dieuhanh.core.text import person_name
from dieuhanh.org.models import Unit

from .models import CompletionRequest, Extension, ProgressReport, Task
from .status import Recurrence, State

FIELD_LABELS = {
    "content": "Nội dung", "deadline": "Thời hạn", "state": "Trạng thái", "progress": "Tiến độ (%)",
    "is_key": "Trọng tâm", "done_on": "Ngày hoàn thành", "state_reason": "Lý do", "lead": "Đơn vị chủ trì",
    "requested_done_on": "Ngày đề nghị hoàn thành", "last_report_on": "Ngày báo cáo gần nhất",
}
HIDDEN = {"version", "due_on", "returned_at", "created_by", "search_text"}


@dataclass
class Event:
    at: datetime
    kind: str
    who: str
    title: str
    body: str = ""
    files: tuple = ()
    changes: tuple = ()


def _name(user) -> str:
    return person_name(user, "Hệ thống")


def _shown(field: str, value) -> str | None:
    """A stored value as a person reads it: dd/mm/yyyy, state labels, unit names, Có/Không."""
    if value is None or value == "":
        return None
    if field == "state":
        return State(value).label
    if field == "recurrence":
        return Recurrence(value).label
    if field == "lead":
        return Unit.objects.filter(pk=value).values_list("name", flat=True).first()
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _history(task: Task) -> list[Event]:
    records = list(task.history.select_related("history_user").order_by("history_date", "history_id"))
    events, previous = [], None
    for record in records:
        if previous is None:
            events.append(Event(record.history_date, "created", _name(record.history_user), "Giao nhiệm vụ"))
        else:
            delta = record.diff_against(previous)
            changes = tuple(
                (FIELD_LABELS.get(c.field, c.field), _shown(c.field, c.old), _shown(c.field, c.new))
                for c in delta.changes if c.field not in HIDDEN
            )
            if changes:
                events.append(Event(record.history_date, "change", _name(record.history_user), "Cập nhật",
                                    changes=changes))
        previous = record
    return events


def timeline(task: Task) -> list[Event]:
    events = _history(task)
    for r in ProgressReport.objects.filter(task=task).select_related("unit", "author").prefetch_related("files"):
        events.append(Event(r.created_at, "report", f"{_name(r.author)} ({r.unit.name})",
                            f"Báo cáo tiến độ {r.percent}%", r.text, tuple(r.files.all())))
    for c in CompletionRequest.objects.filter(task=task).select_related("requested_by", "decided_by").prefetch_related("files"):
        events.append(Event(c.created_at, "completion", _name(c.requested_by), "Đề nghị hoàn thành", c.note,
                            tuple(c.files.all())))
        if c.decided_at:
            title = "Nghiệm thu: hoàn thành" if c.decision == "accepted" else "Trả lại đề nghị hoàn thành"
            events.append(Event(c.decided_at, "decision", _name(c.decided_by), title, c.reason))
    for e in Extension.objects.filter(task=task).select_related("requested_by", "decided_by"):
        events.append(Event(e.created_at, "extension", _name(e.requested_by),
                            f"Đề nghị gia hạn đến {e.new_deadline:%d/%m/%Y}", e.reason))
        if e.decided_at:
            title = "Đồng ý gia hạn" if e.decision == "accepted" else "Không đồng ý gia hạn"
            events.append(Event(e.decided_at, "decision", _name(e.decided_by), title, e.decision_note))
    return sorted(events, key=lambda e: e.at, reverse=True)
