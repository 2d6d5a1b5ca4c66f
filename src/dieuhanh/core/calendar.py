"""Working days for Vietnamese State bodies (Mon–Fri, minus holidays and days off in lieu,
plus make-up Saturdays), and the Civil Code rule that a deadline falling on a day off
moves to the next working day (Bộ luật Dân sự 2015, Điều 148).

The `holidays` package supplies lunar Tết, Giỗ Tổ and the yearly day swaps; settings add the
yearly decisions it does not know yet and drop holidays whose legal basis is pending.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_MAX_SCAN = 400  # a run of days off never comes close; guards against a bad configuration


def today() -> date:
    """Today in Vietnam, whatever the server's clock zone."""
    return timezone.now().astimezone(VN_TZ).date()


def _dates(values) -> frozenset[date]:
    return frozenset(date.fromisoformat(v) if isinstance(v, str) else v for v in values)


@lru_cache(maxsize=64)
def _year_calendar(year: int, extra_off: frozenset, extra_work: frozenset, ignored: frozenset):
    vn = holidays.VN(years=year, language="vi")
    days_off = {d for d in vn if d not in ignored} | {d for d in extra_off if d.year == year}
    working_weekend = {d for d in getattr(vn, "weekend_workdays", ()) if d.year == year}
    working_weekend |= {d for d in extra_work if d.year == year}
    names = {d: vn.get(d) for d in days_off if d in vn}
    return frozenset(days_off - extra_work), frozenset(working_weekend), names


def _calendar(year: int):
    return _year_calendar(
        year,
        _dates(settings.DIEUHANH_EXTRA_DAYS_OFF),
        _dates(settings.DIEUHANH_EXTRA_WORKING_DAYS),
        _dates(settings.DIEUHANH_IGNORED_HOLIDAYS),
    )


def is_working_day(day: date) -> bool:
    days_off, working_weekend, _ = _calendar(day.year)
    if day in working_weekend:
        return True
    return day.weekday() < 5 and day not in days_off


def holiday_name(day: date) -> str | None:
    return _calendar(day.year)[2].get(day)


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, otherwise the first working day after it."""
    for _ in range(_MAX_SCAN):
        if is_working_day(day):
            return day
        day += timedelta(days=1)
    raise ValueError("Lịch ngày làm việc không hợp lệ: không tìm thấy ngày làm việc.")


def previous_working_day(day: date) -> date:
    """The last working day strictly before `day`."""
    day -= timedelta(days=1)
    for _ in range(_MAX_SCAN):
        if is_working_day(day):
            return day
        day -= timedelta(days=1)
    raise ValueError("Lịch ngày làm việc không hợp lệ: không tìm thấy ngày làm việc.")


def effective_deadline(deadline: date) -> date:
    """Điều 148 BLDS: a period whose last day is a day off ends on the next working day."""
    return next_working_day(deadline)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (the start day itself is not counted, Điều 147)."""
    if n < 0:
        raise ValueError("Số ngày làm việc phải không âm.")
    day = start
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def subtract_working_days(end: date, n: int) -> date:
    """The day n working days before `end`: the last day a task could be given and still be within n
    working days of `end`."""
    day, counted = end, 0
    while counted < n:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for i in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=i)))


def as_local_date(moment: datetime) -> date:
    return moment.astimezone(VN_TZ).date()


def _office_periods() -> list[tuple[int, int]]:
    """Office hours as (start, end) minutes of the day, from settings ("07:30-11:30,13:00-17:00")."""
    periods = []
    for part in settings.DIEUHANH_OFFICE_HOURS.split(","):
        start, end = (int(h) * 60 + int(m) for h, m in (t.split(":") for t in part.strip().split("-")))
        periods.append((start, end))
    return sorted(periods)


def add_working_hours(start: datetime, hours: float) -> datetime:
    """The moment `hours` of office time after `start`, skipping nights, weekends and holidays."""
    moment = start.astimezone(VN_TZ)
    periods = _office_periods()
    left = round(hours * 60)
    day = moment.date()
    minute = moment.hour * 60 + moment.minute
    for _ in range(_MAX_SCAN):
        if is_working_day(day):
            for begin, end in periods:
                begin = max(begin, minute)
                if begin >= end:
                    continue
                if left <= end - begin:
                    return datetime.combine(day, datetime.min.time(), tzinfo=VN_TZ) + timedelta(minutes=begin + left)
                left -= end - begin
        day, minute = day + timedelta(days=1), 0
    raise ValueError("Lịch làm việc không có giờ hành chính nào.")
