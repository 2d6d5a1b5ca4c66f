"""Reporting periods (kỳ báo cáo): year, 6 months, 9 months, quarter, month.

Plain Python. A period has one key used in URLs, files and the database ("2021", "2021-H1",
"2021-H2", "2021-9M", "2021-Q3", "2021-10") and one Vietnamese label ("9 tháng năm 2021").
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
KINDS = {"year": "Năm", "half": "6 tháng", "nine": "9 tháng", "quarter": "Quý", "month": "Tháng"}


class PeriodError(ValueError):
    """A period that does not exist; the message is Vietnamese, for the user."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # year | half | nine | quarter | month
    number: int = 1  # the half, quarter or month; 1 for year and nine months

    def __post_init__(self):
        limits = {"year": 1, "nine": 1, "half": 2, "quarter": 4, "month": 12}
        if self.kind not in limits:
            raise PeriodError(f"Loại kỳ không hợp lệ: {self.kind}.")
        if not 1 <= self.number <= limits[self.kind]:
            raise PeriodError(f"Kỳ không tồn tại: {KINDS[self.kind].lower()} {self.number}.")
        if not 1900 <= self.year <= 2200:
            raise PeriodError(f"Năm không hợp lệ: {self.year}.")

    @property
    def key(self) -> str:
        return {"year": f"{self.year}", "half": f"{self.year}-H{self.number}", "nine": f"{self.year}-9M",
                "quarter": f"{self.year}-Q{self.number}", "month": f"{self.year}-{self.number:02d}"}[self.kind]

    @property
    def label(self) -> str:
        return {"year": f"năm {self.year}",
                "half": f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}",
                "nine": f"9 tháng năm {self.year}",
                "quarter": f"quý {ROMAN.get(self.number)}/{self.year}",
                "month": f"tháng {self.number}/{self.year}"}[self.kind]

    @property
    def first_month(self) -> int:
        return {"year": 1, "nine": 1, "half": 6 * self.number - 5, "quarter": 3 * self.number - 2,
                "month": self.number}[self.kind]

    @property
    def months(self) -> int:
        return {"year": 12, "nine": 9, "half": 6, "quarter": 3, "month": 1}[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        last = self.first_month + self.months - 1
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    def month_periods(self) -> list["Period"]:
        """The months it covers, in order."""
        return [Period(self.year, "month", m) for m in range(self.first_month, self.first_month + self.months)]

    @property
    def share_of_year(self) -> float:
        """The part of a yearly plan this period should bring in when the plan accrues evenly."""
        return self.months / 12

    def same_period_last_year(self) -> "Period":
        return Period(self.year - 1, self.kind, self.number)

    def year_period(self) -> "Period":
        return Period(self.year, "year")

    def __str__(self):
        return self.label


@dataclass(frozen=True)
class DateRange:
    """A report over any dates ("2021-01-01..2021-09-30"), with the same reading as a Period."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise PeriodError(f"Ngày kết thúc {self.end:%d/%m/%Y} trước ngày bắt đầu {self.start:%d/%m/%Y}.")

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        return f"từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"

    @property
    def year(self) -> int:
        return self.end.year

    def month_periods(self) -> list["Period"]:
        """The months it covers, in order."""
        return [Period(self.year, "month", m) for m in range(self.first_month, self.first_month + self.months)]

    @property
    def share_of_year(self) -> float:
        return min(1.0, ((self.end - self.start).days + 1) / 365)

    def same_period_last_year(self) -> "DateRange":
        return DateRange(_year_back(self.start), _year_back(self.end))

    def year_period(self) -> Period:
        return Period(self.end.year, "year")

    def __str__(self):
        return self.label


def week_start(day: date) -> date:
    """The Monday of the day's week (an office's week runs Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def _year_back(day: date) -> date:
    return day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year - 1)


def parse_report_period(key: str) -> Period | DateRange:
    """What a report accepts: a period key, an ISO week `2021-W05`, or a range `2021-01-01..2021-09-30`."""
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", (key or "").strip()):
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError as e:
            raise PeriodError(f"Tuần “{key}” không tồn tại.") from e
        return DateRange(monday, monday + timedelta(days=6))
    if ".." in (key or ""):
        first, _, last = key.strip().partition("..")
        try:
            start, end = date.fromisoformat(first), date.fromisoformat(last)
        except ValueError as e:
            raise PeriodError(f"Khoảng ngày “{key}” không đúng mẫu YYYY-MM-DD..YYYY-MM-DD.") from e
        return DateRange(start, end)
    return parse(key)


KEY = re.compile(r"^(\d{4})(?:-(?:(H)([12])|(9M)|(Q)([1-4])|(\d{2})))?$", re.IGNORECASE)


def parse(key: str) -> Period:
    """`2021`, `2021-H1`, `2021-9M`, `2021-Q3`, `2021-10` → Period; anything else → PeriodError."""
    m = KEY.match((key or "").strip())
    if not m:
        raise PeriodError(f"Kỳ “{key}” không đúng mẫu (ví dụ: 2021, 2021-H1, 2021-9M, 2021-Q3, 2021-10).")
    year = int(m.group(1))
    if m.group(2):
        return Period(year, "half", int(m.group(3)))
    if m.group(4):
        return Period(year, "nine")
    if m.group(5):
        return Period(year, "quarter", int(m.group(6)))
    if m.group(7):
        return Period(year, "month", int(m.group(7)))
    return Period(year, "year")


def containing(day: date, kind: str) -> Period:
    """The period of `kind` that contains `day` (for nine months: the year's, whatever the day)."""
    number = {"year": 1, "nine": 1, "half": 1 if day.month <= 6 else 2, "quarter": (day.month - 1) // 3 + 1,
              "month": day.month}[kind]
    return Period(day.year, kind, number)


def latest_report(day: date) -> Period:
    """The last cumulative period finished by `day` — what the next report reads: 9 months from
    October, 6 months from July, the first quarter from April, else last year."""
    if day.month >= 10:
        return Period(day.year, "nine")
    if day.month >= 7:
        return Period(day.year, "half", 1)
    if day.month >= 4:
        return Period(day.year, "quarter", 1)
    return Period(day.year - 1, "year")


def choices(year: int) -> list[Period]:
    """The periods a selector offers for one year, longest first."""
    return ([Period(year, "year"), Period(year, "nine"), Period(year, "half", 1), Period(year, "half", 2)]
            + [Period(year, "quarter", q) for q in range(1, 5)] + [Period(year, "month", m) for m in range(1, 13)])


_ROMAN_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_TEXT_RULES = [
    (re.compile(r"9\s*tháng(?:\s*đầu)?(?:\s*năm)?\s*(\d{4})?"), lambda y, m: Period(y, "nine")),
    (re.compile(r"6\s*tháng\s*(cuối)(?:\s*năm)?\s*(\d{4})?"), lambda y, m: Period(y, "half", 2)),
    (re.compile(r"6\s*tháng(?:\s*đầu)?(?:\s*năm)?\s*(\d{4})?"), lambda y, m: Period(y, "half", 1)),
    (re.compile(r"quý\s*(i{1,3}|iv|[1-4])\b(?:\s*(?:/|năm)\s*(\d{4}))?"),
     lambda y, m: Period(y, "quarter", _ROMAN_NUMBER.get(m.group(1)) or int(m.group(1)))),
]
_MONTH_RANGE = re.compile(r"tháng\s*(\d{1,2})\s*/\s*(\d{4})\s*[-–]\s*tháng\s*(\d{1,2})\s*/\s*(\d{4})")
_MONTH = re.compile(r"tháng\s*(\d{1,2})\s*/\s*(\d{4})")
_YEAR = re.compile(r"^(?:năm\s*)?(\d{4})$")


def from_text(text: str, default_year: int | None = None) -> Period | None:
    """The period a document names in words ("9 tháng 2021", "6 tháng đầu năm", "quý III/2021",
    "tháng 7/2020 - tháng 9/2020", "2020"); None when the words name no single period."""
    t = (text or "").strip().lower()
    if not t:
        return None
    if m := _MONTH_RANGE.search(t):
        first, year, last = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if year == int(m.group(4)):
            for p in [Period(year, "quarter", q) for q in range(1, 5)] + [Period(year, "half", h) for h in (1, 2)]:
                if (p.first_month, p.first_month + p.months - 1) == (first, last):
                    return p
            if first == 1 and last == 9:
                return Period(year, "nine")
        return None
    if m := _MONTH.search(t):
        try:
            return Period(int(m.group(2)), "month", int(m.group(1)))
        except PeriodError:
            return None
    if m := _YEAR.match(t):
        return Period(int(m.group(1)), "year")
    for pattern, build in _TEXT_RULES:
        if m := pattern.search(t):
            named = m.group(m.lastindex) if m.lastindex else None
            year = int(named) if named and named.isdigit() and len(named) == 4 else default_year
            return build(year, m) if year else None
    return None
