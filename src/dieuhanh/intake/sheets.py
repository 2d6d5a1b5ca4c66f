"""Task lists offices keep in Excel, brought in (issue 18, item 5): the columns found by their headings in the
layouts offices use (STT / Nội dung nhiệm vụ / Cơ quan chủ trì / Cơ quan phối hợp / Thời hạn / Tình trạng — and
the list this app exports), unit names matched as a document's are, every problem named by row and cell, and the
whole list assigned at once through the tasks' service, or nothing.

The preview carries the rows read, signed, to the confirming request: what is confirmed is what was shown."""

from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dieuhanh.core.errors import Refused
from dieuhanh.core.numbers import so
from dieuhanh.core.text import clean, fold
from dieuhanh.org.models import Unit
from dieuhanh.tasks import policy as task_policy
from dieuhanh.tasks.services import TaskDraft, assign_tasks
from dieuhanh.tasks.status import Recurrence

from .forms import UnitNames

MAX_ROWS = 1000
MAX_BYTES = 5 * 1024 * 1024
HEADINGS = {  # folded heading → column; the first heading row found within the first rows decides
    "content": ("noi dung nhiem vu", "noi dung", "nhiem vu", "ten nhiem vu", "noi dung cong viec"),
    "lead": ("co quan chu tri", "don vi chu tri", "chu tri", "co quan, don vi chu tri"),
    "coordinators": ("co quan phoi hop", "don vi phoi hop", "phoi hop", "co quan, don vi phoi hop"),
    "deadline": ("thoi han", "thoi han hoan thanh", "thoi gian hoan thanh", "han hoan thanh", "han"),
    "status": ("tinh trang", "trang thai", "ket qua"),
}
RECURRENCES = {fold(label): value for value, label in Recurrence.choices if value} | {
    "hang thang": Recurrence.MONTHLY, "hang quy": Recurrence.QUARTERLY, "hang nam": Recurrence.YEARLY,
    "hang tuan": Recurrence.WEEKLY, "thuong xuyen": Recurrence.ONGOING}
SIGNING_SALT = "dieuhanh.intake.sheets"


@dataclass
class Row:
    number: int  # the spreadsheet's row number
    content: str = ""
    lead: Unit | None = None
    lead_text: str = ""
    coordinators: list[Unit] = field(default_factory=list)
    coordinators_text: str = ""
    deadline: date | None = None
    recurrence: str = ""
    deadline_text: str = ""
    status_text: str = ""
    problems: list[str] = field(default_factory=list)  # "C7: Không tìm thấy đơn vị “…”"


@dataclass
class Plan:
    rows: list[Row]
    problems: list[str]  # of the whole file
    signed: str = ""  # the rows to confirm, when there is no problem

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows) and not any(r.problems for r in self.rows)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def _columns(sheet) -> tuple[int, dict[str, int]] | None:
    """The heading row (1-based) and the column index of each known heading."""
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=12, values_only=True), start=1):
        found = {}
        for index, value in enumerate(row):
            heading = fold(_text(value)).rstrip(" :")
            for column, names in HEADINGS.items():
                if heading in names and column not in found:
                    found[column] = index
        if {"content", "lead"} <= found.keys():
            return number, found
    return None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _deadline(row: Row, value, cell: str) -> None:
    if isinstance(value, datetime):
        row.deadline, row.deadline_text = value.date(), f"{value:%d/%m/%Y}"
        return
    if isinstance(value, date):
        row.deadline, row.deadline_text = value, f"{value:%d/%m/%Y}"
        return
    text = _text(value)
    row.deadline_text = text
    if not text:
        return
    if (recurrence := RECURRENCES.get(fold(text))) is not None:
        row.recurrence = recurrence
        return
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            row.deadline = datetime.strptime(text, fmt).date()
            return
        except ValueError:
            continue
    row.problems.append(f"{cell}: Thời hạn “{text}” không phải ngày (dd/mm/yyyy) hay “Thường xuyên”, “Hằng tháng”…")


def _units(names: UnitNames, text: str, cell: str, row: Row) -> list[Unit]:
    found = []
    for part in [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]:
        unit = names.by_name.get(fold(part)) or names.unit_for(part)
        if unit is None:
            row.problems.append(f"{cell}: Không tìm thấy đơn vị “{part}” trong danh mục.")
        elif unit.active_to is not None:
            row.problems.append(f"{cell}: {unit.name} đã ngừng hoạt động.")
        else:
            found.append(unit)
    return found


def read(data: bytes, units: list[Unit]) -> Plan:
    """The rows of the workbook's first sheet, each with its problems (nothing is saved)."""
    from openpyxl import load_workbook

    if len(data) > MAX_BYTES:
        return Plan([], [f"Tệp quá lớn (tối đa {MAX_BYTES // (1024 * 1024)} MB)."])
    try:
        book = load_workbook(BytesIO(data), data_only=False, read_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return Plan([], ["Không đọc được tệp: hãy chọn tệp Excel .xlsx."])
    sheet = book.worksheets[0]
    found = _columns(sheet)
    if found is None:
        return Plan([], ["Không thấy dòng tiêu đề có cột “Nội dung nhiệm vụ” và “Cơ quan chủ trì” trong 12 dòng đầu."])
    heading_row, columns = found
    names = UnitNames(units)
    merged = [r for r in sheet.merged_cells.ranges if r.max_row > heading_row]
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=heading_row + 1), start=heading_row + 1):
        values = {c: cells[i] if i < len(cells) else None for c, i in columns.items()}
        if not any(_text(cell.value) for cell in values.values() if cell is not None):
            continue
        if len(rows) >= MAX_ROWS:
            return Plan(rows, [f"Danh sách dài quá {so(MAX_ROWS)} dòng: hãy chia thành nhiều tệp."])
        rows.append(_row(number, values, columns, merged, names))
    if not rows:
        return Plan([], ["Không có dòng nhiệm vụ nào dưới dòng tiêu đề."])
    return Plan(rows, [])


def _row(number: int, values: dict, columns: dict[str, int], merged: list, names: UnitNames) -> Row:
    """One spreadsheet row read: a formula or a merged cell stops it there; otherwise each column, with its
    problems named by cell."""
    row = Row(number)
    for cell in values.values():
        if cell is not None and cell.data_type == "f":
            row.problems.append(f"{cell.coordinate}: Ô chứa công thức; hãy dán giá trị (Paste Values) rồi nhập lại.")
    for span in merged:
        if span.min_row <= number <= span.max_row and any(span.min_col <= i + 1 <= span.max_col
                                                         for i in columns.values()):
            row.problems.append(f"{span.coord}: Ô gộp; hãy bỏ gộp ô để mỗi dòng là một nhiệm vụ.")
    if row.problems:
        return row
    cell_of = {c: f"{_letter(i)}{number}" for c, i in columns.items()}
    row.content = _text(values["content"].value)
    if not row.content:
        row.problems.append(f"{cell_of['content']}: Thiếu nội dung nhiệm vụ.")
    row.lead_text = _text(values["lead"].value)
    leads = _units(names, row.lead_text, cell_of["lead"], row) if row.lead_text else []
    if not row.lead_text:
        row.problems.append(f"{cell_of['lead']}: Thiếu cơ quan chủ trì.")
    elif len(leads) > 1:
        row.problems.append(f"{cell_of['lead']}: Mỗi nhiệm vụ một cơ quan chủ trì; các cơ quan khác ghi ở cột phối hợp.")
    row.lead = leads[0] if len(leads) == 1 else None
    if "coordinators" in columns:
        row.coordinators_text = _text(values["coordinators"].value)
        row.coordinators = _units(names, row.coordinators_text, cell_of["coordinators"], row)
    if "deadline" in columns:
        _deadline(row, values["deadline"].value, cell_of["deadline"])
    if "status" in columns:
        row.status_text = _text(values["status"].value)
    return row


def _drafts(rows: list[Row]) -> list[TaskDraft]:
    return [TaskDraft(r.content, r.lead, r.coordinators, deadline=r.deadline, recurrence=r.recurrence) for r in rows]


class _Trial(Exception):
    """Rolls back a trial assignment."""


def preview(actor, assigned_by: Unit, issued_on: date, data: bytes) -> Plan:
    """The rows read, each also tried through the service (and rolled back), so that what it would refuse —
    a deadline before the day given, a unit outside the assigner's reach — is named on its row."""
    if not task_policy.may_assign_for(actor, assigned_by):
        raise Refused("Bạn không có quyền giao nhiệm vụ thay mặt đơn vị này.")
    plan = read(data, list(Unit.objects.filter(root_id=assigned_by.root_id)))
    for row in plan.rows:
        if row.problems:
            continue
        try:
            with transaction.atomic():
                assign_tasks(actor, assigned_by=assigned_by, drafts=_drafts([row]), issued_on=issued_on)
                raise _Trial
        except _Trial:
            pass
        except (ValidationError, PermissionDenied) as error:
            row.problems.extend(getattr(error, "messages", [str(error)]))
    if plan.ok:
        plan.signed = signing.dumps({
            "by": assigned_by.pk, "on": issued_on.isoformat(),
            "rows": [[r.content, r.lead.pk, [u.pk for u in r.coordinators],
                      r.deadline.isoformat() if r.deadline else "", r.recurrence] for r in plan.rows]},
            salt=SIGNING_SALT, compress=True)
    return plan


def confirm(actor, signed: str, max_age: int = 3600) -> list:
    """Assign every row of a preview, all in one transaction (the service checks each again)."""
    try:
        data = signing.loads(signed, salt=SIGNING_SALT, max_age=max_age)
    except signing.BadSignature:
        raise ValidationError("Bản xem trước đã hết hạn hoặc bị sửa; hãy tải tệp lên lại.")
    units = Unit.objects.in_bulk({u for row in data["rows"] for u in [row[1], *row[2]]} | {data["by"]})
    drafts = [TaskDraft(content, units[lead], [units[u] for u in helpers],
                        deadline=date.fromisoformat(deadline) if deadline else None, recurrence=recurrence)
              for content, lead, helpers, deadline, recurrence in data["rows"]]
    with transaction.atomic():
        return assign_tasks(actor, assigned_by=units[data["by"]], drafts=drafts,
                            issued_on=date.fromisoformat(data["on"]))
