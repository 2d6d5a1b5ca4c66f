"""Dates, deadlines and rhythms in Vietnamese administrative text."""

import calendar
import re
from datetime import date

PLACE_DATE_LINE = re.compile(
    r"^\s*([A-ZĐÀ-Ỹ][^\n,]{1,40}),\s*ngày\s+(\d{1,2})\s*(?:\n\s*)?tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)",
    re.MULTILINE)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}

DEADLINE_BEFORE_DATE = re.compile(
    r"(?:trước|chậm nhất|hoàn thành)(?: (?:trong|vào))?(?: ngày)?\s+(\d{1,2})\s*([/.])\s*(\d{1,2})(?:\s*\2\s*((?:19|20)\d\d))?",
    re.IGNORECASE)
DEADLINE_IN_MONTH = re.compile(r"(?:trong|trước|cuối) tháng\s+(\d{1,2})\s*(?:/|năm)\s*((?:19|20)\d\d)", re.IGNORECASE)
DEADLINE_IN_QUARTER = re.compile(r"(?:trong|trước|cuối) qu[ýí]\s+(IV|III|II|I|[1-4])\s*(?:/|năm)\s*((?:19|20)\d\d)",
                                 re.IGNORECASE)
DEADLINE_IN_YEAR = re.compile(r"(?:trong|trước|cuối) năm\s+((?:19|20)\d\d)", re.IGNORECASE)
WRITTEN_DATE = re.compile(r"(?:trước|chậm nhất|hoàn thành)(?: (?:trong|vào))?\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)",
                          re.IGNORECASE)
DEADLINE_MONTH_AHEAD = re.compile(r"(?:trong )?tháng\s+(\d{1,2})\s+(?:tới|này)", re.IGNORECASE)

RECURRENCES = [  # finest first: "hàng tuần, hàng tháng" → weekly
    ("weekly", re.compile(r"h[àằ]ng tuần|định kỳ (?:hằng |hàng )?tuần", re.IGNORECASE)),
    ("monthly", re.compile(r"h[àằ]ng tháng|định kỳ (?:hằng |hàng )?tháng(?! \d)", re.IGNORECASE)),
    ("quarterly", re.compile(r"h[àằ]ng quý|định kỳ (?:hằng |hàng )?quý", re.IGNORECASE)),
    # "chi thường xuyên", "kinh phí thường xuyên": the budget's recurrent spending, not a rhythm of work.
    ("ongoing", re.compile(r"(?<!\bchi )(?<!kinh phí )thường xuyên", re.IGNORECASE)),
    ("yearly", re.compile(r"h[àằ]ng năm|định kỳ (?:hằng |hàng )?năm|định kỳ 6 tháng|hằng kỳ", re.IGNORECASE)),
]


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except (ValueError, TypeError):
        return None


def month_end(year: int, month: int) -> date | None:
    if not 1 <= int(month) <= 12:
        return None
    return date(int(year), int(month), calendar.monthrange(int(year), int(month))[1])


def place_and_date(text: str) -> tuple[str, date] | None:
    """The place-date line: "Hà Tĩnh, ngày 28 tháng 8 năm 2023"."""
    m = PLACE_DATE_LINE.search(text)
    if not m:
        return None
    day = safe_date(m.group(4), m.group(3), m.group(2))
    return (m.group(1).strip(), day) if day else None


def deadline_in(text: str, year: int | None = None) -> date | None:
    """The deadline a clause states, or None (relative deadlines stay None)."""
    m = WRITTEN_DATE.search(text)
    if m:  # "trước ngày 27 tháng 02 năm 2010"
        return safe_date(m.group(3), m.group(2), m.group(1))
    m = DEADLINE_BEFORE_DATE.search(text)
    if m and (m.group(4) or year):  # "20/7/2021" or, as the press writes it, "20.7.2021"
        return safe_date(m.group(4) or year, m.group(3), m.group(1))
    m = DEADLINE_IN_MONTH.search(text)
    if m:
        return month_end(int(m.group(2)), int(m.group(1)))
    m = DEADLINE_IN_QUARTER.search(text)
    if m:
        q = ROMAN.get(m.group(1).upper()) or int(m.group(1))
        return month_end(int(m.group(2)), 3 * q)
    m = DEADLINE_IN_YEAR.search(text)
    if m:
        return date(int(m.group(1)), 12, 31)
    m = DEADLINE_MONTH_AHEAD.search(text)
    if m and year:
        return month_end(year, int(m.group(1)))
    return None


# Every rhythm above contains one of these: most sentences name none and are passed over in one search.
RECURRENCE_HINT = re.compile(r"h[àằ]ng|định kỳ|thường xuyên", re.IGNORECASE)


def recurrence_in(text: str) -> str | None:
    if not RECURRENCE_HINT.search(text):
        return None
    for name, pattern in RECURRENCES:
        if pattern.search(text):
            return name
    return None


MONTH_END = re.compile(r"(?:cuối|trong|trước)?\s*tháng\s+(\d{1,2})\s*(?:/|năm)\s*((?:19|20)\d\d)", re.IGNORECASE)
QUARTERS = re.compile(r"qu[ýí]\s+((?:IV|III|II|I|[1-4])(?:\s*[,và-]+\s*(?:IV|III|II|I|[1-4]))*)\s*(?:/|-|năm)\s*((?:19|20)\d\d)",
                      re.IGNORECASE)
YEARS = re.compile(r"(?<![\d/.])((?:19|20)\d\d)(?![\d/])")
RELATIVE = re.compile(r"^(?:theo|sau khi|khi|ngay sau)\b", re.IGNORECASE)


def period_deadline(cell: str, year: int | None = None) -> tuple[date | None, str | None]:
    """A completion column or period: the last day of the last part it names. "Quí IV-2025" →
    31/12/2025; "Tháng 9/2027" → 30/9/2027; "Quý I, II/2027" → 30/6/2027; "2027 - 2028" → 31/12/2028;
    "Thường xuyên" → no date, ongoing; "Năm 2026 và các năm tiếp theo" → ongoing; "Tháng 12 hằng năm" →
    yearly; "Theo kế hoạch riêng", "Sau khi … ban hành" → nothing."""
    text = " ".join(cell.split())
    if not text or RELATIVE.match(text):
        return None, recurrence_in(text) if text else None
    recurrence = recurrence_in(text)
    if re.search(r"(?:các|những) năm tiếp theo", text, re.IGNORECASE):
        return None, "ongoing"
    if recurrence in {"yearly", "ongoing", "monthly", "quarterly", "weekly"}:
        return None, recurrence
    found = deadline_in(text, year)
    if found:
        return found, None
    last = None
    for m in QUARTERS.finditer(text):
        quarters = re.findall(r"IV|III|II|I|[1-4]", m.group(1).upper())
        q = max(ROMAN.get(x) or int(x) for x in quarters)
        last = month_end(int(m.group(2)), 3 * q)
    for m in MONTH_END.finditer(text):
        last = month_end(int(m.group(2)), int(m.group(1))) or last
    if last:
        return last, None
    years = YEARS.findall(text)
    if years:
        return date(int(years[-1]), 12, 31), None
    return None, None
