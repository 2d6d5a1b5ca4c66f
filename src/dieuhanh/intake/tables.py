"""Task tables of plans (kế hoạch): a header row with "Cơ quan chủ trì", "Cơ quan phối hợp",
"Thời gian hoàn thành" and a task column, then one task per row. The DOCX reader writes a table
row as cells joined by " | "."""

import re

from .assignments import Assignment
from .dates import deadline_in, recurrence_in
from dieuhanh.text import fold

COLUMNS = {
    "lead": re.compile(r"chu tri"),
    "coordinators": re.compile(r"phoi hop"),
    "when": re.compile(r"thoi gian|thoi han|tien do"),
    "task": re.compile(r"nhiem vu|noi dung|ten de an|cong viec|giai phap"),
}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")]


def _header(cells: list[str]) -> dict[str, int] | None:
    found = {}
    for index, cell in enumerate(cells):
        key = fold(cell)
        for name, pattern in COLUMNS.items():
            if name not in found and pattern.search(key):
                found[name] = index
                break
    return found if {"lead", "task"} <= found.keys() else None


def _deadline_text(cell: str) -> str:
    # "Quý IV/2024", "Tháng 10/2024", "Năm 2025" read as "trong …"; "Trước ngày 30/9/2024" as it is.
    return f"trong {cell}" if re.match(r"(?i)(quý|tháng|năm)\b", cell) else cell


def table_assignments(lines: list[str], year: int | None) -> tuple[list[Assignment], set[int]]:
    """Assignments read from task tables, and the indexes of the lines they used."""
    out, used, header = [], set(), None
    for index, line in enumerate(lines):
        if " | " not in line:
            header = None
            continue
        cells = _cells(line)
        if header is None:
            header = _header(cells)
            if header:
                used.add(index)
            continue
        if len(cells) <= max(header.values()):
            continue
        lead, task = cells[header["lead"]], cells[header["task"]]
        if not lead or not task:
            continue
        used.add(index)
        coordinators = []
        if "coordinators" in header:
            coordinators = [c.strip() for c in re.split(r"[,;]\s*|\s+và\s+", cells[header["coordinators"]]) if c.strip()]
        when = cells[header["when"]] if "when" in header else ""
        deadline = deadline_in(_deadline_text(when), year) if when else None
        out.append(Assignment(lead, task, coordinators, deadline.isoformat() if deadline else None,
                              recurrence_in(when) if when else None, line))
    return out, used
