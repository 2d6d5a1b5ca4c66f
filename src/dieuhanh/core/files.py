"""Uploaded files: a size cap, and the type read from the content, never from the name."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

from dieuhanh.core.filetypes import binary_head

ALLOWED = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    name: str
    content_type: str
    size: int


def _sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return ALLOWED[".docx"]
        if "xl/workbook.xml" in names:
            return ALLOWED[".xlsx"]
    return None


def _looks_like_text(upload) -> bool:
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    return not binary_head(head)


def check_upload(upload, allowed=(".pdf", ".docx"), cap_mb: int | None = None) -> CheckedFile:
    """Raise a Vietnamese ValidationError unless the file is within the cap and is what its name says."""
    name = PurePath(upload.name or "").name
    suffix = PurePath(name).suffix.lower()
    cap_mb = cap_mb or settings.MAX_UPLOAD_MB
    if upload.size > cap_mb * 1024 * 1024:
        raise ValidationError(f"Tệp “{name}” vượt quá dung lượng cho phép ({cap_mb} MB).")
    if upload.size == 0:
        raise ValidationError(f"Tệp “{name}” rỗng.")
    if suffix not in allowed:
        kinds = ", ".join(s.lstrip(".").upper() for s in allowed)
        raise ValidationError(f"Tệp “{name}” không thuộc loại được phép ({kinds}).")
    actual = _sniff(upload) or (ALLOWED[".txt"] if suffix == ".txt" and _looks_like_text(upload) else None)
    if actual != ALLOWED[suffix]:
        raise ValidationError(f"Nội dung tệp “{name}” không phải là tệp {suffix.lstrip('.').upper()} như tên tệp.")
    return CheckedFile(upload, name, actual, upload.size)
