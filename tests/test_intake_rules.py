"""One test per named rule of the clause grammar and the structure layer, with examples written for
the tests from the grammar of administrative Vietnamese (not sentences of the development set)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dieuhanh.intake import extract
from dieuhanh.intake.assignments import announcing_subject, is_closing
from dieuhanh.intake.bodies import split_addressees
from dieuhanh.intake.structure import capitals, read_structure


def leads(text):
    return [a["lead"] for a in extract(text)["assignments"]]


def tasks(text):
    return [(a["lead"], a["action"]) for a in extract(text)["assignments"]]


def test_grounds_that_go_on_to_give_an_order_are_not_a_closing_formula():
    assert is_closing("Căn cứ Nghị định số 12/2024/NĐ-CP của Chính phủ;")
    assert not is_closing("Thực hiện Chỉ thị số 05/CT-TTg, Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Y tế rà soát")
    assert not is_closing("Căn cứ kế hoạch năm, giao Sở Xây dựng kiểm tra các công trình")


def test_a_long_list_of_addressees_after_an_order_is_read_whole():
    text = ("Thực hiện Nghị quyết số 08/NQ-HĐND, Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, Thủ trưởng các cơ quan "
            "chuyên môn thuộc UBND tỉnh, Chủ tịch UBND các xã, phường, đặc khu, Giám đốc các Ban Quản lý dự án chuyên "
            "ngành giao thông, dân dụng và công nghiệp, các chủ đầu tư triển khai ngay việc rà soát các "
            "dự án chậm giải ngân trong năm 2026.")
    assert leads(text) == ["Giám đốc các sở", "Thủ trưởng các cơ quan chuyên môn thuộc UBND tỉnh",
                           "Chủ tịch UBND các xã, phường, đặc khu",
                           "Giám đốc các Ban Quản lý dự án chuyên ngành giao thông, dân dụng và công nghiệp",
                           "các chủ đầu tư"]


def test_addressees_split_at_a_title_and_at_a_group_of_named_bodies():
    assert split_addressees("Giám đốc các sở, Trưởng các ban, ngành cấp tỉnh") == ["Giám đốc các sở", "Trưởng các ban, ngành cấp tỉnh"]
    assert split_addressees("UBND các xã, phường, các Ban Quản lý rừng phòng hộ, các chủ đầu tư") == [
        "UBND các xã, phường", "các Ban Quản lý rừng phòng hộ", "các chủ đầu tư"]
    assert split_addressees("UBND các xã, phường, thị trấn") == ["UBND các xã, phường, thị trấn"]


def test_an_order_that_also_announces_its_contents_is_a_task_of_each_addressee():
    text = ("Ủy ban nhân dân tỉnh yêu cầu Sở Tài chính, Sở Nội vụ triển khai việc rà soát định mức chi thường xuyên "
            "của các cơ quan hành chính cấp tỉnh năm 2026, với các nội dung sau:")
    assert leads(text) == ["Sở Tài chính", "Sở Nội vụ"]


def test_a_short_order_before_a_colon_only_announces_the_items():
    text = ("Ủy ban nhân dân tỉnh đề nghị Sở Tài chính, Sở Nội vụ thực hiện các nội dung sau:\n"
            "1. Rà soát định mức chi thường xuyên.\n2. Báo cáo kết quả trước ngày 15/3/2026.")
    assert tasks(text) == [("Sở Tài chính", "Rà soát định mức chi thường xuyên"),
                           ("Sở Nội vụ", "Rà soát định mức chi thường xuyên"),
                           ("Sở Tài chính", "Báo cáo kết quả trước ngày 15/3/2026"),
                           ("Sở Nội vụ", "Báo cáo kết quả trước ngày 15/3/2026")]


def test_a_list_announced_by_the_subject_of_the_last_clause():
    sentence = ("Quán triệt ý kiến chỉ đạo của đồng chí Bí thư; trên cơ sở các chỉ tiêu đã nêu, Sở Y tế và Ủy ban "
                "nhân dân các xã cụ thể hoá để tổ chức thực hiện, trong đó tập trung các nhiệm vụ sau:")
    assert announcing_subject(sentence) == ["Sở Y tế", "Ủy ban nhân dân các xã"]
    text = sentence + "\n(1) Rà soát mạng lưới trạm y tế.\n(2) Các trạm y tế xã bố trí đủ thuốc thiết yếu."
    assert tasks(text) == [("Sở Y tế", "Rà soát mạng lưới trạm y tế"),
                           ("Ủy ban nhân dân các xã", "Rà soát mạng lưới trạm y tế"),
                           ("Các trạm y tế xã", "bố trí đủ thuốc thiết yếu")]


def test_the_issuer_issuing_the_text_announces_no_addressee():
    assert announcing_subject("Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số với các nội dung như sau:") is None
    assert announcing_subject("Sở Y tế báo cáo tình hình dịch bệnh.") is None


def test_an_indented_first_line_and_a_line_ending_in_a_comma_are_hard_wraps():
    body = "\n".join([
        "Thực hiện Luật Ngân sách nhà nước, Luật",
        "Đầu tư công và hướng dẫn của Bộ Tài chính tại Công văn số 1234/BTC-NSNN ngày 12/3/2026 về",
        "việc lập dự toán năm 2027, Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở khẩn trương thực hiện các",
        "nội dung sau đây theo đúng thời gian quy định tại văn bản này, không để chậm trễ, ảnh hưởng đến",
        "tiến độ chung của tỉnh trong năm 2027, đồng thời chủ động phối hợp với các cơ quan liên quan,",
        "Ủy ban nhân dân các xã, phường để thống nhất số liệu trước khi gửi Sở Tài chính tổng hợp báo",
        "cáo Ủy ban nhân dân tỉnh xem xét, quyết định theo thẩm quyền và quy định hiện hành của pháp luật.",
        "Các cơ quan, đơn vị gửi báo cáo về Sở Tài chính trước ngày 30/6/2027 để tổng hợp chung toàn tỉnh",
        "theo quy định, bảo đảm chất lượng, đúng thời hạn và đầy đủ các biểu mẫu kèm theo Công văn này.",
    ])
    blocks = [b.content for b in read_structure("CÔNG VĂN\n" + body).blocks]
    assert blocks[0].startswith("Thực hiện Luật Ngân sách nhà nước, Luật Đầu tư công")
    assert "Bộ Tài chính tổng hợp" not in blocks[0] and any("Ủy ban nhân dân các xã, phường để" in b for b in blocks)
    assert not any(b.startswith("Ủy ban nhân dân các xã") for b in blocks)


def test_the_wrap_width_is_read_from_the_running_text_not_from_table_cells():
    running = ["Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các sở, ngành liên quan rà soát toàn bộ",
               "diện tích đất rừng được giao cho các chủ rừng là tổ chức, kiểm tra việc sử dụng đất đúng mục"] * 5
    cells = ["|", "STT", "|", "Nhiệm vụ", "|", "Cơ quan chủ trì", "|"] * 6
    text = "\n".join(cells + [""] + running + ["**3. Đề nghị: Hội Cựu chiến",
                                               "binh tỉnh, Hội Nông dân tỉnh, Tỉnh đoàn**", "",
                                               "a) Tuyên truyền, vận động hội viên tham gia bảo vệ rừng."])
    blocks = [b.content for b in read_structure(text).blocks]
    assert "Đề nghị: Hội Cựu chiến binh tỉnh, Hội Nông dân tỉnh, Tỉnh đoàn" in blocks
    assert [a for a in tasks(text) if a[1].startswith("Tuyên truyền")] == [
        ("Hội Cựu chiến binh tỉnh", "Tuyên truyền, vận động hội viên tham gia bảo vệ rừng"),
        ("Hội Nông dân tỉnh", "Tuyên truyền, vận động hội viên tham gia bảo vệ rừng"),
        ("Tỉnh đoàn", "Tuyên truyền, vận động hội viên tham gia bảo vệ rừng")]


def test_an_item_that_opens_with_a_verb_in_capitals_is_not_a_body():
    text = "Sở Y tế thực hiện các nội dung sau:\n1. Tổ chức tập huấn.\n2. Báo cáo kết quả."
    assert tasks(text) == [("Sở Y tế", "Tổ chức tập huấn"), ("Sở Y tế", "Báo cáo kết quả")]


def test_recurrent_spending_is_not_a_rhythm_of_work():
    text = "Giao Sở Tài chính rà soát dự toán chi thường xuyên năm 2027."
    assert extract(text)["assignments"][0]["recurrence"] is None
    assert extract("Giao Sở Tài chính thường xuyên kiểm tra việc chi tiêu.")["assignments"][0]["recurrence"] == "ongoing"


def test_a_circumstantial_clause_between_the_doer_and_its_modal_is_not_part_of_the_name():
    text = ("Kính gửi: Sở Y tế các tỉnh\nBộ Y tế yêu cầu Sở Y tế các tỉnh thực hiện các giải pháp sau:\n"
            "1/ Các bệnh viện tuyến huyện khi tiếp nhận người bệnh chuyển tuyến phải cập nhật hồ sơ bệnh án điện tử.")
    assert ("Các bệnh viện tuyến huyện", "cập nhật hồ sơ bệnh án điện tử") in tasks(text)


def test_an_item_with_its_own_doer_passes_it_to_its_sub_items():
    text = ("Bộ Y tế yêu cầu Sở Y tế các tỉnh thực hiện các giải pháp sau:\n"
            "1/ Các trung tâm y tế rà soát danh sách trẻ chưa tiêm chủng.\n"
            "- Lập kế hoạch tiêm bù cho trẻ em trong quý II năm 2026.\n"
            "2/ Tăng cường truyền thông về tiêm chủng.")
    assert tasks(text) == [("Các trung tâm y tế", "rà soát danh sách trẻ chưa tiêm chủng"),
                           ("Các trung tâm y tế", "Lập kế hoạch tiêm bù cho trẻ em trong quý II năm 2026"),
                           ("Sở Y tế các tỉnh", "Tăng cường truyền thông về tiêm chủng")]


def test_a_later_clause_of_an_item_with_its_own_doer_is_that_doers_task():
    text = ("Bộ Y tế yêu cầu Sở Y tế các tỉnh thực hiện các giải pháp sau:\n"
            "1/ Tăng cường kiểm tra an toàn thực phẩm tại bếp ăn tập thể. Theo đó, mỗi đoàn kiểm tra phải lấy mẫu "
            "thực phẩm gửi xét nghiệm; các trung tâm y tế tổng hợp kết quả hằng tháng.\n"
            "2/ Từng bước số hoá hồ sơ kiểm tra.")
    found = tasks(text)
    assert ("mỗi đoàn kiểm tra", "lấy mẫu thực phẩm gửi xét nghiệm") in found
    assert ("các trung tâm y tế", "tổng hợp kết quả hằng tháng") in found
    assert not any(lead and lead.startswith("Từng bước") for lead, _ in found)


def test_a_clause_after_a_semicolon_with_its_own_subject_and_mandate_is_read_on_its_own():
    text = ("Theo kế hoạch, các trường học sẽ rà soát cơ sở vật chất; Sở Giáo dục và Đào tạo chủ trì, phối hợp với "
            "Sở Tài chính lập danh mục sửa chữa trường học trước ngày 30/6/2026.")
    found = extract(text)["assignments"]
    assert [(a["lead"], a["coordinators"], a["deadline"]) for a in found] == [
        ("Sở Giáo dục và Đào tạo", ["Sở Tài chính"], "2026-06-30")]


def test_a_list_of_addressees_separated_by_semicolons_is_not_split_into_clauses():
    text = "Yêu cầu Giám đốc Sở Y tế; Chủ tịch UBND các xã, phường triển khai tiêm chủng mở rộng."
    assert leads(text) == ["Giám đốc Sở Y tế", "Chủ tịch UBND các xã, phường"]


def test_a_comma_after_the_mandate_verb_in_speech():
    text = "Phát biểu kết luận, Chủ tịch UBND tỉnh đề nghị, Sở Xây dựng, các địa phương cần rà soát nhà ở xuống cấp."
    assert leads(text) == ["Sở Xây dựng", "các địa phương"]


def test_a_body_directed_to_take_the_lead_is_the_lead():
    text = ("Tiếp thu ý kiến cử tri, Ủy ban nhân dân tỉnh chỉ đạo Sở Nông nghiệp và Môi trường chủ trì, phối hợp với "
            "Ủy ban nhân dân xã Kỳ Sơn sửa chữa kênh tưới.")
    found = extract(text)["assignments"]
    assert [(a["lead"], a["coordinators"]) for a in found] == [("Sở Nông nghiệp và Môi trường", ["Ủy ban nhân dân xã Kỳ Sơn"])]
    directed = extract("Sở Xây dựng chỉ đạo các phòng chuyên môn kiểm tra công trình.")["assignments"]
    assert [a["lead"] for a in directed] == ["Sở Xây dựng"]


def test_a_committee_whose_head_is_named_before_its_mandate():
    text = ("Tổ công tác thứ hai (gọi tắt là Tổ 2) do đồng chí Giám đốc Sở Nội vụ làm Tổ trưởng, có nhiệm vụ tham mưu "
            "phương án sắp xếp các thôn, tổ dân phố.")
    assert tasks(text) == [("Tổ công tác thứ hai", "tham mưu phương án sắp xếp các thôn, tổ dân phố")]


def test_a_second_action_after_a_semicolon_and_dong_thoi_keeps_the_coordinators():
    text = ("Ủy ban nhân dân tỉnh giao Sở Xây dựng phối hợp với Ủy ban nhân dân xã Hòa Bình kiểm tra chất lượng cầu "
            "treo; đồng thời tham mưu bố trí vốn sửa chữa trong năm 2027.")
    found = extract(text)["assignments"]
    assert [(a["lead"], a["action"], a["coordinators"], a["deadline"]) for a in found] == [
        ("Sở Xây dựng", "kiểm tra chất lượng cầu treo", ["Ủy ban nhân dân xã Hòa Bình"], None),
        ("Sở Xây dựng", "tham mưu bố trí vốn sửa chữa trong năm 2027", ["Ủy ban nhân dân xã Hòa Bình"], "2027-12-31")]


def test_members_listed_after_a_colon_replace_the_group_that_announces_them():
    assert split_addressees("Ủy ban MTTQ tỉnh, các đoàn thể: Hội Phụ nữ tỉnh, Tỉnh đoàn, Hội Nông dân tỉnh") == [
        "Ủy ban MTTQ tỉnh", "Hội Phụ nữ tỉnh", "Tỉnh đoàn", "Hội Nông dân tỉnh"]
    assert split_addressees("các Bộ: Tài chính, Nội vụ, Xây dựng") == ["các Bộ: Tài chính, Nội vụ, Xây dựng"]


def test_after_cac_a_verb_is_a_noun_and_a_verb_right_after_phoi_hop_names_no_coordinator():
    text = ("Đề nghị Ủy ban MTTQ tỉnh, các tổ chức hội: Hội Cựu chiến binh tỉnh, Hiệp hội Doanh nghiệp nhỏ và vừa "
            "tỉnh phối hợp vận động các tổ chức, cá nhân ủng hộ Quỹ vì người nghèo.")
    found = extract(text)["assignments"]
    assert [(a["lead"], a["coordinators"]) for a in found] == [
        ("Ủy ban MTTQ tỉnh", []), ("Hội Cựu chiến binh tỉnh", []), ("Hiệp hội Doanh nghiệp nhỏ và vừa tỉnh", [])]
    assert all(a["action"].startswith("phối hợp vận động các tổ chức") for a in found)


def test_an_abbreviated_committee_is_a_body():
    assert leads("- Giao BCĐ phòng chống thiên tai xã kiểm tra các điểm sạt lở.") == ["BCĐ phòng chống thiên tai xã"]


def test_an_item_naming_an_object_takes_the_action_of_its_heading():
    text = ("II. NHIỆM VỤ\n1. Xây dựng các văn bản hướng dẫn thi hành Luật Đường bộ\n"
            "a) Quyết định quy định tải trọng xe trên đường xã.\n- Cơ quan chủ trì: Sở Xây dựng.\n"
            "- Thời gian thực hiện: Quý II/2026.")
    found = extract(text)["assignments"]
    assert [(a["lead"], a["action"], a["deadline"]) for a in found] == [
        ("Sở Xây dựng", "Xây dựng các văn bản hướng dẫn thi hành Luật Đường bộ: Quyết định quy định tải trọng xe trên đường xã",
         "2026-06-30")]


def test_a_lead_field_written_as_sentences_gives_each_clause_to_its_bodies():
    text = ("II. NHIỆM VỤ\n1. Rà soát văn bản\n- Nội dung: Rà soát các văn bản quy phạm pháp luật của tỉnh.\n"
            "- Cơ quan thực hiện: Sở Tư pháp rà soát văn bản do tỉnh ban hành; các sở, ngành và UBND các xã rà soát "
            "văn bản do cơ quan mình tham mưu. Đồng thời, các sở, ngành cập nhật định kỳ danh mục văn bản.")
    assert tasks(text) == [("Sở Tư pháp", "Rà soát các văn bản quy phạm pháp luật của tỉnh"),
                           ("các sở, ngành", "rà soát văn bản do cơ quan mình tham mưu"),
                           ("UBND các xã", "rà soát văn bản do cơ quan mình tham mưu"),
                           ("các sở, ngành", "cập nhật định kỳ danh mục văn bản")]


def test_a_restrictive_clause_stays_in_a_generic_lead_and_goes_after_named_bodies():
    generic = "Các đơn vị được giao chủ trì nhiệm vụ có trách nhiệm lập dự toán kinh phí."
    assert leads("IV. TỔ CHỨC THỰC HIỆN\n1. " + generic) == ["Các đơn vị được giao chủ trì nhiệm vụ"]
    named = "Các sở, ngành và Ủy ban nhân dân các xã được phân công chủ trì nhiệm vụ có trách nhiệm lập kế hoạch chi tiết."
    assert leads("IV. TỔ CHỨC THỰC HIỆN\n1. " + named) == ["Các sở, ngành", "Ủy ban nhân dân các xã"]


def test_things_after_a_plural_marker_are_not_doers():
    text = "II. NHIỆM VỤ\n1. Các nội dung hỗ trợ doanh nghiệp bao gồm tư vấn, đào tạo."
    assert not any(lead and lead.startswith("Các nội dung") for lead in leads(text))


def test_a_proposal_a_task_asks_for_is_neither_a_petition_nor_dropped():
    text = ("Giao Sở Nội vụ chủ trì, phối hợp các đơn vị, địa phương liên quan nghiên cứu, đề xuất UBND tỉnh phương án "
            "sắp xếp thôn; hoàn thành trước ngày 15/01/2027.")
    result = extract(text)
    assert [(a["lead"], a["deadline"]) for a in result["assignments"]] == [("Sở Nội vụ", "2027-01-15")]
    assert result["petitions"] == []


def test_a_verb_inside_an_institutions_name_does_not_end_the_addressees():
    text = ("Chủ tịch UBND tỉnh yêu cầu Giám đốc Ban Quản lý dự án đầu tư xây dựng công trình giao thông và Thủ trưởng "
            "các đơn vị liên quan triển khai thi công cầu Hòa Bình.")
    assert leads(text) == ["Giám đốc Ban Quản lý dự án đầu tư xây dựng công trình giao thông",
                           "Thủ trưởng các đơn vị liên quan"]
    coordination = ("Ủy ban nhân dân tỉnh giao Sở Xây dựng chủ trì, phối hợp với các cơ quan, đơn vị liên quan, Ủy ban "
                    "nhân dân xã Bình Minh tăng cường kiểm tra công trình.")
    assert leads(coordination) == ["Sở Xây dựng"]


def test_a_framed_topic_is_not_the_subject_that_follows_it():
    text = "Đối với xã Cẩm Bình, cấp ủy, chính quyền xã cần rà soát lại quy hoạch khu dân cư."
    assert leads(text) == ["cấp ủy, chính quyền xã"]


def test_a_condition_or_purpose_frames_the_subject():
    assert leads("Muốn làm được thì ngay từ Ban Thường vụ Huyện ủy cần gương mẫu đi đầu trong chuyển đổi số.") == [
        "Ban Thường vụ Huyện ủy"]
    assert leads("Để làm được điều đó, các xã cần bố trí cán bộ chuyên trách chuyển đổi số.") == ["các xã"]


def test_the_remit_after_a_list_of_addressees_is_not_part_of_the_last_name():
    text = ("Giao Sở Tài chính, Sở Công Thương theo chức năng, nhiệm vụ và thẩm quyền chủ trì, phối hợp với các cơ "
            "quan liên quan hướng dẫn doanh nghiệp.")
    assert leads(text) == ["Sở Tài chính", "Sở Công Thương"]


def test_an_unaddressed_task_with_a_second_action_gives_two_tasks():
    text = ("II. NHIỆM VỤ, GIẢI PHÁP\n1. Đẩy nhanh tiến độ các công trình trọng điểm; đồng thời cập nhật kế hoạch "
            "đầu tư công trung hạn.\n2. Nhận diện các điểm nghẽn về thủ tục đầu tư.")
    assert tasks(text) == [(None, "Đẩy nhanh tiến độ các công trình trọng điểm"),
                           (None, "cập nhật kế hoạch đầu tư công trung hạn"),
                           (None, "Nhận diện các điểm nghẽn về thủ tục đầu tư")]


def test_the_answer_to_a_proposal_is_a_task():
    text = ("II. VỀ CÁC KIẾN NGHỊ CỦA TỈNH\n1. Về đề nghị Bộ Tài chính bổ sung vốn cho dự án đê biển: Bộ Tài chính "
            "nghiên cứu, tổng hợp trong kế hoạch đầu tư công trung hạn.")
    assert tasks(text) == [("Bộ Tài chính", "nghiên cứu, tổng hợp trong kế hoạch đầu tư công trung hạn")]


def test_grounds_between_the_lead_and_its_verb_without_a_first_comma():
    text = "Các sở, ngành trên cơ sở nhiệm vụ được giao tại Kế hoạch này, xây dựng kế hoạch chi tiết của đơn vị."
    assert leads("IV. TỔ CHỨC THỰC HIỆN\n1. " + text) == ["Các sở, ngành"]


def test_execution_clauses_in_either_word_order_are_closing_formulas():
    assert is_closing("Yêu cầu Giám đốc các sở, ngành triển khai thực hiện nghiêm túc Chỉ thị này./.")
    assert is_closing("Yêu cầu các sở, ngành và các đơn vị có liên quan thực hiện nghiêm túc./.")
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Các xã báo cáo kết quả về Sở Nội vụ trước ngày 15/12/2026. "
            "Yêu cầu các sở, ngành và các đơn vị có liên quan thực hiện nghiêm túc./.")
    assert leads(text) == ["Các xã"]


def test_examples_in_brackets_are_not_part_of_a_headings_name():
    text = ("2. Các chủ rừng là tổ chức (các Ban quản lý rừng phòng hộ, các Công ty lâm nghiệp…)\n"
            "a) Kiểm tra, rà soát diện tích rừng bị lấn chiếm.")
    assert tasks(text) == [("Các chủ rừng là tổ chức", "Kiểm tra, rà soát diện tích rừng bị lấn chiếm")]


def test_a_socio_political_organisation_is_a_noun_in_a_list_of_addressees():
    text = ("III. KINH PHÍ\n2. Các sở, ban, ngành, tổ chức chính trị - xã hội, Ủy ban nhân dân các xã, phường chủ động "
            "huy động các nguồn vốn ngoài ngân sách.")
    assert leads(text) == ["Các sở, ban, ngành, tổ chức chính trị - xã hội", "Ủy ban nhân dân các xã, phường"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbBđĐêÊỹỸ 1,.", max_size=60), st.sampled_from([0.6, 0.85]), st.integers(1, 5))
def test_capitals_counted_lazily_agree_with_counting_every_letter(text, share, at_least):
    letters = [c for c in text if c.isalpha()]
    expected = len(letters) >= at_least and sum(c.isupper() for c in letters) >= share * len(letters)
    assert capitals(text, share, at_least) == expected
