"""Files to text: .txt in any common encoding, .docx (paragraphs and tables), .pdf (text layer,
OCR for pages without one) and images (OCR). Each failure is a ReadError with a Vietnamese message
naming the file; nothing else is raised. PDF and OCR go through the Debian tools poppler-utils and
tesseract-ocr(-vie) rather than a Python PDF library: they are what TOOLING.md measured to read
Vietnamese correctly, and the same tools serve both the text layer and the scans."""

import functools
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from dieuhanh.core.filetypes import binary_head
from dieuhanh.core.scratch import scratch_dir, sweep_scratch
from dieuhanh.core.text import clean

MAX_BYTES = 50 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "utf-16", "cp1258", "cp1252")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
# A page whose text layer has fewer letters than this is a scan (or a stamp and a signature).
PAGE_MIN_LETTERS = 40
OCR_DPI = 300
TOOL_SECONDS = 180

# The longest text worth reading (DIEUHANH_INTAKE_MAX_CHARACTERS): past it a file is refused before
# anything is stored. A DOCX that unpacks to more than MAX_DOCX_RATIO times its size is a zip bomb.
DEFAULT_MAX_CHARACTERS = 2_000_000
MAX_DOCX_RATIO = 100
MAX_DOCX_UNPACKED = 200 * 1024 * 1024


def max_characters() -> int:
    try:
        return int(os.environ.get("DIEUHANH_INTAKE_MAX_CHARACTERS", DEFAULT_MAX_CHARACTERS))
    except ValueError:
        return DEFAULT_MAX_CHARACTERS


# progress(done_pages, total_pages): lets a background job show how far a long scan has gone.
Progress = Callable[[int, int], None]


class ReadError(Exception):
    pass


def read_text_file(path: Path) -> str:
    data = path.read_bytes()
    if binary_head(data):
        raise ReadError(f"{path.name}: không phải tệp văn bản (có dữ liệu nhị phân).")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if c < " " and c not in "\n\r\t\f")
        if controls > len(text) // 100:
            raise ReadError(f"{path.name}: không phải tệp văn bản (có dữ liệu nhị phân).")
        return clean(text)
    raise ReadError(f"{path.name}: không nhận ra bảng mã của tệp.")


def read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ReadError(f"{path.name}: tệp DOCX bị hỏng hoặc không đúng định dạng ({error}).")
    if unpacked > MAX_DOCX_UNPACKED or unpacked > MAX_DOCX_RATIO * max(path.stat().st_size, 1):
        raise ReadError(f"{path.name}: tệp DOCX giải nén ra quá lớn so với kích thước tệp (nghi là tệp nén độc hại).")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReadError(f"{path.name}: tệp DOCX bị hỏng hoặc không đúng định dạng ({error}).")
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    return clean("\n".join(parts))


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if not found:
        raise ReadError(f"Máy chủ thiếu chương trình {name}: cần cài gói Debian {package}.")
    return found


def _run(args: list[str], path: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(args, capture_output=True, timeout=TOOL_SECONDS)
    except subprocess.TimeoutExpired:
        raise ReadError(f"{path.name}: đọc tệp quá {TOOL_SECONDS} giây, đã dừng.")


@functools.cache  # a failure raises and is not cached: installing the package later is seen
def _ocr_ready() -> str:
    tesseract = _tool("tesseract", "tesseract-ocr")
    langs = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True).stdout
    if "vie" not in langs.split():
        raise ReadError("Máy chủ thiếu dữ liệu tiếng Việt cho nhận dạng chữ: cần cài gói Debian tesseract-ocr-vie.")
    return tesseract


def _ocr_image(image: Path, path: Path) -> str:
    done = _run([_ocr_ready(), str(image), "stdout", "-l", "vie"], path)
    if done.returncode != 0:
        raise ReadError(f"{path.name}: không nhận dạng được chữ trong ảnh ({_first_line(done.stderr)}).")
    return fix_ocr_case(done.stdout.decode("utf-8", "replace"))


# Tesseract confuses the case of toned capitals ("ThƯờng", "TỈnh"): a word with a capital after a
# lower-case letter, or two capitals then lower case, is a capitalised word. Codes such as "TTg"
# have one lower-case letter and stay as they are.
def _miscased(word: str) -> bool:
    if word.isupper() or sum(c.islower() for c in word) < 2:
        return False
    upper_after_lower = any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))
    return upper_after_lower or (word[0].isupper() and word[1].isupper())


def fix_ocr_case(text: str) -> str:
    text = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize() if _miscased(m.group(0)) else m.group(0), text)
    # "Ủ" and "ủ" differ little on a scan; after a level of government it is always "ủy".
    return re.sub(r"\b(Tỉnh|Huyện|Thành|Thị|Đảng|Quận)(\s+)Ủy\b", r"\1\2ủy", text)


def _first_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0].strip() if lines else "không rõ lỗi"


_LIST_MARK = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[-+•*–]|[IVX]+\.)\s")


def unwrap(text: str) -> str:
    """PDF and OCR text breaks lines where the page did. A line goes on into the next when the next
    begins in lower case, or when it ran to the right margin (near the page's longest line) without
    closing a sentence and the next is not a new list item: the engine then sees whole sentences."""
    lines = [line.strip() for line in text.splitlines()]
    margin = 0.8 * max((len(line) for line in lines), default=0)
    out: list[str] = []
    wrapped = False
    for line in lines:
        if out and out[-1] and line and out[-1][-1] not in ".:;!?" and (
                line[:1].islower() or wrapped and not _LIST_MARK.match(line)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        wrapped = len(line) >= margin and len(line) > 40
    return "\n".join(out)


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def pdf_pages(path: Path) -> int:
    done = _run([_tool("pdfinfo", "poppler-utils"), str(path)], path)
    message = done.stderr.decode("utf-8", "replace").lower()
    if done.returncode != 0 or "incorrect password" in message:
        if "password" in message or "encrypt" in message:
            raise ReadError(f"{path.name}: tệp PDF có mật khẩu; hãy gỡ mật khẩu rồi tải lại.")
        raise ReadError(f"{path.name}: tệp PDF bị hỏng hoặc không đúng định dạng.")
    found = re.search(rb"^Pages:\s+(\d+)", done.stdout, re.M)
    if not found or int(found.group(1)) == 0:
        raise ReadError(f"{path.name}: tệp PDF không có trang nào.")
    return int(found.group(1))


def read_pdf(path: Path, progress: Progress | None = None) -> str:
    total = pdf_pages(path)
    done = _run([_tool("pdftotext", "poppler-utils"), "-enc", "UTF-8", str(path), "-"], path)
    if done.returncode != 0:
        raise ReadError(f"{path.name}: không đọc được lớp chữ của PDF ({_first_line(done.stderr)}).")
    layer = done.stdout.decode("utf-8", "replace").split("\f")
    pages = []
    sweep_scratch()
    with scratch_dir("ocr") as scratch:
        for number in range(1, total + 1):
            text = layer[number - 1] if number <= len(layer) else ""
            if _letters(text) < PAGE_MIN_LETTERS:
                text = _ocr_pdf_page(path, number, scratch) or text
            pages.append(text)
            if progress:
                progress(number, total)
    return clean(unwrap("\n".join(pages)))


def _ocr_pdf_page(path: Path, number: int, scratch: Path) -> str:
    _ocr_ready()
    stem = scratch / f"page-{number}"
    done = _run([_tool("pdftoppm", "poppler-utils"), "-r", str(OCR_DPI), "-gray", "-png",
                 "-singlefile", "-f", str(number), "-l", str(number), str(path), str(stem)], path)
    image = stem.with_suffix(".png")
    if done.returncode != 0 or not image.exists():
        raise ReadError(f"{path.name}: không chuyển được trang {number} thành ảnh để nhận dạng chữ.")
    return _ocr_image(image, path)


def read_image(path: Path, progress: Progress | None = None) -> str:
    text = _ocr_image(path, path)
    if progress:
        progress(1, 1)
    return clean(unwrap(text))


# Letters that only Vietnamese (among the languages a provincial office receives) writes.
_VIETNAMESE_MARKS = set("ăâđêôơưĂÂĐÊÔƠƯ") | {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def looks_vietnamese(text: str) -> bool:
    """Short texts pass: a title or a single line is no ground for refusing a file."""
    letters = _letters(text)
    if letters < 200:
        return True
    marked = sum(1 for c in unicodedata.normalize("NFD", text) if c in _VIETNAMESE_MARKS)
    return marked / letters >= 0.05


def read_file(path: str | Path, progress: Progress | None = None) -> str:
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: không tìm thấy tệp.")
    size = path.stat().st_size
    if size == 0:
        raise ReadError(f"{path.name}: tệp rỗng.")
    if size > MAX_BYTES:
        raise ReadError(f"{path.name}: tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB.")
    suffix = path.suffix.lower()
    if suffix in {".txt", ".text", ""}:
        text = read_text_file(path)
    elif suffix == ".docx":
        text = read_docx(path)
    elif suffix == ".pdf":
        text = read_pdf(path, progress)
    elif suffix in IMAGE_SUFFIXES:
        text = read_image(path, progress)
    else:
        raise ReadError(f"{path.name}: chưa đọc được loại tệp {suffix} (đọc .txt, .docx, .pdf, ảnh .png/.jpg/.tif).")
    if not text.strip():
        raise ReadError(f"{path.name}: không có chữ nào đọc được.")
    if len(text) > max_characters():
        limit = f"{max_characters():,}".replace(",", ".")  # Vietnamese thousands: 2.000.000
        raise ReadError(f"{path.name}: văn bản dài hơn {limit} ký tự, vượt giới hạn đọc.")
    if not looks_vietnamese(text):
        raise ReadError(f"{path.name}: không phải văn bản tiếng Việt.")
    return text
