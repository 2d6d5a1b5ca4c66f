"""Unit names as texts write them, matched to the units of a province."""

import pytest

from dieuhanh.org.matching import Candidate, UnitMatcher

UNITS = [
    Candidate(1, "Tỉnh ủy Hà Tĩnh", "Tỉnh ủy"),
    Candidate(2, "Ban Tổ chức Tỉnh ủy Hà Tĩnh", "Ban Tổ chức"),
    Candidate(3, "Văn phòng Tỉnh ủy Hà Tĩnh", "Văn phòng Tỉnh ủy"),
    Candidate(4, "UBND tỉnh Hà Tĩnh", "UBND tỉnh"),
    Candidate(5, "Văn phòng UBND tỉnh Hà Tĩnh", "Văn phòng UBND tỉnh"),
    Candidate(6, "HĐND tỉnh Hà Tĩnh", "HĐND tỉnh"),
    Candidate(7, "Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh", "MTTQ tỉnh"),
    Candidate(8, "Ban cán sự đảng UBND tỉnh Hà Tĩnh", "Ban cán sự đảng UBND tỉnh"),
    Candidate(9, "Ban Tuyên giáo Tỉnh ủy Hà Tĩnh", "Ban Tuyên giáo", active=False),
    Candidate(10, "Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh", "Ban Tuyên giáo và Dân vận"),
    Candidate(11, "Sở Nội vụ Hà Tĩnh", "Sở Nội vụ"),
    Candidate(12, "UBND xã Thạch Hà", "UBND xã Thạch Hà"),
    Candidate(13, "UBND xã Thạch Lạc", "UBND xã Thạch Lạc"),
]


@pytest.mark.parametrize("text,unit_id", [
    ("Ban Tổ chức Tỉnh ủy", 2),
    ("ban to chuc tinh uy", 2),
    ("Ủy ban nhân dân tỉnh", 4),
    ("UBND tỉnh", 4),
    ("Hội đồng nhân dân tỉnh", 6),
    ("Ủy ban Mặt trận Tổ quốc tỉnh", 7),
    ("Ban Thường vụ Tỉnh ủy", 1),
    ("BTV Tỉnh ủy", 1),
    ("Thường trực Tỉnh ủy", 1),
    ("Tỉnh ủy", 1),
    ("Ban cán sự đảng UBND tỉnh", 8),
    ("BCS đảng UBND tỉnh", 8),
    ("Ban Tuyên giáo Tỉnh ủy", 9),
    ("Văn phòng UBND tỉnh", 5),
    ("Sở Nội vụ", 11),
    ("Tỉnh uỷ", 1),
])
def test_names_match_their_unit(text, unit_id):
    assert UnitMatcher(UNITS).match(text).unit.id == unit_id


@pytest.mark.parametrize("text", ["Sở Tài chính", "các sở, ban, ngành", "", "Công an tỉnh"])
def test_unknown_names_are_left_unmatched(text):
    assert UnitMatcher(UNITS).match(text).unit is None


def test_an_ambiguous_name_offers_the_other_candidates():
    found = UnitMatcher(UNITS).match("UBND xã")
    assert {found.unit.id, *(c.id for c in found.others)} == {12, 13}
