"""The document layer's rules for a text's identity (kind, symbol, date, issuer), each on examples written
from the grammar of administrative Vietnamese."""

from dieuhanh.intake import extract
from dieuhanh.intake.document import leaders_body, letter_reply, with_province
from dieuhanh.intake.places import is_province, provinces_named

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def document(text: str) -> dict:
    return extract(text)["document"]


def test_a_document_website_prints_dozens_of_metadata_lines_before_the_header():
    site = "".join(f"Trường {i}:\n|\nGiá trị {i}\n|\n" for i in range(20))  # 80 lines of a site's own table
    text = (site + "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH\n-------\n|\n" + MOTTO + "Số: 12/KH-UBND\n"
            "Quảng Bình, ngày 3 tháng 2 năm 2026\nKẾ HOẠCH\nTriển khai chuyển đổi số\n1. Sở Khoa học và Công nghệ chủ trì.")
    assert document(text) == {"kind": "KH", "symbol": "12/KH-UBND", "number": "12", "issued_on": "2026-02-03",
                              "issuer": "UBND tỉnh Quảng Bình"}


def test_the_organisation_block_is_the_one_just_before_the_motto_not_a_sites_capitals():
    text = ("CƠ SỞ DỮ LIỆU VĂN BẢN\nTra cứu văn bản pháp luật trực tuyến\nỦY BAN NHÂN DÂN\nTỈNH GIA LAI\n" + MOTTO
            + "Số: 7/CT-UBND\nGia Lai, ngày 9 tháng 1 năm 2026\nCHỈ THỊ\nVề phòng, chống thiên tai\n")
    assert document(text)["issuer"] == "UBND tỉnh Gia Lai"


def test_a_department_printed_under_its_parent_takes_the_parents_name():
    party = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN TUYÊN GIÁO\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 15-HD/BTGTW\n"
             "Hà Nội, ngày 4 tháng 3 năm 2026\nHƯỚNG DẪN\ntuyên truyền kỷ niệm ngày thành lập Đảng\n")
    assert document(party)["issuer"].lower() == "ban tuyên giáo trung ương đảng"
    province = ("TỈNH ỦY QUẢNG NGÃI\nVĂN PHÒNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 20-CV/VPTU\n"
                "Quảng Ngãi, ngày 4 tháng 3 năm 2026\nKính gửi: Các huyện ủy.\n")
    assert document(province)["issuer"] == "Văn phòng Tỉnh ủy Quảng Ngãi"
    state = ("UBND TỈNH CÀ MAU\nSỞ TÀI CHÍNH\n" + MOTTO + "Số: 31/KH-STC\nCà Mau, ngày 4 tháng 3 năm 2026\n"
             "KẾ HOẠCH\nkiểm tra quyết toán\n")
    assert document(state)["issuer"].lower() == "sở tài chính tỉnh cà mau"
    ministry = ("BỘ TÀI CHÍNH\nCỤC THUẾ\n" + MOTTO + "Số: 99/CT-TTr\nHà Nội, ngày 4 tháng 3 năm 2026\n"
                "Kính gửi: Thuế các tỉnh.\n")
    assert document(ministry)["issuer"] == "Cục Thuế"  # a department with a name of its own keeps it


def test_the_leading_zero_of_a_number_is_kept_as_printed():
    text = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 05-KL/VPTW\n"
            "Hà Nội, ngày 2 tháng 6 năm 2026\nKẾT LUẬN\nCỦA ĐỒNG CHÍ CHÁNH VĂN PHÒNG\n")
    assert document(text)["number"] == "05" and document(text)["issuer"] == "Văn phòng Trung ương Đảng"


def test_the_lead_sentences_subject_issues_the_document_it_names():
    text = ("Ngày 14/ 8, UBND tỉnh đã ký Công văn số 2210 /UBND-NN về việc phòng chống dịch tả lợn châu Phi năm 2026.\n"
            "Theo đó, giao Sở Nông nghiệp và Môi trường chủ trì kiểm tra.")
    assert document(text) == {"kind": "CV", "symbol": "2210/UBND-NN", "number": "2210", "issued_on": "2026-08-14",
                              "issuer": "UBND tỉnh"}


def test_a_document_the_lead_only_cites_gives_no_identity():
    text = ("Ngày 14/8, UBND tỉnh triển khai Công văn số 2210/BNN-TY của Bộ Nông nghiệp về phòng dịch.\n"
            "Các địa phương tăng cường kiểm tra.")
    assert document(text)["kind"] == "news"


def test_the_day_of_the_lead_is_completed_only_with_a_year_the_sentence_states():
    text = "Sáng 3/4, UBND tỉnh ban hành Công văn số 77/UBND-VX về tuyển sinh các năm 2025 và 2026.\n"
    assert document(text)["issued_on"] is None  # two years: none is guessed


def test_a_reproduced_letter_body_is_a_letter_of_the_body_that_gives_its_opinion():
    assert letter_reply(["Sau khi xem xét, Chủ tịch UBND tỉnh có ý kiến như sau:"]) == "UBND tỉnh"
    assert letter_reply(["Sau khi xem xét, Ủy ban nhân dân tỉnh có ý kiến chỉ đạo:"]) == "UBND tỉnh"
    text = ("Ủy ban nhân dân tỉnh nhận được Tờ trình số 15/TTr-SXD của Sở Xây dựng.\n"
            "Sau khi xem xét, Chủ tịch UBND tỉnh có ý kiến:\n1. Đồng ý chủ trương.\n2. Giao Sở Xây dựng hướng dẫn.")
    assert document(text)["kind"] == "CV" and document(text)["issuer"] == "UBND tỉnh"


def test_a_title_that_names_the_leader_gives_the_leaders_body():
    assert leaders_body("Kết luận của Phó Chủ tịch UBND tỉnh Lê Văn An tại buổi làm việc", "KL") == "UBND tỉnh"
    assert leaders_body("Thông báo kết luận của Thủ tướng Chính phủ tại Hội nghị", "TB") == "Văn phòng Chính phủ"
    assert leaders_body("thông báo kết luận của phó thủ tướng tại cuộc họp", "TB") == "Văn phòng Chính phủ"
    assert leaders_body("Kết luận của đồng chí Bí thư Tỉnh ủy tại buổi làm việc", "KL") == "Tỉnh ủy"
    assert leaders_body("Kế hoạch của ngành giáo dục", "KH") is None
    text = ("Tin chỉ đạo điều hành\nKết luận của Chủ tịch UBND tỉnh Trần Văn Bình tại buổi làm việc với huyện\n"
            "Ngày 3/3, Chủ tịch UBND tỉnh đã làm việc với huyện.")
    assert document(text)["kind"] == "KL" and document(text)["issuer"] == "UBND tỉnh"


def test_a_body_that_says_it_enacts_the_plan_issued_it_with_the_one_province_the_text_names():
    text = ("Kế hoạch hỗ trợ nhà ở cho người có công\n"
            "UBND Thành phố ban hành Kế hoạch hỗ trợ nhà ở cho người có công trên địa bàn Thành phố Hải Phòng, như sau:\n"
            "1. Sở Xây dựng chủ trì.")
    assert document(text) == {"kind": "KH", "symbol": None, "number": None, "issued_on": None,
                              "issuer": "UBND Thành phố Hải Phòng"}


def test_a_province_is_added_only_when_the_text_names_exactly_one():
    assert with_province("UBND tỉnh", "… trên địa bàn tỉnh Quảng Trị …") == "UBND tỉnh Quảng Trị"
    assert with_province("UBND tỉnh", "Phó Chủ tịch UBND tỉnh Hồ Văn Nam") == "UBND tỉnh"  # a person, not a place
    assert with_province("UBND tỉnh", "tỉnh Quảng Trị và tỉnh Quảng Bình") == "UBND tỉnh"
    assert with_province("Sở Y tế", "tỉnh Quảng Trị") == "Sở Y tế"


def test_provinces_are_known_by_their_current_and_former_names():
    assert is_province("Nghệ An") and is_province("Thừa Thiên Huế") and is_province("Hà Giang")
    assert not is_province("Hồ Quang")
    assert provinces_named("các xã của tỉnh Thừa Thiên Huế Mới") == [("tỉnh", "Thừa Thiên Huế")]


def test_a_text_that_sets_out_voters_requests_and_their_answers_is_a_report_without_issuer():
    text = ("Cử tri xã Tân Lập, huyện Yên Sơn đề nghị:\nSửa chữa cầu treo qua suối.\nTRẢ LỜI:\n"
            "Sở Giao thông đã bố trí vốn sửa chữa trong năm 2026.")
    assert document(text)["kind"] == "BC" and document(text)["issuer"] is None
    assert document("Cử tri xã Tân Lập đề nghị:\nSửa chữa cầu treo.\n")["kind"] == "news"  # no answer: not a reply
