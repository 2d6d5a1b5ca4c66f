"""Periods of a recurring task: one occurrence per week, month, quarter or year."""

import calendar as _cal
from datetime import date, timedelta

from .status import Recurrence


def period_of(recurrence: str, day: date) -> tuple[str, date, date]:
    """(key, first day, last day) of the period containing `day`."""
    if recurrence == Recurrence.WEEKLY:
        start = day - timedelta(days=day.weekday())
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}", start, start + timedelta(days=6)
    if recurrence == Recurrence.MONTHLY:
        last = _cal.monthrange(day.year, day.month)[1]
        return f"{day.year}-{day.month:02d}", day.replace(day=1), day.replace(day=last)
    if recurrence == Recurrence.QUARTERLY:
        q = (day.month - 1) // 3 + 1
        start = date(day.year, 3 * q - 2, 1)
        end_month = 3 * q
        return f"{day.year}-Q{q}", start, date(day.year, end_month, _cal.monthrange(day.year, end_month)[1])
    if recurrence == Recurrence.YEARLY:
        return str(day.year), date(day.year, 1, 1), date(day.year, 12, 31)
    raise ValueError(f"Không phải nhiệm vụ định kỳ: {recurrence!r}")


def periods_between(recurrence: str, start: date, end: date):
    """Every period that overlaps [start, end], in order."""
    day = start
    while day <= end:
        key, first, last = period_of(recurrence, day)
        yield key, first, last
        day = last + timedelta(days=1)
