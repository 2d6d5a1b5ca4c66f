import pytest
from hypothesis import given
from hypothesis import strategies as st

from dieuhanh.documents.symbols import PARTY_KINDS, STATE_KINDS, SymbolError, parse_symbol


@pytest.mark.parametrize("raw, text, system, kind, issuer, year", [
    ("1029-TB/TU", "1029-TB/TU", "party", "TB", "TU", None),
    ("Số 1029 -TB/TU", "1029-TB/TU", "party", "TB", "TU", None),
    ("Số: 03-HD/TU", "03-HD/TU", "party", "HD", "TU", None),
    ("357-CV/BTCTU", "357-CV/BTCTU", "party", "CV", "BTCTU", None),
    ("445-KL/TƯ", "445-KL/TU", "party", "KL", "TU", None),
    ("36/2022/QĐ-UBND", "36/2022/QĐ-UBND", "state", "QĐ", "UBND", 2022),
    ("Số: 15/QĐ-UBND", "15/QĐ-UBND", "state", "QĐ", "UBND", None),
    ("1234/UBND-TH", "1234/UBND-TH", "state", "CV", "UBND", None),
    ("1029 /UBND-TH", "1029/UBND-TH", "state", "CV", "UBND", None),
    ("5/TTr-UBND", "05/TTr-UBND", "state", "TTr", "UBND", None),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "state", "NĐ", "CP", 2020),
])
def test_valid_symbols(raw, text, system, kind, issuer, year):
    s = parse_symbol(raw)
    assert (s.text, s.system, s.kind, s.issuer_code, s.year) == (text, system, kind, issuer, year)


def test_cv_in_a_state_symbol_is_accepted_and_flagged():
    s = parse_symbol("123/CV-UBND")
    assert s.kind == "CV" and s.flagged


def test_old_type_codes_are_read_and_never_emitted():
    s = parse_symbol("12/GN-UBND")
    assert s.kind == "BGN" and s.text == "12/BGN-UBND"


@pytest.mark.parametrize("raw", ["", "abc", "12/ABC", "1029-XX/TU", "0-TB/TU", "TB/TU", "12/2022/XYZ-UBND",
                                 "1029-TB", "/QĐ-UBND"])
def test_invalid_symbols_are_refused_in_vietnamese(raw):
    with pytest.raises(SymbolError) as error:
        parse_symbol(raw)
    assert any(word in str(error.value) for word in ("không", "Chưa", "phải"))


@given(st.text(max_size=60))
def test_parser_never_raises_anything_but_symbol_error(text):
    try:
        parse_symbol(text)
    except SymbolError:
        pass


codes = st.text(alphabet="ABCDEFGHIKLMNOPQRSTUVXYĐ", min_size=1, max_size=6)


@given(st.integers(1, 99999), st.sampled_from(sorted(set(PARTY_KINDS.values()))), codes)
def test_party_symbols_round_trip(number, kind, issuer):
    s = parse_symbol(f"{number}-{kind}/{issuer}")
    assert parse_symbol(s.text) == s


@given(st.integers(1, 99999), st.sampled_from(sorted(set(STATE_KINDS.values()))), codes,
       st.one_of(st.none(), st.integers(1990, 2099)))
def test_state_symbols_round_trip(number, kind, issuer, year):
    raw = f"{number}/{year}/{kind}-{issuer}" if year else f"{number}/{kind}-{issuer}"
    s = parse_symbol(raw)
    assert parse_symbol(s.text) == s
