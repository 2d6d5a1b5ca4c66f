import pytest
from hypothesis import given
from hypothesis import strategies as st

from dieuhanh.core.numbers import NUMBER_RE, format_number, parse_number


@pytest.mark.parametrize("text, value", [
    ("11.710", 11710), ("5,08", 5.08), ("1.894", 1894), ("24,023", 24.023), ("74.7", 74.7), ("44.123", 44123),
    ("25.271,9", 25271.9), ("128", 128), ("2.922", 2922),
])
def test_vietnamese_numbers(text, value):
    assert parse_number(text) == value


def test_numbers_are_found_in_running_text():
    found = [m.group(0) for m in NUMBER_RE.finditer("thu ngân sách đạt 11.710 tỷ đồng, bằng 96% dự toán; 1.894/2.053 nhà")]
    assert found == ["11.710", "96", "1.894", "2.053"]


@given(st.text(max_size=40))
def test_parser_never_raises(text):
    parse_number(text)


@given(st.integers(0, 10**12))
def test_integers_round_trip(n):
    assert parse_number(format_number(n)) == n


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_round_trip(d):
    value = float(d)
    if value.is_integer():
        return
    assert parse_number(format_number(value)) == pytest.approx(value)


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_whole_numbers_are_formatted_as_babel_formats_them(value):
    from babel.numbers import format_decimal

    from dieuhanh.core.numbers import so

    assert so(value) == format_decimal(value, locale="vi")
