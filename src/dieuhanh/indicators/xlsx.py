"""The indicator XLSX template: one sheet "So lieu", one row per figure, documented in a second
sheet "Huong dan". Import is all or nothing: every bad cell is listed by row and column in
Vietnamese and nothing is written unless the whole file is clean."""

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from zipfile import BadZipFile

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from dieuhanh.core import periods
from dieuhanh.core.errors import Refused
from dieuhanh.core.numbers import parse_decimal
from dieuhanh.core.sheets import safe_row
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope

from . import policy, services
from .models import Actual, Indicator, Target
from .queries import visible_indicators

SHEET = "So lieu"
HEADERS = ["Mã chỉ tiêu", "Tên chỉ tiêu", "Mã đơn vị", "Kỳ", "Loại số liệu", "Giá trị", "Mẫu số", "Ghi chú"]
KINDS = {"kế hoạch": "plan", "ke hoach": "plan", "kh": "plan", "thực hiện": "actual", "thuc hien": "actual",
         "th": "actual"}
GUIDE = [
    ("Mã chỉ tiêu", "Bắt buộc. Mã trong danh mục chỉ tiêu (ví dụ TNS)."),
    ("Tên chỉ tiêu", "Không bắt buộc, để người đọc dễ đối chiếu; không được dùng khi nhập."),
    ("Mã đơn vị", "Bắt buộc. Mã đơn vị báo cáo số liệu (ví dụ ht-ubnd)."),
    ("Kỳ", "Bắt buộc: 2021 (năm), 2021-H1, 2021-H2 (6 tháng), 2021-9M (9 tháng), 2021-Q3 (quý), 2021-10 (tháng)."),
    ("Loại số liệu", "Bắt buộc: “Kế hoạch” hoặc “Thực hiện”."),
    ("Giá trị", "Bắt buộc. Số, không dùng công thức; dấu phẩy thập phân hoặc số của Excel đều được."),
    ("Mẫu số", "Chỉ cho chỉ tiêu dạng x/y (ví dụ 31 trong “21/31”)."),
    ("Ghi chú", "Không bắt buộc, tối đa 300 ký tự."),
    ("", "Không gộp ô, không đổi tên hay thứ tự cột. Một dòng lỗi thì cả tệp không được nhập."),
]
MAX_ROWS = 50_000


class ImportErrors(ValidationError):
    """Every problem found, as "Dòng 5, cột F (Giá trị): …"."""


@dataclass
class Row:
    number: int
    indicator: Indicator
    unit: Unit
    period: str
    kind: str
    value: Decimal
    denominator: Decimal | None
    note: str


def template(rows: list[list] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(safe_row(HEADERS))
    for r in rows or []:
        ws.append(safe_row(r))
    for i, width in enumerate([14, 48, 16, 10, 14, 16, 10, 30], start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    guide = wb.create_sheet("Huong dan")
    guide.append(safe_row(["Cột", "Cách ghi"]))
    for line in GUIDE:
        guide.append(safe_row(list(line)))
    guide.column_dimensions["A"].width = 16
    guide.column_dimensions["B"].width = 110
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def export(indicators, unit: Unit, period: periods.Period) -> bytes:
    """Plans and values of the subtree for one period, in the import layout (numbers as numbers)."""
    rows = []
    for model, label in ((Target, "Kế hoạch"), (Actual, "Thực hiện")):
        figures = (model.objects.filter(indicator__in=indicators, unit__path__startswith=unit.path, period=period.key)
                   .select_related("indicator", "unit").order_by("indicator__position", "indicator__code", "unit__path"))
        for f in figures:
            rows.append([f.indicator.code, f.indicator.name, f.unit.code, f.period, label,
                         float(f.value) if f.value is not None else None,
                         float(f.denominator) if f.denominator is not None else None, f.note])
    return template(rows)


def _number(raw) -> Decimal:
    """A number cell, or text written the Vietnamese way ("11.710,5")."""
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, (int, float)):
        return Decimal(str(raw))
    value = parse_decimal(str(raw))
    if value is None:
        raise ValueError
    return value


def read(data: bytes, actor) -> list[Row]:
    """Parse and check the whole file; raise ImportErrors listing every problem."""
    try:
        wb = load_workbook(BytesIO(data), data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as e:
        raise ImportErrors(["Tệp không phải bảng tính Excel (.xlsx) hợp lệ."]) from e
    if SHEET not in wb.sheetnames:
        raise ImportErrors([f"Không có trang tính “{SHEET}” (hãy dùng tệp mẫu)."])
    ws = wb[SHEET]
    errors = []
    header = [str(c.value or "").strip() for c in ws[1]][:len(HEADERS)]
    if header != HEADERS:
        raise ImportErrors([f"Dòng 1: tiêu đề cột phải là “{' | '.join(HEADERS)}”; tệp có “{' | '.join(header)}”."])
    for merged in ws.merged_cells.ranges:
        errors.append(f"Ô {merged.coord}: không được gộp ô.")
    if ws.max_row > MAX_ROWS + 1:
        raise ImportErrors([f"Tệp có {ws.max_row - 1} dòng; tối đa {MAX_ROWS} dòng mỗi lần nhập."])
    scope = Scope.of(actor)
    # Only indicators this user may see: a file never reaches, or names, another province's indicator.
    indicators = {i.code: i for i in visible_indicators(actor).select_related("unit")}
    units = {u.code: u for u in scope.readable_units()}
    rows, seen = [], {}
    for cells in ws.iter_rows(min_row=2):
        n = cells[0].row
        values = [c.value for c in cells[:len(HEADERS)]] + [None] * (len(HEADERS) - len(cells))
        if all(v in (None, "") for v in values):
            continue
        problems = []

        def bad(col: int, text: str):
            problems.append(f"Dòng {n}, cột {get_column_letter(col + 1)} ({HEADERS[col]}): {text}")

        for c in cells[:len(HEADERS)]:
            if c.data_type == "f":
                bad(c.column - 1, "là công thức; hãy dán giá trị.")
        code, _, unit_code, period, kind, value, denominator, note = values
        unit = units.get(str(unit_code or "").strip())
        if unit is None:
            bad(2, f"không có đơn vị mã “{unit_code or ''}” trong phạm vi của bạn.")
        indicator = indicators.get(str(code or "").strip().upper())
        if indicator is None:
            bad(0, f"không có chỉ tiêu mã “{code or ''}” trong phạm vi của bạn.")
        try:
            period = periods.parse(str(period or "")).key
        except periods.PeriodError as e:
            bad(3, str(e))
        kind = KINDS.get(str(kind or "").strip().lower())
        if kind is None:
            bad(4, "phải là “Kế hoạch” hoặc “Thực hiện”.")
        number = den = None
        if value in (None, ""):
            bad(5, "trống.")
        else:
            try:
                number = _number(value)
            except ValueError:
                bad(5, f"“{value}” không phải là số.")
        if denominator not in (None, ""):
            try:
                den = _number(denominator)
            except ValueError:
                bad(6, f"“{denominator}” không phải là số.")
        if not problems:
            try:
                services.checked_figure(indicator, unit, period, number, den)
                allowed = policy.may_plan if kind == "plan" else policy.may_report
                if not allowed(scope, indicator, unit):
                    raise Refused
            except ValidationError as e:
                bad(5, " ".join(e.messages))
            except PermissionDenied:
                bad(2, f"bạn không có quyền nhập {'kế hoạch' if kind == 'plan' else 'số liệu'} cho đơn vị này.")
        key = (code, unit_code, period, kind)
        if not problems and key in seen:
            problems.append(f"Dòng {n}: trùng với dòng {seen[key]} (cùng chỉ tiêu, đơn vị, kỳ và loại).")
        seen.setdefault(key, n)
        if problems:
            errors.extend(problems)
        else:
            rows.append(Row(n, indicator, unit, period, kind, number, den, str(note or "")[:300]))
    if errors:
        raise ImportErrors(errors)
    if not rows:
        raise ImportErrors(["Tệp không có dòng số liệu nào."])
    return rows


@transaction.atomic
def import_file(data: bytes, actor) -> int:
    rows = read(data, actor)
    for r in rows:
        if r.kind == "plan":
            services.set_target(actor, r.indicator, r.unit, r.period, r.value, denominator=r.denominator, note=r.note)
        else:
            services.record_actual(actor, r.indicator, r.unit, r.period, r.value, denominator=r.denominator,
                                   note=r.note, source=Actual.Source.IMPORT, reported_by=actor.get_full_name())
    return len(rows)
