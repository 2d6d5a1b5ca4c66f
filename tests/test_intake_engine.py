"""Extraction rules, one Vietnamese example per pattern (texts written for the tests)."""

import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dieuhanh.intake import extract
from dieuhanh.intake.people import find_people


def people(text):
    return {(p.name, p.title) for p in find_people(text.split("\n"))}


def test_the_engine_imports_no_django():
    code = "import sys, dieuhanh.intake; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize("text, expected", [
    ("Bí thư Huyện ủy Lộc Hà Nguyễn Thế Hoàn: Mong muốn tỉnh quan tâm", ("Nguyễn Thế Hoàn", "Bí thư Huyện ủy Lộc Hà")),
    ("Chủ tịch UBND huyện Can Lộc Đặng Trần Phong: Cần tiếp tục", ("Đặng Trần Phong", "Chủ tịch UBND huyện Can Lộc")),
    ("Đại tá Nguyễn Tất Nhân - Chính ủy Bộ Chỉ huy Quân sự tỉnh: Công tác", ("Nguyễn Tất Nhân", "Chính ủy Bộ Chỉ huy Quân sự tỉnh")),
    ("chủ trì của đồng chí Đỗ Trọng Hưng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh và các đồng chí",
     ("Đỗ Trọng Hưng", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh")),
    ("Phó Chủ tịch HĐND tỉnh Nguyễn Thị Nữ Y phát biểu", ("Nguyễn Thị Nữ Y", "Phó Chủ tịch HĐND tỉnh")),
    ("Trưởng ban Tổ chức Tỉnh ủy Hà Văn Thạch nhấn mạnh", ("Hà Văn Thạch", "Trưởng ban Tổ chức Tỉnh ủy")),
])
def test_people_with_titles(text, expected):
    assert expected in people(text)


def test_a_byline_without_a_position_is_not_a_person():
    assert people("Thành Duy\nTheo dõi Báo Nghệ An") == set()


def test_the_document_a_news_article_reports():
    result = extract("Tiêu đề bài\n(Báo) - Đây là nội dung tại Thông báo số 1029 -TB/TU ngày 28/8/2023 của Tỉnh ủy "
                     "Nghệ An thông báo kết luận.\nNội dung.")
    assert result["document"] == {"kind": "TB", "symbol": "1029-TB/TU", "number": "1029", "issued_on": "2023-08-28",
                                  "issuer": "Tỉnh ủy Nghệ An"}


def test_a_cited_document_is_not_the_documents_identity():
    result = extract("Tiêu đề\nĐáp ứng các mục tiêu theo Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.")
    assert result["document"]["kind"] == "news" and result["document"]["symbol"] is None


def test_a_party_document_header():
    text = "TỈNH ỦY THỪA THIÊN HUẾ\nĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 445-KL/TƯ\nThừa Thiên Huế, ngày 13 tháng 5 năm 2022\nKẾT LUẬN"
    assert extract(text)["document"] == {"kind": "KL", "symbol": "445-KL/TU", "number": "445",
                                         "issued_on": "2022-05-13", "issuer": "Tỉnh ủy Thừa Thiên Huế"}


def test_figures_against_plan_and_same_period():
    found = extract("Tiêu đề\nTăng trưởng kinh tế đạt 5,08%; thu ngân sách đạt 11.710 tỷ đồng, bằng 96% dự toán cả "
                    "năm; chỉ số sản xuất công nghiệp 9 tháng tăng 16,56% so với cùng kỳ năm 2020.")["indicators"]
    budget = next(i for i in found if i["value"] == 11710)
    assert budget["unit"] == "tỷ đồng" and budget["percent_of_plan"] == 96
    assert any(i["change_percent"] == 16.56 and i["value"] is None for i in found)


def test_a_lead_with_coordinators():
    [a] = extract("Tiêu đề\nBan Dân vận Tỉnh ủy chủ trì, phối hợp Ban Tổ chức Tỉnh ủy, Ban cán sự Đảng UBND tỉnh và "
                  "các đơn vị liên quan gửi nội dung trả lời các kiến nghị.")["assignments"]
    assert a["lead"] == "Ban Dân vận Tỉnh ủy"
    assert a["coordinators"] == ["Ban Tổ chức Tỉnh ủy", "Ban cán sự Đảng UBND tỉnh", "các đơn vị liên quan"]


def test_a_petition_from_a_captioned_speaker():
    [p] = extract("Tiêu đề\nBí thư Huyện ủy Lộc Hà Nguyễn Thế Hoàn: Mong muốn tỉnh quan tâm ưu tiên nguồn lực.")["petitions"]
    assert p["by"] == "Bí thư Huyện ủy Lộc Hà Nguyễn Thế Hoàn" and p["to"] == "tỉnh"


def test_cli_writes_one_json_per_file_and_reports_bad_files(tmp_path, capsys):
    good = tmp_path / "thong-bao.txt"
    good.write_text("Tiêu đề\nGiao Sở Nội vụ chủ trì rà soát, báo cáo trước ngày 30/9/2023.", encoding="utf-8")
    binary = tmp_path / "rac.txt"
    binary.write_bytes(b"\x00\x01\x02garbage")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK not really")
    with pytest.raises(CommandError):
        call_command("extract", str(good), str(binary), str(broken), str(tmp_path / "khong-co.txt"),
                     "--out", str(tmp_path / "out"))
    assert (tmp_path / "out" / "thong-bao.json").exists()
    err = capsys.readouterr().err
    assert "rac.txt" in err and "hong.docx" in err and "khong-co.txt" in err


def test_a_petition_raised_by_a_group():
    [p] = extract("Tiêu đề\nVì thế, hội doanh nghiệp huyện đề nghị UBND tỉnh sớm giãn thời hạn nộp thuế.")["petitions"]
    assert p["by"] == "hội doanh nghiệp huyện" and p["to"] == "UBND tỉnh" and "giãn thời hạn" in p["content"]


def test_a_list_heading_gives_its_lead_to_each_item():
    text = ("Tiêu đề\nThường trực Tỉnh ủy nêu 3 nhiệm vụ trọng tâm đối với lãnh đạo chủ chốt cấp xã.\n"
            "Tập trung rà soát quy hoạch sử dụng đất.\nTăng cường đối thoại với Nhân dân.")
    leads = [a["lead"] for a in extract(text)["assignments"]]
    assert leads == ["lãnh đạo chủ chốt cấp xã", "lãnh đạo chủ chốt cấp xã"]


def _leads_actions(text):
    return [(a["lead"], a["action"][:30]) for a in extract(text)["assignments"]]


def test_addressees_listed_before_a_colon_share_every_item():
    text = ("Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, Thủ trưởng các ban ngành; các cơ quan Trung ương "
            "và Chủ tịch UBND các cấp tập trung thực hiện các nội dung sau:\n"
            "Rà soát thủ tục hành chính, hoàn thành trong quý IV/2024.\n"
            "Các cấp, các ngành xác định cải cách hành chính là nhiệm vụ trọng tâm.")
    found = _leads_actions(text)
    assert [lead for lead, _ in found] == ["Giám đốc các sở", "Thủ trưởng các ban ngành", "các cơ quan Trung ương",
                                           "Chủ tịch UBND các cấp"]
    assert all(action.startswith("Rà soát thủ tục") for _, action in found)


def test_one_addressee_with_commas_stays_whole():
    text = "UBND tỉnh yêu cầu Thủ trưởng các Sở, Ban, ngành, Chủ tịch UBND các huyện khẩn trương trả lời kiến nghị."
    assert [lead for lead, _ in _leads_actions(text)] == ["Thủ trưởng các Sở, Ban, ngành", "Chủ tịch UBND các huyện"]


def test_a_body_opening_a_paragraph_with_its_directive_and_a_second_order():
    text = ("Ban cán sự đảng UBND tỉnh chỉ đạo các sở, ngành trả lời các kiến nghị thuộc thẩm quyền.\n"
            "Ban Dân vận Tỉnh ủy chủ trì gửi nội dung trả lời các kiến nghị đến các tổ chức. "
            "Theo dõi, đôn đốc, kiểm tra việc thực hiện kết luận.")
    assert _leads_actions(text) == [("Ban cán sự đảng UBND tỉnh", "chỉ đạo các sở, ngành trả lời "),
                                    ("Ban Dân vận Tỉnh ủy", "chủ trì gửi nội dung trả lời c"),
                                    ("Ban Dân vận Tỉnh ủy", "Theo dõi, đôn đốc, kiểm tra vi")]


def test_a_report_of_past_work_is_not_an_order_and_similar_tasks_of_two_units_are_both_kept():
    assert _leads_actions("UBND tỉnh đã chỉ đạo các sở rà soát thủ tục hành chính.") == []
    text = ("Ban Tổ chức Tỉnh ủy chủ trì tham mưu trả lời các đề xuất, kiến nghị về công tác cán bộ.\n"
            "Ban Dân vận Tỉnh ủy chủ trì gửi nội dung trả lời các đề xuất, kiến nghị.")
    assert [lead for lead, _ in _leads_actions(text)] == ["Ban Tổ chức Tỉnh ủy", "Ban Dân vận Tỉnh ủy"]


def test_a_task_table_gives_one_assignment_per_row():
    text = ("KẾ HOẠCH\nHà Tĩnh, ngày 5 tháng 3 năm 2024\n"
            "TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
            "1 | Rà soát quy hoạch vùng nguyên liệu | Sở Nông nghiệp và Môi trường | Sở Tài chính, UBND các xã | Quý IV/2024\n"
            "2 | Xây dựng đề án chuyển đổi số | Sở Khoa học và Công nghệ | Văn phòng UBND tỉnh | Trước ngày 30/9/2024\n"
            "3 | Tuyên truyền kết quả thực hiện | Báo Hà Tĩnh |  | Hằng năm\n"
            "Ghi chú | không phải nhiệm vụ")
    assert extract(text)["assignments"] == [
        {"lead": "Sở Nông nghiệp và Môi trường", "action": "Rà soát quy hoạch vùng nguyên liệu",
         "coordinators": ["Sở Tài chính", "UBND các xã"], "deadline": "2024-12-31", "recurrence": None},
        {"lead": "Sở Khoa học và Công nghệ", "action": "Xây dựng đề án chuyển đổi số",
         "coordinators": ["Văn phòng UBND tỉnh"], "deadline": "2024-09-30", "recurrence": None},
        {"lead": "Báo Hà Tĩnh", "action": "Tuyên truyền kết quả thực hiện", "coordinators": [], "deadline": None,
         "recurrence": "yearly"},
    ]


def test_a_leaders_directive_that_names_nobody_has_no_lead_and_the_next_paragraph_continues_it():
    text = ("Chủ tịch UBND tỉnh yêu cầu: Thời gian tới, cần tập trung giải ngân vốn đầu tư công.\n"
            "Phấn đấu trong tháng 11 tới hoàn thành bàn giao mặt bằng khu tái định cư.\n"
            "Giám đốc Sở Tài chính nhấn mạnh: Nguồn thu năm nay giảm so với cùng kỳ.")
    assert _leads_actions(text) == [(None, "tập trung giải ngân vốn đầu tư"), (None, "Phấn đấu trong tháng 11 tới ho")]
    assert _leads_actions("Đồng chí Bí thư đề nghị phải hoàn thành giải phóng mặt bằng.") == [
        (None, "hoàn thành giải phóng mặt bằng")]


def test_a_steering_committee_is_a_body_not_the_verb_direct():
    text = "Bí thư Huyện ủy đề nghị các thành viên Ban Chỉ đạo bám sát địa bàn được phân công."
    assert _leads_actions(text) == [("các thành viên Ban Chỉ đạo", "bám sát địa bàn được phân công")]


@pytest.mark.parametrize("text, lead", [
    ("Cán bộ phải có sản phẩm cụ thể mỗi tháng.", "Cán bộ"),
    ("Đề nghị huyện cần rà soát lại quỹ đất công.", "huyện"),
    ("Thời gian tới, các xã cần đẩy nhanh tiến độ xây dựng nông thôn mới.", "các xã"),
    ("Năm nay giá lúa giảm. Đối với UBND các xã, phường cần hỗ trợ nông dân tiêu thụ lúa.", "UBND các xã, phường"),
    ("Bí thư Tỉnh ủy lưu ý, trong phát triển du lịch, Cẩm Xuyên cần giữ gìn cảnh quan ven biển.", "Cẩm Xuyên"),
    ("Chủ tịch tỉnh đã chỉ đạo, giao trách nhiệm cụ thể cho Sở Xây dựng, khẩn trương sửa chữa cầu treo.",
     "Sở Xây dựng"),
])
def test_leads_stated_in_other_ways(text, lead):
    assert [found for found, _ in _leads_actions(text)] == [lead]


def test_a_topic_fronted_directive_continues_the_lead_and_keeps_its_topic():
    text = ("Các huyện cần đẩy mạnh cải cách hành chính.\n"
            "Về chuyển đổi số cấp xã, cần có lộ trình cụ thể.")
    assert _leads_actions(text) == [("Các huyện", "đẩy mạnh cải cách hành chính"),
                                    ("Các huyện", "chuyển đổi số cấp xã, cần có l")]


def test_requests_sent_upward_and_orders_of_an_earlier_document_are_not_tasks():
    assert _leads_actions("Tại hội nghị, hiệp hội du lịch đề nghị UBND tỉnh chỉ đạo giãn nợ cho doanh nghiệp.") == []
    assert _leads_actions("UBND tỉnh đã ban hành Công văn số 12/UBND yêu cầu các sở rà soát thủ tục.") == []


def test_a_lead_working_with_another_names_its_coordinator():
    found = extract("Sở Nội vụ phối hợp với Sở Tài chính tham mưu phương án sắp xếp biên chế.")["assignments"]
    assert [(a["lead"], a["coordinators"], a["action"]) for a in found] == [
        ("Sở Nội vụ", ["Sở Tài chính"], "tham mưu phương án sắp xếp biên chế")]


def test_the_paragraphs_addressee_is_kept_over_a_sub_point_and_a_summary_is_kept_once():
    text = ("Mỗi cán bộ phải có sản phẩm cụ thể hằng tháng.\n"
            "Bí thư yêu cầu các địa phương cần kiện toàn ban chỉ đạo. Cán bộ phải có sản phẩm cụ thể hằng tháng.\n"
            "Thực hiện nghiêm việc tiếp công dân.")
    assert _leads_actions(text) == [("các địa phương", "kiện toàn ban chỉ đạo"),
                                    ("Cán bộ", "có sản phẩm cụ thể hằng tháng"),
                                    ("các địa phương", "Thực hiện nghiêm việc tiếp côn")]


def test_items_of_one_list_sharing_words_are_all_kept():
    text = ("1 . Các doanh nghiệp hoạt động hóa chất\n"
            "a ) Tăng cường kiểm tra , giám sát quy trình sản xuất , kinh doanh và sử dụng hóa chất ;\n"
            "b ) Nâng cao ý thức chấp hành quy định về an toàn trong sản xuất , kinh doanh và sử dụng hóa chất ;")
    assert len(extract(text)["assignments"]) == 2


def test_voters_lead_in_with_the_request_on_the_next_line_is_a_petition():
    text = ("Cử tri xã Hòa Bình, huyện Kim Sơn đề nghị:\n\nSớm nâng cấp cầu treo qua sông Đáy cho nhân dân đi lại.\n\n"
            "TRẢ LỜI:\n\nUBND tỉnh đã bố trí vốn năm 2026.\n")
    [petition] = extract(text)["petitions"]
    assert petition["by"] == "Cử tri xã Hòa Bình, huyện Kim Sơn"
    assert petition["content"].startswith("Sớm nâng cấp cầu treo qua sông Đáy")


def test_each_proposal_in_the_localitys_section_is_a_petition_to_the_body_it_names():
    text = ("Ngày 5/3/2026, Thủ tướng làm việc với tỉnh Ninh Bình.\nTỉnh Ninh Bình đạt kết quả khá.\n"
            "II. VỀ CÁC ĐỀ XUẤT, KIẾN NGHỊ CỦA TỈNH\n"
            "1. Về đề nghị Bộ Tài chính sớm bổ sung vốn cho dự án đê biển:\nBộ Tài chính chủ trì xem xét.\n"
            "2. Về kiến nghị điều chỉnh quy hoạch khu công nghiệp:\nBộ Xây dựng nghiên cứu, trả lời tỉnh Ninh Bình.\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Về đề nghị không thuộc mục này\n")
    petitions = extract(text)["petitions"]
    assert [(p["by"], p["to"]) for p in petitions] == [("tỉnh Ninh Bình", "Bộ Tài chính"), ("tỉnh Ninh Bình", None)]
    assert petitions[0]["content"] == "Bộ Tài chính sớm bổ sung vốn cho dự án đê biển"
    assert petitions[1]["content"] == "điều chỉnh quy hoạch khu công nghiệp"


def test_a_news_pages_publication_date():
    from datetime import date

    from dieuhanh.intake.document import published_on

    assert published_on("Tin tức\nNgày đăng: 08/07/2024  11:38\nSáng 8/7 …") == date(2024, 7, 8)
    assert published_on("- Cập nhật: Thứ sáu, 17/4/2015 | 10:02:11 AM") == date(2015, 4, 17)
    assert published_on("  • 04/11/2020 15:39\nUBND tỉnh …") == date(2020, 11, 4)
    assert published_on(" date 2022-11 (QNO) - Sáng nay 23/11, UBND tỉnh họp") == date(2022, 11, 23)
    assert published_on(" date 2022-12 (QNO) - Sáng nay 23/11, UBND tỉnh họp") is None  # months disagree
    assert published_on("Chiều 9/7, UBND tỉnh họp báo") is None  # no year is guessed


def test_a_news_page_closing_with_its_source_takes_that_documents_identity():
    text = ("UBND tỉnh có ý kiến như sau:\nGiao Sở Xây dựng chủ trì rà soát quy hoạch, hoàn thành trước ngày 10/12/2026.\n"
            "(Theo Công văn số 512/UBND-KT, ngày 23/11/2026)\n")
    document = extract(text)["document"]
    assert (document["kind"], document["symbol"], document["issued_on"], document["issuer"]) == (
        "CV", "512/UBND-KT", "2026-11-23", "UBND tỉnh")


def test_figures_in_other_spellings_and_units_and_what_is_not_a_figure():
    [revenue] = extract("Năm 2026, thu ngân sách ước đạt 4.250 tỉ đồng, vượt 12,5% dự toán.")["indicators"]
    assert (revenue["value"], revenue["unit"], revenue["percent_of_plan"]) == (4250, "tỷ đồng", 112.5)
    [jobs] = extract("Số lao động được giải quyết việc làm là 12.400 lao động, đạt 60% kế hoạch.")["indicators"]
    assert (jobs["value"], jobs["unit"], jobs["percent_of_plan"]) == (12400, "lao động", 60)
    assert extract("Đề nghị sớm thi công tuyến đường dài 3,5 km qua xã Cẩm Bình.")["indicators"] == []
    assert extract("Mức hỗ trợ 30 triệu đồng/ha cho diện tích trồng rừng mới.")["indicators"] == []


def test_a_lead_with_its_remit_before_the_verb():
    text = "Các Bộ, cơ quan liên quan theo chức năng, nhiệm vụ được giao nghiên cứu, xử lý kiến nghị của tỉnh.\n"
    [task] = extract(text)["assignments"]
    assert task["lead"] == "Các Bộ, cơ quan liên quan" and task["action"].startswith("nghiên cứu, xử lý")


def test_a_passive_assignment_names_its_lead():
    [task] = extract("Sở Tài chính được giao chủ trì thẩm định phương án giá, hoàn thành trước ngày 30/6/2026.\n")["assignments"]
    assert (task["lead"], task["deadline"]) == ("Sở Tài chính", "2026-06-30")
    leads = [a["lead"] for a in extract("Các sở, ngành thực hiện tốt nhiệm vụ được giao trong năm 2026.\n")["assignments"]]
    assert "Các sở, ngành thực hiện tốt nhiệm vụ" not in leads  # "nhiệm vụ được giao" is not a passive order
