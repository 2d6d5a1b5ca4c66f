from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dieuhanh.intake.dates import deadline_in, place_and_date, recurrence_in


@pytest.mark.parametrize("text, year, expected", [
    ("hoàn thành trước ngày 30/9/2023", None, date(2023, 9, 30)),
    ("báo cáo trước ngày 10/8/2018", None, date(2018, 8, 10)),
    ("tổng hợp, báo cáo UBND tỉnh trước ngày 20.7.2021", None, date(2021, 7, 20)),
    ("thực hiện trong tháng 10/2023", None, date(2023, 10, 31)),
    ("hoàn thành trong quý IV/2023", None, date(2023, 12, 31)),
    ("xong trong quý 2 năm 2024", None, date(2024, 6, 30)),
    ("gửi trước 15/12", 2023, date(2023, 12, 15)),
    ("gửi trước 15/12", None, None),
    ("hoàn thành trong năm 2022", None, date(2022, 12, 31)),
    ("tại kỳ họp dự kiến vào tháng 6 tới", 2021, date(2021, 6, 30)),
    ("chậm nhất vào 10h00' ngày thứ Ba của tuần kế tiếp", 2018, None),
    ("trước ngày 31/2/2023", None, None),
])
def test_deadlines(text, year, expected):
    assert deadline_in(text, year) == expected


@pytest.mark.parametrize("text, expected", [
    ("báo cáo định kỳ hàng năm", "yearly"), ("hằng năm", "yearly"), ("định kỳ 6 tháng", "yearly"),
    ("hàng tuần, hàng tháng phải có sản phẩm", "weekly"), ("thực hiện thường xuyên", "ongoing"),
    ("báo cáo hằng quý", "quarterly"), ("trước ngày 30/9/2023", None),
])
def test_recurrence(text, expected):
    assert recurrence_in(text) == expected


def test_place_date_line_also_broken_over_two_lines():
    assert place_and_date("Số: 8124/KH-UBND\n|\nLâm Đồng, ngày 18\ntháng 9 năm 2023\n") == ("Lâm Đồng", date(2023, 9, 18))
    assert place_and_date("Thừa Thiên Huế, ngày 13 tháng 5 năm 2022") == ("Thừa Thiên Huế", date(2022, 5, 13))


@given(st.text(max_size=80), st.one_of(st.none(), st.integers(1900, 2100)))
def test_deadline_parser_never_raises(text, year):
    deadline_in(text, year)
    recurrence_in(text)
    place_and_date(text)
