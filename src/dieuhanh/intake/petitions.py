"""Petitions and proposals raised to a higher level: "Bí thư Thị ủy Kỳ Anh Đặng Văn Thành: Đề nghị
UBND tỉnh …", "Mong muốn tỉnh quan tâm …", "Nhiều ý kiến cho rằng …"."""

import re
from dataclasses import dataclass

from .people import TITLE_HEAD_RE, _name_after

ASK = re.compile(r"\b(Đề nghị|Kiến nghị|Đề xuất|Mong muốn)\s+(Trung ương|tỉnh|UBND tỉnh|HĐND tỉnh|Chính phủ|các ngân hàng)?\s*(.+)",
                 re.IGNORECASE)
SPEAKER_LINE = re.compile(r"^(.{5,160}?):\s+(.+)$")


@dataclass
class Petition:
    by: str
    content: str
    to: str | None


def find_petitions(lines: list[str]) -> list[Petition]:
    out = []
    for line in lines:
        speaker = SPEAKER_LINE.match(line)
        if not speaker or not TITLE_HEAD_RE.match(speaker.group(1)):
            continue
        found = _name_after(speaker.group(1), 0)
        if not found:
            continue
        ask = ASK.match(speaker.group(2))
        if ask:
            title, name, _ = found
            content = ask.group(3).split(". ")[0].strip()
            out.append(Petition(f"{title} {name}", content, ask.group(2)))
    return out
