"""Provenance: every item points at its source, and what the engine read past is marked."""

from dieuhanh.intake.engine import analyse, extract, sentence_case, subject
from dieuhanh.intake.provenance import MANDATE, merged, segments, unread
from dieuhanh.intake.structure import Block, read_structure

NOTICE = """UBND TỈNH HÀ TĨNH
Số: 12/TB-UBND
Hà Tĩnh, ngày 2 tháng 3 năm 2026
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về xây dựng nông thôn mới
Năm 2025, thu ngân sách đạt 1.250 tỷ đồng, bằng 104% dự toán.
Bí thư Đảng ủy xã Cẩm Bình Nguyễn Văn An: Đề nghị tỉnh hỗ trợ kinh phí nâng cấp tuyến đê ven biển.
1. Giao Sở Nông nghiệp và Môi trường chủ trì rà soát tiêu chí, hoàn thành trước ngày 30/4/2026.
"""


def test_every_item_carries_the_span_of_its_source():
    result = analyse(NOTICE)
    text = result["text"]
    for key, needle in [("assignments", "Giao Sở Nông nghiệp"), ("indicators", "thu ngân sách đạt 1.250"),
                        ("people", "Nguyễn Văn An"), ("petitions", "hỗ trợ kinh phí")]:
        [item, *_] = result[key]
        (start, end), *_ = item["spans"]
        assert needle in text[start:end], key


def test_the_devset_schema_has_no_spans():
    result = extract(NOTICE)
    assert "text" not in result and "unread" not in result
    assert all("spans" not in item for key in ("assignments", "indicators", "people", "petitions")
               for item in result[key])


def test_the_subject_is_the_title_line_not_the_whole_text():
    assert subject(read_structure(NOTICE)) == ("Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp "
                                               "về xây dựng nông thôn mới")
    assert sentence_case("THÔNG BÁO KẾT LUẬN của Thường trực Tỉnh ủy") == "Thông báo kết luận của Thường trực Tỉnh ủy"
    assert sentence_case("UBND tỉnh chỉ đạo") == "UBND tỉnh chỉ đạo"


def test_mandate_verbs_but_not_their_homographs():
    assert MANDATE.search("Giao Sở Tài chính chủ trì") and MANDATE.search("Sở Y tế có nhiệm vụ hướng dẫn")
    assert MANDATE.search("đề nghị các huyện khẩn trương") and MANDATE.search("chịu trách nhiệm trước UBND tỉnh")
    assert not MANDATE.search("Tai nạn giao thông giảm 12%") and not MANDATE.search("giao lưu văn nghệ")


def _block(text, start):
    return Block(text, start, start + len(text), None, "text", False)


def test_unread_blocks_are_those_with_a_mandate_verb_and_no_item():
    blocks = [_block("Giao Sở Tài chính rà soát.", 0), _block("Tình hình kinh tế ổn định.", 30),
              _block("Đề nghị các xã chủ động phòng chống bão.", 60), _block("Yêu cầu Công an tỉnh kiểm tra.", 110)]
    assert unread(blocks, [(0, 26), (112, 120)]) == [(60, 100)]
    assert unread(blocks, []) == [(0, 26), (60, 100), (110, 140)]


def test_spans_merge_and_segments_cover_the_text_once():
    assert merged([(3, 9), (0, 5), (12, 14)]) == [(0, 9), (12, 14)]
    text = "0123456789abcdef"
    pieces = segments(text, [(2, 5), (4, 8)], [(10, 14)])
    assert "".join(p.text for p in pieces) == text
    assert [(p.start, p.end) for p in pieces] == [(0, 2), (2, 4), (4, 5), (5, 8), (8, 10), (10, 14), (14, 16)]
    assert [p.unread for p in pieces] == [False, False, False, False, False, True, False]


def test_a_missed_mandate_is_reported_as_unread():
    text = NOTICE + "Tình hình cơ bản ổn định, các đồng chí cần chủ động hơn trong thời gian tới.\n"
    result = analyse(text)
    missed = [result["text"][a:b] for a, b in result["unread"]]
    assert missed == ["Tình hình cơ bản ổn định, các đồng chí cần chủ động hơn trong thời gian tới."]
