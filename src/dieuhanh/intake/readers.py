"""Files to text: .txt in any common encoding, .docx (paragraphs and tables). Each failure is a
ReadError with a Vietnamese message naming the file; nothing else is raised."""

import zipfile
from pathlib import Path

from dieuhanh.text import clean

MAX_BYTES = 50 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "utf-16", "cp1258", "cp1252")


class ReadError(Exception):
    pass


def read_text_file(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{path.name}: không phải tệp văn bản (có dữ liệu nhị phân).")
    for encoding in ENCODINGS:
        try:
            return clean(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ReadError(f"{path.name}: không nhận ra bảng mã của tệp.")


def read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReadError(f"{path.name}: tệp DOCX bị hỏng hoặc không đúng định dạng ({error}).")
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    return clean("\n".join(parts))


def read_file(path: str | Path) -> str:
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: không tìm thấy tệp.")
    if path.stat().st_size == 0:
        raise ReadError(f"{path.name}: tệp rỗng.")
    if path.stat().st_size > MAX_BYTES:
        raise ReadError(f"{path.name}: tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB.")
    suffix = path.suffix.lower()
    if suffix in {".txt", ".text", ""}:
        return read_text_file(path)
    if suffix == ".docx":
        return read_docx(path)
    raise ReadError(f"{path.name}: chưa đọc được loại tệp {suffix} (hiện đọc .txt và .docx).")
