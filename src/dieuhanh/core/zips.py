"""Office files (XLSX, DOCX) are ZIP archives stamped with the moment they were written, in each member's
date and in their properties (docProps/core.xml, which openpyxl sets on saving whatever it was told): the
same report written twice differs in its bytes. Restamped with the report's own day, the same content gives
the same file, so an archived or signed report can be compared with one built again."""

import re
import zipfile
from datetime import date
from io import BytesIO

PROPERTIES = "docProps/core.xml"
STAMP = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def restamped(data: bytes, day: date) -> bytes:
    """The archive with every member dated `day` (00:00) and the document created and modified that day,
    members in the same order and compression."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    stamp = f"{day:%Y-%m-%d}T00:00:00Z".encode()
    with zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == PROPERTIES:
                content = STAMP.sub(lambda m: m.group(1) + stamp + m.group(2), content)
            info = zipfile.ZipInfo(member.filename, date_time=(max(day.year, 1980), day.month, day.day, 0, 0, 0))
            info.compress_type, info.external_attr = member.compress_type, member.external_attr
            target.writestr(info, content)
    return out.getvalue()
