"""Task tables of plans (kế hoạch): a header row with "Cơ quan chủ trì", "Cơ quan phối hợp",
"Thời gian hoàn thành" and a task column, then one task per row and lead. Rows come from the document
structure (pipe rows, tab rows, tables flattened to one cell per line); a group row ("I. NÂNG CAO NHẬN
THỨC …") gives nothing."""

import re

from dieuhanh.core.text import fold

from .assignments import Assignment, _clean_action
from .bodies import split_addressees
from .dates import period_deadline

COLUMNS = {
    "lead": re.compile(r"chu tri|co quan thuc hien|don vi thuc hien"),
    "coordinators": re.compile(r"phoi hop"),
    "when": re.compile(r"thoi gian|thoi han|tien do"),
    "task": re.compile(r"nhiem vu|noi dung|ten de an|cong viec|giai phap"),
}


def find_header(cells: list[str]) -> dict[str, int] | None:
    found = {}
    for index, cell in enumerate(cells):
        key = fold(cell)
        if len(key) > 60:
            continue
        for name, pattern in COLUMNS.items():
            if name not in found and pattern.search(key):
                found[name] = index
                break
    return found if {"lead", "task"} <= found.keys() else None


def has_task_table(tables) -> bool:
    return any(find_header(row) for table in tables for row in table.rows[:3])


def table_assignments(tables, year: int | None) -> list[Assignment]:
    out = []
    for table in tables:
        header = None
        for cells, span in zip(table.rows, table.spans):
            if header is None:
                header = find_header(cells)
                continue
            if len(cells) <= max(header.values()):
                continue  # a group row ("I. NÂNG CAO NHẬN THỨC …") or a broken one
            lead_cell, task = cells[header["lead"]], cells[header["task"]]
            if not lead_cell or not task:
                continue
            coordinators = split_addressees(cells[header["coordinators"]]) if "coordinators" in header else []
            when = cells[header["when"]] if "when" in header else ""
            deadline, recurrence = period_deadline(when, year) if when else (None, None)
            for lead in split_addressees(lead_cell):
                out.append(Assignment(lead, _clean_action(task), list(coordinators),
                                      deadline.isoformat() if deadline else None, recurrence, " | ".join(cells), [span]))
    return out
