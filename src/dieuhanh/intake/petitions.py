"""Petitions and proposals raised to a higher level: "Bí thư Thị ủy Kỳ Anh Đặng Văn Thành: Đề nghị
UBND tỉnh …", "Mong muốn tỉnh quan tâm …", "Nhiều ý kiến cho rằng …"."""

import re
from dataclasses import dataclass, field

from .people import TITLE_HEAD_RE, name_after

ASK = re.compile(r"\b(Đề nghị|Kiến nghị|Đề xuất|Mong muốn)\s+(Trung ương|tỉnh|UBND tỉnh|HĐND tỉnh|Chính phủ|các ngân hàng)?\s*(.+)",
                 re.IGNORECASE)
SPEAKER_LINE = re.compile(r"^(.{5,160}?):\s+(.+)$")
# Who asks upward: associations, businesses, representatives of a department, localities, voters.
SUBMITTER = (r"(?:đại diện [^,.;]{2,40}?(?=\s+(?:cho biết|phát biểu|nêu|đề nghị|kiến nghị|đề xuất)\b)|(?:các |một số |nhiều )?(?:hiệp hội|hội|doanh nghiệp|cử tri|người dân|"
             r"lãnh đạo (?:các )?(?:huyện|xã|địa phương)|địa phương)[^.;:]{0,60}?)")
UPWARD = r"(UBND tỉnh|HĐND tỉnh|Trung ương|Chính phủ|tỉnh|các ngân hàng|các bộ, ngành)"
GROUP_ASKS = re.compile(rf"(?:^|,\s+|\.\s+)({SUBMITTER})(?:…|\.\.\.)?\s+(?:[^.;]{{0,80}}?,\s+)?(?:đề nghị|kiến nghị|đề xuất|mong muốn)\s+"
                        rf"{UPWARD}\s+([^.;]+)")
SUMMARISED = re.compile(r"^Nhiều ý kiến (?:cho rằng|đề nghị|kiến nghị)[,:]?\s*(.+)$")


@dataclass
class Petition:
    by: str
    content: str
    to: str | None
    line: int = field(default=-1, compare=False, repr=False)  # the block it was read from


def find_petitions(lines: list[str]) -> list[Petition]:
    out = []
    for at, line in enumerate(lines):
        summary = SUMMARISED.match(line)
        if summary:  # the article sums up the localities' requests in one block
            out.append(Petition("lãnh đạo các địa phương, đơn vị", summary.group(1).rstrip(". …"), None, at))
            continue
        for m in GROUP_ASKS.finditer(line):
            out.append(Petition(m.group(1).strip(" ,"), m.group(3).strip(), m.group(2), at))
        speaker = SPEAKER_LINE.match(line)
        if not speaker or not TITLE_HEAD_RE.match(speaker.group(1)):
            continue
        found = name_after(speaker.group(1), 0)
        if not found:
            continue
        ask = ASK.match(speaker.group(2))
        if ask:
            title, name, _ = found
            content = ask.group(3).split(". ")[0].strip()
            out.append(Petition(f"{title} {name}", content, ask.group(2), at))
    return out
