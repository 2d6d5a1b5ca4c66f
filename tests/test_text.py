from hypothesis import given
from hypothesis import strategies as st

from dieuhanh.core.text import clean, fold


def test_fold_drops_diacritics_and_case():
    assert fold("Ban Tổ chức Tỉnh ủy") == "ban to chuc tinh uy"
    assert fold("ĐẢNG ỦY xã   Đồng Lộc") == "dang uy xa dong loc"


def test_both_tone_placements_are_the_same_word():
    assert clean("hoà") == clean("hòa") == "hòa"
    assert clean("Thanh Hoá") == "Thanh Hóa"
    assert clean("thuỷ lợi") == "thủy lợi"
    assert clean("khoẻ") == "khỏe"


def test_tone_placement_is_left_alone_where_both_styles_agree():
    for word in ["hoàng", "quý", "quỳnh", "Huỳnh", "giữa", "hoạch"]:
        assert clean(word) == word


def test_clean_normalises_to_nfc_and_trims():
    decomposed = "Ba\u0300n To\u0302\u0309 chu\u031b\u0301c "
    assert clean(decomposed) == "Bàn Tổ chức"


@given(st.text())
def test_clean_is_idempotent(text):
    assert clean(clean(text)) == clean(text)


@given(st.text())
def test_fold_is_stable(text):
    assert fold(fold(text)) == fold(text)


def test_fold_turns_control_characters_into_spaces():
    # A NUL typed into a search box would be refused by PostgreSQL inside the query.
    assert fold("Ngân\x00sách\x7f nhà\tnước") == "ngan sach nha nuoc"
