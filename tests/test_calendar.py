from datetime import date

import pytest

from dieuhanh.core import calendar as cal


@pytest.mark.parametrize("day", [date(2026, 2, 16), date(2026, 2, 17), date(2026, 2, 18), date(2026, 2, 19),
                                 date(2026, 2, 20)])
def test_tet_2026_days_are_off(day):
    assert not cal.is_working_day(day)


def test_tet_2027_spans_29_tet_to_mung_5():
    assert [cal.is_working_day(date(2027, 2, d)) for d in range(3, 12)] == [
        True, False, False, False, False, False, False, False, True]


def test_deadline_on_tet_moves_to_the_first_working_day_after():
    assert cal.effective_deadline(date(2026, 2, 17)) == date(2026, 2, 23)
    assert cal.effective_deadline(date(2027, 2, 6)) == date(2027, 2, 11)


def test_deadline_over_30_4_and_1_5_moves_past_the_weekend():
    # 30/4/2026 Thursday and 1/5 Friday are holidays, then the weekend.
    assert cal.effective_deadline(date(2026, 4, 30)) == date(2026, 5, 4)
    assert cal.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)


def test_national_day_2026_and_its_swapped_days():
    assert not cal.is_working_day(date(2026, 9, 1))
    assert not cal.is_working_day(date(2026, 9, 2))
    assert not cal.is_working_day(date(2026, 8, 31))  # off in lieu of Saturday 22/8
    assert cal.is_working_day(date(2026, 8, 22))  # the make-up Saturday
    assert cal.effective_deadline(date(2026, 8, 29)) == date(2026, 9, 3)


def test_working_days_do_not_count_the_start_day():
    assert cal.add_working_days(date(2026, 1, 5), 5) == date(2026, 1, 12)
    assert cal.working_days_between(date(2026, 1, 5), date(2026, 1, 12)) == 5
    assert cal.working_days_between(date(2026, 1, 12), date(2026, 1, 5)) == -5


def test_ten_working_days_across_tet_2026():
    # Fri 13/2 is the 1st; 16–20/2 are Tết; 23/2 … 27/2 are the 2nd to 6th; 2/3 … 5/3 the 7th to 10th.
    assert cal.add_working_days(date(2026, 2, 12), 10) == date(2026, 3, 5)


def test_a_working_day_is_its_own_effective_deadline():
    assert cal.effective_deadline(date(2026, 3, 3)) == date(2026, 3, 3)


def test_settings_add_days_off_and_make_up_days(settings):
    cal._year_calendar.cache_clear()
    settings.DIEUHANH_EXTRA_DAYS_OFF = ["2026-03-03"]
    settings.DIEUHANH_EXTRA_WORKING_DAYS = ["2026-03-07"]
    assert not cal.is_working_day(date(2026, 3, 3))
    assert cal.is_working_day(date(2026, 3, 7))


def test_a_pending_holiday_can_be_ignored(settings):
    assert not cal.is_working_day(date(2026, 11, 24))
    settings.DIEUHANH_IGNORED_HOLIDAYS = ["2026-11-24"]
    assert cal.is_working_day(date(2026, 11, 24))


def test_holiday_name_is_vietnamese():
    assert "Tết" in cal.holiday_name(date(2026, 2, 17))
