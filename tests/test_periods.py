"""Reporting periods: keys, labels, dates, and the words documents use."""

from datetime import date

import pytest

from dieuhanh.core import periods
from dieuhanh.core.periods import Period, PeriodError


@pytest.mark.parametrize("key, label, start, end", [
    ("2021", "năm 2021", date(2021, 1, 1), date(2021, 12, 31)),
    ("2021-H1", "6 tháng đầu năm 2021", date(2021, 1, 1), date(2021, 6, 30)),
    ("2021-H2", "6 tháng cuối năm 2021", date(2021, 7, 1), date(2021, 12, 31)),
    ("2021-9M", "9 tháng năm 2021", date(2021, 1, 1), date(2021, 9, 30)),
    ("2021-Q3", "quý III/2021", date(2021, 7, 1), date(2021, 9, 30)),
    ("2024-02", "tháng 2/2024", date(2024, 2, 1), date(2024, 2, 29)),
])
def test_a_key_names_one_period(key, label, start, end):
    p = periods.parse(key)
    assert (p.key, p.label, p.start, p.end) == (key, label, start, end)


@pytest.mark.parametrize("bad", ["2021-13", "2021-Q5", "2021-H3", "21", "2021-9m-x", "", "năm ngoái"])
def test_a_period_that_does_not_exist_is_refused_in_vietnamese(bad):
    with pytest.raises(PeriodError, match="Kỳ"):
        periods.parse(bad)


def test_same_period_last_year_and_share_of_the_year():
    p = periods.parse("2021-9M")
    assert p.same_period_last_year() == Period(2020, "nine")
    assert p.share_of_year == 0.75
    assert p.year_period() == Period(2021, "year")


@pytest.mark.parametrize("text, year, key", [
    ("9 tháng 2021", None, "2021-9M"),
    ("9 tháng đầu năm 2021", None, "2021-9M"),
    ("6 tháng 2023", None, "2023-H1"),
    ("6 tháng đầu năm", 2022, "2022-H1"),
    ("6 tháng cuối năm 2020", None, "2020-H2"),
    ("quý III/2021", None, "2021-Q3"),
    ("quý 2", 2024, "2024-Q2"),
    ("tháng 7/2020 - tháng 9/2020", None, "2020-Q3"),
    ("tháng 10/2021", None, "2021-10"),
    ("2020", None, "2020"),
])
def test_the_words_of_a_document_name_a_period(text, year, key):
    assert periods.from_text(text, year).key == key


def test_words_without_a_period_or_a_year_give_none():
    assert periods.from_text("6 tháng đầu năm") is None
    assert periods.from_text("giai đoạn 2021-2025") is None
    assert periods.from_text("tháng 3/2020 - tháng 8/2020") is None


@pytest.mark.parametrize("day, key", [(date(2026, 11, 23), "2026-9M"), (date(2026, 8, 1), "2026-H1"),
                                      (date(2026, 5, 2), "2026-Q1"), (date(2026, 2, 1), "2025")])
def test_the_latest_report_period_is_the_last_cumulative_one_finished(day, key):
    assert periods.latest_report(day).key == key


def test_a_report_period_may_be_an_iso_week_or_a_range():
    week = periods.parse_report_period("2027-W06")
    assert (week.start, week.end) == (date(2027, 2, 8), date(2027, 2, 14))
    assert periods.parse_report_period("2021-01-01..2021-09-30").label == "từ ngày 01/01/2021 đến ngày 30/09/2021"
    with pytest.raises(PeriodError, match="không tồn tại"):
        periods.parse_report_period("2021-W60")
