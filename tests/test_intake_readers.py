"""Readers: each kind of file to text, and a clear Vietnamese error for each bad one."""

import io
import zipfile
from pathlib import Path

import pytest

from dieuhanh.intake import extract
from dieuhanh.intake.readers import ReadError, fix_ocr_case, looks_vietnamese, read_file, unwrap

FILES = Path(__file__).parent / "files"
SENTENCE = "Giao Ban cán sự đảng UBND tỉnh chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy rà soát"


@pytest.fixture
def poppler(need_program):
    need_program("pdftotext", "poppler-utils")


@pytest.fixture
def tesseract(need_program, poppler):
    need_program("tesseract", "tesseract-ocr tesseract-ocr-vie")


def _write(tmp_path, name, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_txt_in_legacy_encodings_becomes_nfc_with_one_tone_placement(tmp_path):
    text = "Ban Tổ chức Tỉnh uỷ chủ trì, hoà giải"
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        got = read_file(_write(tmp_path, f"a-{encoding}.txt", text.encode(encoding)))
        assert got == "Ban Tổ chức Tỉnh ủy chủ trì, hòa giải"
    decomposed = "Ban To\u0302\u0309 chu\u031b\u0301c"
    assert read_file(_write(tmp_path, "nfd.txt", decomposed.encode())) == "Ban Tổ chức"


def test_docx_reads_paragraphs_and_task_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("THÔNG BÁO KẾT LUẬN")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Rà soát quy hoạch", "Sở Xây dựng", "Quý IV/2024"]):
        cell.text = text
    path = tmp_path / "ke-hoach.docx"
    document.save(path)
    text = read_file(path)
    assert "THÔNG BÁO KẾT LUẬN" in text
    assert "Rà soát quy hoạch | Sở Xây dựng | Quý IV/2024" in text
    [task] = extract(text)["assignments"]
    assert (task["lead"], task["action"], task["deadline"]) == ("Sở Xây dựng", "Rà soát quy hoạch", "2024-12-31")


def test_pdf_text_layer_is_read_with_wrapped_lines_joined(poppler):
    text = read_file(FILES / "notice-text.pdf")
    assert SENTENCE in text
    result = extract(text)
    assert result["document"]["symbol"] == "215-TB/TU"
    assert result["assignments"][0]["deadline"] == "2024-06-30"
    assert result["indicators"][0]["name"] == "thu ngân sách"


@pytest.mark.parametrize("name", ["notice-scan.pdf", "notice-scan.png"])
def test_scans_go_through_vietnamese_ocr_with_progress(tesseract, name):
    pages = []
    text = read_file(FILES / name, progress=lambda done, total: pages.append((done, total)))
    assert pages == [(1, 1)]
    result = extract(text)
    assert result["document"]["symbol"] == "215-TB/TU"
    assert result["document"]["issued_on"] == "2024-03-14"
    assert result["indicators"][0]["value"] == 512.4
    assert result["assignments"][0]["coordinators"] == ["Ban Tổ chức Tỉnh ủy"]


def test_ocr_case_confusions_are_repaired_but_codes_kept():
    assert fix_ocr_case("ThƯờng trực TỈnh ủy, QĐ-TTg, UBND") == "Thường trực Tỉnh ủy, QĐ-TTg, UBND"
    assert fix_ocr_case("Tỉnh Ủy, Huyện Ủy; Ủy ban") == "Tỉnh ủy, Huyện ủy; Ủy ban"


def test_unwrap_joins_lines_that_go_on():
    assert unwrap("Ban Tổ chức Tỉnh\nủy rà soát.\n2. Giao") == "Ban Tổ chức Tỉnh ủy rà soát.\n2. Giao"
    page = ("1. Giao Ban cán sự đảng UBND tỉnh chủ trì, phối hợp với Ban Tổ chức\n"
            "Tỉnh ủy rà soát, bố trí nguồn vốn đầu tư tuyến đê, hoàn thành trước\n"
            "30/6/2024.\n"
            "2. Ban Tuyên giáo và Dân vận Tỉnh ủy có trách nhiệm theo dõi, đôn đốc\n"
            "Can Lộc")
    assert unwrap(page).splitlines() == [
        "1. Giao Ban cán sự đảng UBND tỉnh chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy rà soát, bố trí "
        "nguồn vốn đầu tư tuyến đê, hoàn thành trước 30/6/2024.",
        "2. Ban Tuyên giáo và Dân vận Tỉnh ủy có trách nhiệm theo dõi, đôn đốc Can Lộc"]
    assert unwrap("THÔNG BÁO\nKẾT LUẬN") == "THÔNG BÁO\nKẾT LUẬN"


def test_encrypted_pdf_names_the_password(poppler):
    with pytest.raises(ReadError, match="mật khẩu"):
        read_file(FILES / "notice-encrypted.pdf")


def test_broken_pdf(poppler, tmp_path):
    data = (FILES / "notice-text.pdf").read_bytes()[:3000]
    with pytest.raises(ReadError, match="PDF bị hỏng"):
        read_file(_write(tmp_path, "hong.pdf", data))


def test_broken_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/other.xml", "<x/>")
    with pytest.raises(ReadError, match="DOCX bị hỏng"):
        read_file(_write(tmp_path, "hong.docx", buffer.getvalue()))
    with pytest.raises(ReadError, match="DOCX bị hỏng"):
        read_file(_write(tmp_path, "rac.docx", b"not a zip at all"))


@pytest.mark.parametrize("name,data,message", [
    ("rong.txt", b"", "tệp rỗng"),
    ("rac.txt", bytes(range(256)) * 40, "nhị phân"),
    ("rac2.txt", bytes(b % 32 for b in range(5000)).replace(b"\x00", b"\x01"), "nhị phân"),
    ("khoang-trang.txt", b"   \n\n  ", "không có chữ"),
    ("anh.gif", b"GIF89a....", "chưa đọc được loại tệp .gif"),
])
def test_bad_files_get_a_clear_message(tmp_path, name, data, message):
    with pytest.raises(ReadError, match=message):
        read_file(_write(tmp_path, name, data))


def test_text_in_another_language_is_refused(tmp_path):
    english = ("The provincial committee reviewed the budget and asked every department to report "
               "on progress before the end of the quarter, with particular attention to investment. ") * 5
    with pytest.raises(ReadError, match="không phải văn bản tiếng Việt"):
        read_file(_write(tmp_path, "english.txt", english.encode()))
    assert looks_vietnamese(SENTENCE * 5)


def test_file_over_50_mb_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "lon.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(ReadError, match="lớn hơn 50 MB"):
        read_file(path)


def test_missing_file():
    with pytest.raises(ReadError, match="không tìm thấy"):
        read_file("/khong/co/tep.txt")


def test_page_images_of_a_killed_reader_are_swept_and_a_live_readers_kept(tmp_path):
    import os
    import subprocess
    import sys

    from dieuhanh.core.scratch import SCRATCH_PREFIX, sweep_scratch

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f"{SCRATCH_PREFIX}{gone.stdout.strip()}-abc"
    live = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-def"
    for scratch in (dead, live):
        scratch.mkdir()
        (scratch / "trang-1.png").write_bytes(b"page image with the document's content")
    assert sweep_scratch(str(tmp_path)) == 1
    assert not dead.exists() and (live / "trang-1.png").exists()
