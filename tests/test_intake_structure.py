"""The structure layer and the clause rules over it, each with examples written from the grammar of
administrative Vietnamese (not taken from the development set)."""

import subprocess
import sys
import zipfile
from datetime import date

import pytest

from dieuhanh.intake import extract
from dieuhanh.intake.assignments import VERB_WORD
from dieuhanh.intake.bodies import heading_bodies, split_addressees
from dieuhanh.intake.dates import period_deadline
from dieuhanh.intake.readers import ReadError, read_file
from dieuhanh.intake.structure import read_structure

HEADER = ("|\n**ỦY BAN NHÂN\nDÂN**\nTỈNH HÀ TĨNH\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
          "Độc lập - Tự do - Hạnh phúc\n|\n|\nSố: 123/KH-UBND\n|\n*Hà Tĩnh,\nngày 05 tháng 3 năm 2026*\n|\n\n\n")


def test_a_header_flattened_to_cells_gives_symbol_date_issuer_and_kind():
    result = extract(HEADER + "**KẾ HOẠCH**\n\nPhát triển du lịch cộng đồng\n\nNội dung kế hoạch.")
    assert result["document"] == {"kind": "KH", "symbol": "123/KH-UBND", "number": "123", "issued_on": "2026-03-05",
                                  "issuer": "UBND tỉnh Hà Tĩnh"}


def test_a_two_column_header_read_as_interleaved_lines():
    text = ("BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỤC VĂN THƯ Độc lập - Tự do - Hạnh phúc\n"
            "Số: 45/CVT-NV\nHà Nội, ngày 2 tháng 4 năm 2026\nKính gửi: Sở Nội vụ các tỉnh.\nĐề nghị Sở Nội vụ các tỉnh "
            "rà soát hồ sơ lưu trữ, gửi báo cáo trước ngày 30/4/2026.")
    document = extract(text)["document"]
    assert document["symbol"] == "45/CVT-NV" and document["issued_on"] == "2026-04-02"
    assert document["issuer"].lower() == "cục văn thư"


def test_hard_wrapped_paragraphs_are_joined_and_markers_read():
    text = (HEADER + "**KẾ HOẠCH**\n\n**I. MỤC\nĐÍCH**\n\nBảo đảm thống nhất\ntrong chỉ đạo.\n\n**II. TỔ CHỨC THỰC HIỆN**\n\n"
            "**1. Sở Văn hóa, Thể thao\nvà Du lịch**\n\na) Xây dựng kế hoạch quảng bá du lịch\ncộng đồng.\n\n"
            "b) Phối hợp với Sở Tài chính bố trí kinh\nphí tổ chức lễ hội.\n")
    blocks = read_structure(text).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("roman", "I. MỤC ĐÍCH"), ("text", "Bảo đảm thống nhất trong chỉ đạo."), ("roman", "II. TỔ CHỨC THỰC HIỆN"),
        ("number", "1. Sở Văn hóa, Thể thao và Du lịch"), ("letter", "a) Xây dựng kế hoạch quảng bá du lịch cộng đồng."),
        ("letter", "b) Phối hợp với Sở Tài chính bố trí kinh phí tổ chức lễ hội.")]


def test_items_under_a_heading_that_names_a_body_go_to_that_body_and_aims_give_nothing():
    text = (HEADER + "**KẾ HOẠCH**\n\n**I. MỤC ĐÍCH, YÊU CẦU**\n\na) Nâng cao nhận thức về du lịch.\n\n"
            "**II. TỔ CHỨC THỰC HIỆN**\n\n**1. Sở Văn hóa, Thể thao và Du lịch**\n\na) Xây dựng kế hoạch quảng bá.\n\n"
            "b) Phối hợp với Sở Tài chính bố trí kinh phí tổ chức lễ hội.\n\n**2. Đề nghị: Hội Nông dân tỉnh, Tỉnh đoàn**\n\n"
            "Tuyên truyền, vận động hội viên tham gia.\n")
    found = [(a["lead"], a["coordinators"], a["action"]) for a in extract(text)["assignments"]]
    assert found == [("Sở Văn hóa, Thể thao và Du lịch", [], "Xây dựng kế hoạch quảng bá"),
                     ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Tài chính"], "bố trí kinh phí tổ chức lễ hội"),
                     ("Hội Nông dân tỉnh", [], "Tuyên truyền, vận động hội viên tham gia"),
                     ("Tỉnh đoàn", [], "Tuyên truyền, vận động hội viên tham gia")]


def test_a_numbered_item_that_is_a_whole_sentence_is_a_task_even_with_a_paragraph_after_it():
    text = ("1. Giao Sở Nội vụ rà soát biên chế, hoàn thành trước ngày 30/6/2026.\n"
            "2. Đề nghị UBND tỉnh chỉ đạo bố trí nguồn vốn cho tuyến đê trong quý IV/2026.\n"
            "Các đồng chí cần chủ động hơn trong thời gian tới.\n")
    leads = [a["lead"] for a in extract(text)["assignments"]]
    assert leads[:2] == ["Sở Nội vụ", "UBND tỉnh"]


def test_a_party_header_without_the_motto_still_gives_the_title():
    text = "TỈNH ỦY HÀ TĨNH\nSố 215-TB/TU\nHà Tĩnh, ngày 14 tháng 3 năm 2024\nTHÔNG BÁO KẾT LUẬN\ncủa Thường trực Tỉnh ủy\n1. Giao Sở Nội vụ rà soát.\n"
    structure = read_structure(text)
    assert structure.title == "THÔNG BÁO KẾT LUẬN của Thường trực Tỉnh ủy" and "Số 215-TB/TU" in structure.head
    document = extract(text)["document"]
    assert (document["issuer"], document["symbol"], document["issued_on"]) == ("Tỉnh ủy Hà Tĩnh", "215-TB/TU", "2024-03-14")


def test_a_lead_in_hands_its_addressee_to_the_numbered_items():
    text = ("Để hoàn thành kế hoạch năm, tỉnh Hà Tĩnh cần tập trung thực hiện một số nhiệm vụ sau đây:\n"
            "1. Rà soát các dự án chậm tiến độ.\n2. Đẩy mạnh giải ngân vốn đầu tư công.\n"
            "II. KIẾN NGHỊ\nKhông có.")
    assert [(a["lead"], a["action"]) for a in extract(text)["assignments"]] == [
        ("tỉnh Hà Tĩnh", "Rà soát các dự án chậm tiến độ"), ("tỉnh Hà Tĩnh", "Đẩy mạnh giải ngân vốn đầu tư công")]


def test_line_separated_fields_give_lead_coordinators_and_period():
    text = (HEADER + "**KẾ HOẠCH**\n\n**II. NỘI DUNG**\n\n1. Tập huấn nghiệp vụ cho cán bộ cấp xã\n\n"
            "- Cơ quan chủ trì: Sở Nội vụ; Sở Tư pháp.\n\n- Cơ quan phối hợp: Ủy ban nhân dân các xã, phường.\n\n"
            "- Thời gian thực hiện: Quý II/2026.\n")
    found = extract(text)["assignments"]
    assert [(a["lead"], a["coordinators"], a["deadline"]) for a in found] == [
        ("Sở Nội vụ", ["Ủy ban nhân dân các xã, phường"], "2026-06-30"),
        ("Sở Tư pháp", ["Ủy ban nhân dân các xã, phường"], "2026-06-30")]


def test_a_task_table_flattened_to_one_cell_per_line():
    table = ("|\nTT\n|\nNội dung nhiệm vụ\n|\nCơ quan chủ trì\n|\nCơ quan phối hợp\n|\nThời gian hoàn thành\n|\n|\n"
             "I. TUYÊN TRUYỀN\n|\n|\n1\n|\nTổ chức tuyên truyền trên\nbáo chí\n|\nSở Văn hóa; UBND cấp xã\n|\nBáo Hà Tĩnh\n|\n"
             "Quý I, II/2027\n|\n|\n2\n|\nĐánh giá kết quả\n|\nSở Nội vụ\n|\nCác sở, ngành\n|\nThường xuyên\n|\n")
    found = extract(HEADER + "**KẾ HOẠCH**\n\nPhụ lục\n\n" + table)["assignments"]
    assert [(a["lead"], a["action"], a["coordinators"], a["deadline"], a["recurrence"]) for a in found] == [
        ("Sở Văn hóa", "Tổ chức tuyên truyền trên báo chí", ["Báo Hà Tĩnh"], "2027-06-30", None),
        ("UBND cấp xã", "Tổ chức tuyên truyền trên báo chí", ["Báo Hà Tĩnh"], "2027-06-30", None),
        ("Sở Nội vụ", "Đánh giá kết quả", ["Các sở, ngành"], None, "ongoing")]


def test_signature_block_gives_the_signer_and_the_recipients_give_nothing():
    text = (HEADER + "**KẾ HOẠCH**\n\nGiao Sở Y tế kiểm tra an toàn thực phẩm.\n\n|\nNơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n|\n"
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n|\n")
    result = extract(text)
    assert {"name": "Trần Văn Bình", "title": "Phó Chủ tịch"} in result["people"]
    assert [a["lead"] for a in result["assignments"]] == ["Sở Y tế"]


@pytest.mark.parametrize("text, parts", [
    ("Sở Tài chính, các sở, ngành", ["Sở Tài chính", "các sở, ngành"]),
    ("UBND các huyện, thị xã, thành phố", ["UBND các huyện, thị xã, thành phố"]),
    ("Giám đốc các sở, Chủ tịch UBND các xã", ["Giám đốc các sở", "Chủ tịch UBND các xã"]),
    ("Sở Công Thương; Sở Xây dựng và các cơ quan liên quan", ["Sở Công Thương", "Sở Xây dựng", "các cơ quan liên quan"]),
    ("Ban cán sự đảng UBND tỉnh và các đơn vị liên quan", ["Ban cán sự đảng UBND tỉnh", "các đơn vị liên quan"]),
    ("Thủ trưởng các cơ quan, đơn vị cấp tỉnh", ["Thủ trưởng các cơ quan, đơn vị cấp tỉnh"]),
])
def test_addressee_lists_split_where_a_new_head_begins(text, parts):
    assert split_addressees(text) == parts


@pytest.mark.parametrize("heading, bodies", [
    ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
    ("Đề nghị Hội Cựu chiến binh tỉnh", ["Hội Cựu chiến binh tỉnh"]),
    ("Trách nhiệm của các địa phương", ["các địa phương"]),
    ("Sở Y tế - cơ quan thường trực:", ["Sở Y tế"]),
    ("Sở Y tế phải kiểm tra các cơ sở.", None),
    ("Mục đích", None),
])
def test_a_heading_names_bodies_only_when_it_is_nothing_but_names(heading, bodies):
    assert heading_bodies(heading, VERB_WORD) == bodies


@pytest.mark.parametrize("cell, expected", [
    ("Quý IV/2026", (date(2026, 12, 31), None)),
    ("Tháng 9/2027", (date(2027, 9, 30), None)),
    ("2027 - 2028", (date(2028, 12, 31), None)),
    ("Trước ngày 15/10/2026", (date(2026, 10, 15), None)),
    ("Thường xuyên", (None, "ongoing")),
    ("Năm 2026 và các năm tiếp theo", (None, "ongoing")),
    ("Tháng 12 hằng năm", (None, "yearly")),
    ("Theo tiến độ của dự án", (None, None)),
])
def test_a_completion_column_is_read_as_the_end_of_its_period(cell, expected):
    assert period_deadline(cell) == expected


def test_a_written_out_date_is_a_deadline():
    [a] = extract("Giao Sở Xây dựng hoàn thành hồ sơ trước ngày 15 tháng 7 năm 2026.")["assignments"]
    assert a["deadline"] == "2026-07-15"


def test_chairing_a_meeting_and_closing_formulas_are_not_tasks():
    text = ("Trước ngày 10/5/2026, Chủ tịch UBND tỉnh sẽ chủ trì cuộc họp nghe báo cáo.\n"
            "Văn phòng UBND tỉnh xin thông báo để các cơ quan biết, thực hiện.")
    assert extract(text)["assignments"] == []


def test_two_thousand_items_of_one_shape_are_two_thousand_tasks():
    items = "\n".join(f"{i}. Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế rà soát hồ sơ đất đai tại xã số {i}, "
                      f"hoàn thành trước ngày 30/6/2026." for i in range(1, 2001))
    found = extract("KẾ HOẠCH\nRà soát đất đai\nI. NHIỆM VỤ\n" + items)["assignments"]
    assert len(found) == 2000 and all(a["coordinators"] == ["Sở Y tế"] for a in found)


def test_the_same_task_stated_twice_is_kept_once():
    text = "Giao Sở Y tế kiểm tra an toàn thực phẩm.\nGiao Sở Y tế kiểm tra an toàn thực phẩm."
    assert len(extract(text)["assignments"]) == 1


def test_every_assignment_carries_the_span_of_its_source():
    from dieuhanh.intake.engine import analyse
    result = analyse("Tiêu đề bài\nGiao Sở Y tế kiểm tra an toàn thực phẩm.")
    [a] = result["assignments"]
    start, end = a["spans"][0]
    assert result["text"][start:end] == "Giao Sở Y tế kiểm tra an toàn thực phẩm."


def test_a_text_longer_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("DIEUHANH_INTAKE_MAX_CHARACTERS", "1000")
    path = tmp_path / "dai.txt"
    path.write_text("Giao Sở Y tế kiểm tra an toàn thực phẩm trên địa bàn. " * 40, encoding="utf-8")
    with pytest.raises(ReadError, match="dài hơn 1.000 ký tự, vượt giới hạn"):
        read_file(path)


def test_a_docx_that_unpacks_to_far_more_than_its_size_is_refused(tmp_path):
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * 30_000_000 + "</w:document>")
    with pytest.raises(ReadError, match="giải nén"):
        read_file(path)


def test_python_m_extracts_without_django(tmp_path):
    path = tmp_path / "tb.txt"
    path.write_text("Tiêu đề\nGiao Sở Y tế kiểm tra an toàn thực phẩm.", encoding="utf-8")
    code = ("import runpy, sys; sys.argv = ['x', '--json', %r]\n"
            "try:\n    runpy.run_module('dieuhanh.intake', run_name='__main__')\nexcept SystemExit: pass\n"
            "assert not any(m.startswith('django') for m in sys.modules), 'django imported'\n") % str(path)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '"lead": "Sở Y tế"' in done.stdout


def test_a_letter_spaced_or_ocr_split_kind_line_gives_the_kind():
    from dieuhanh.intake.document import header_kind

    assert header_kind("BAN CHẤP HÀNH\nK ẾT LUẬN") == "KL"
    assert header_kind("T H Ô N G   B Á O") == "TB" and header_kind("QUYẾT ĐỊNH") == "QĐ"
    assert header_kind("THÔNG BÁO KẾT QUẢ") is None


def test_an_item_under_the_addressee_that_names_its_own_doer_keeps_it():
    text = ("Đề nghị Cục Thuế các tỉnh, thành phố thực hiện một số nội dung sau:\n"
            "1. Rà soát kế hoạch thanh tra năm 2026.\n"
            "2. Các đoàn thanh tra, kiểm tra phải đối chiếu biểu quan hệ ngân sách trong biên bản.\n"
            "3. Các Chi cục Thuế rà soát hồ sơ hoàn thuế.\n")
    leads = [a["lead"] for a in extract(text)["assignments"]]
    assert leads == ["Cục Thuế các tỉnh, thành phố", "Các đoàn thanh tra, kiểm tra", "Các Chi cục Thuế"]


def test_recipients_are_set_apart_also_when_ocr_lost_their_marks():
    structure = read_structure("1. Giao Sở Nội vụ rà soát.\nNoi nhận:\n- Như trên;\n- Lưu: VT.\n")
    assert [b.text for b in structure.blocks] == ["1. Giao Sở Nội vụ rà soát."]


def _tasks(body: str) -> list[tuple]:
    text = HEADER + "**KẾ HOẠCH**\n\nTriển khai chuyển đổi số\n\n" + body
    return [(a["lead"], a["action"]) for a in extract(text)["assignments"]]


def test_the_responsibility_anchor_after_grounds_and_a_restricting_clause():
    found = _tasks("**IV. TỔ CHỨC THỰC HIỆN**\n\n1. Căn cứ Kế hoạch này, Sở Nội vụ và các sở được phân công chủ trì "
                   "nhiệm vụ có trách nhiệm xây dựng kế hoạch chi tiết, báo cáo kết quả trước ngày 15/12/2026.\n")
    assert found == [("Sở Nội vụ", "xây dựng kế hoạch chi tiết, báo cáo kết quả trước ngày 15/12/2026"),
                     ("các sở", "xây dựng kế hoạch chi tiết, báo cáo kết quả trước ngày 15/12/2026")]


def test_a_phrase_set_in_commas_between_the_lead_and_its_verb():
    found = _tasks("**IV. TỔ CHỨC THỰC HIỆN**\n\n2. Sở Tài chính, trên cơ sở đề nghị của các sở, ngành, địa phương, "
                   "tổng hợp, trình cấp có thẩm quyền bố trí kinh phí.\n")
    assert found == [("Sở Tài chính", "tổng hợp, trình cấp có thẩm quyền bố trí kinh phí")]


def test_in_a_funding_section_only_a_body_named_with_its_verb_has_a_task():
    found = _tasks("**III. KINH PHÍ THỰC HIỆN**\n\n1. Kinh phí thực hiện được bố trí trong dự toán hằng năm.\n\n"
                   "2. Đối với nhiệm vụ phát sinh, Ủy ban nhân dân các xã, phường chủ động bố trí từ ngân sách địa phương.\n\n"
                   "3. Bảo đảm sử dụng kinh phí đúng mục đích.\n")
    assert found == [("Ủy ban nhân dân các xã, phường", "chủ động bố trí từ ngân sách địa phương")]


def test_ban_hanh_is_a_verb_not_a_body():
    assert _tasks("**II. NHIỆM VỤ**\n\nBan hành:\n\n- 04/09/2026\n") == []


def test_parenthesised_numbers_are_list_items():
    blocks = read_structure("Nhiệm vụ trọng tâm:\n\n(1) Rà soát quy chế làm việc.\n\n(2) Số hóa hồ sơ lưu trữ.\n").blocks
    assert [(b.kind, b.content) for b in blocks][-2:] == [("paren", "Rà soát quy chế làm việc."),
                                                          ("paren", "Số hóa hồ sơ lưu trữ.")]


def test_a_document_websites_related_documents_block_ends_the_body():
    text = (HEADER + "**KẾ HOẠCH**\n\nTriển khai\n\n1. Sở Tư pháp chủ trì rà soát văn bản.\n\n## Văn bản liên quan\n\n"
            "1. Sở Y tế chủ trì kiểm tra.\n")
    assert [a["lead"] for a in extract(text)["assignments"]] == ["Sở Tư pháp"]
