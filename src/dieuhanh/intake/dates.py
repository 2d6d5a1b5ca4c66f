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
DEADLINE_IN_MONTH = re.compile(r"(?:trong|trước|cuối) tháng\s+(\d{1,2})\s*/\s*((?:19|20)\d\d)", re.IGNORECASE)
DEADLINE_IN_QUARTER = re.compile(r"(?:trong|trước|cuối) quý\s+(IV|III|II|I|[1-4])\s*(?:/|năm)\s*((?:19|20)\d\d)",
                                 re.IGNORECASE)
DEADLINE_IN_YEAR = re.compile(r"(?:trong|trước|cuối) năm\s+((?:19|20)\d\d)", re.IGNORECASE)
DEADLINE_MONTH_AHEAD = re.compile(r"(?:trong )?tháng\s+(\d{1,2})\s+(?:tới|này)", re.IGNORECASE)

RECURRENCES = [  # finest first: "hàng tuần, hàng tháng" → weekly
    ("weekly", re.compile(r"h[àằ]ng tuần|định kỳ (?:hằng |hàng )?tuần", re.IGNORECASE)),
    ("monthly", re.compile(r"h[àằ]ng tháng|định kỳ (?:hằng |hàng )?tháng(?! \d)", re.IGNORECASE)),
    ("quarterly", re.compile(r"h[àằ]ng quý|định kỳ (?:hằng |hàng )?quý", re.IGNORECASE)),
    ("yearly", re.compile(r"h[àằ]ng năm|định kỳ (?:hằng |hàng )?năm|định kỳ 6 tháng|hằng kỳ", re.IGNORECASE)),
    ("ongoing", re.compile(r"thường xuyên", re.IGNORECASE)),
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


def recurrence_in(text: str) -> str | None:
    for name, pattern in RECURRENCES:
        if pattern.search(text):
            return name
    return None
