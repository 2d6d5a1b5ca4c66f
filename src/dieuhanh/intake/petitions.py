"""Petitions and proposals raised to a higher level: "Bí thư Thị ủy Kỳ Anh Đặng Văn Thành: Đề nghị
UBND tỉnh …", "Mong muốn tỉnh quan tâm …", "Nhiều ý kiến cho rằng …"."""

import re
from collections import Counter
from dataclasses import dataclass, field

from .bodies import NAMED_HEAD
from .letters import UPPER
from .people import TITLE_HEAD_RE, name_after

ASK = re.compile(r"\b(Đề nghị|Kiến nghị|Đề xuất|Mong muốn)\s+(Trung ương|tỉnh|UBND tỉnh|HĐND tỉnh|Chính phủ)?\s*(.+)",
                 re.IGNORECASE)
SPEAKER_LINE = re.compile(r"^(.{5,160}?):\s+(.+)$")
# Who asks upward: associations, businesses, representatives of a department, localities, voters.
SUBMITTER = (r"(?:đại diện [^,.;]{2,40}?(?=\s+(?:cho biết|phát biểu|nêu|đề nghị|kiến nghị|đề xuất)\b)|(?:các |một số |nhiều )?(?:hiệp hội|hội|doanh nghiệp|cử tri|người dân|"
             r"lãnh đạo (?:các )?(?:huyện|xã|địa phương)|địa phương)[^.;:]{0,60}?)")
UPWARD = r"(UBND tỉnh|HĐND tỉnh|Trung ương|Chính phủ|tỉnh|các bộ, ngành)"
GROUP_ASKS = re.compile(rf"(?:^|,\s+|\.\s+)({SUBMITTER})(?:…|\.\.\.)?\s+(?:[^.;]{{0,80}}?,\s+)?(?:đề nghị|kiến nghị|đề xuất|mong muốn)\s+"
                        rf"{UPWARD}\s+([^.;]+)")
ASK_VERB = re.compile(r"đề nghị|kiến nghị|đề xuất|mong muốn", re.IGNORECASE)


# A proposal that is part of a task given in the same sentence: "Giao Sở Tài chính chủ trì, phối hợp các đơn
# vị, địa phương nghiên cứu, đề xuất UBND tỉnh …" — the body is told to propose, it asks nothing.
GIVEN = re.compile(r"\b(?:[Gg]iao|chủ trì|có trách nhiệm|có nhiệm vụ|[Yy]êu cầu)\b")


def group_asks(text: str):
    """GROUP_ASKS matches, looked for only where an asking verb occurs (most sentences have none), and not
    inside a task the same sentence gives."""
    if not ASK_VERB.search(text):
        return iter(())
    return (m for m in GROUP_ASKS.finditer(text)
            if not GIVEN.search(text, text.rfind(". ", 0, m.start()) + 1, m.start()))


def asks_upward(text: str) -> bool:
    return next(group_asks(text), None) is not None


SUMMARISED = re.compile(r"^Nhiều ý kiến (?:cho rằng|đề nghị|kiến nghị)[,:]?\s*(.+)$")


@dataclass
class Petition:
    by: str
    content: str
    to: str | None
    line: int = field(default=-1, compare=False, repr=False)  # the block it was read from


# "Cử tri xã Xuân Lập, huyện Lâm Bình đề nghị:" — the request itself is on the following lines.
ASKERS_LEAD_IN = re.compile(r"^((?:Cử tri|Người dân|Nhân dân|Doanh nghiệp|Các doanh nghiệp|Hiệp hội|Hội|Đại diện|Ông|Bà)\b"
                            r"[^:;.]{0,120}?)\s+(?:đề nghị|kiến nghị|đề xuất|phản ánh và đề nghị)\s*:\s*$")
# The section of a conclusion on the locality's own proposals: "III. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH".
PROPOSALS_SECTION = re.compile(r"^(?:[IVX]+\s*[.)]\s*)?(?:VỀ\s+)?(?:MỘT SỐ |CÁC )?(?:ĐỀ XUẤT|KIẾN NGHỊ|ĐỀ NGHỊ)"
                               r"(?:,\s*(?:ĐỀ XUẤT|KIẾN NGHỊ|ĐỀ NGHỊ))*\s+CỦA\s+(TỈNH|THÀNH PHỐ|HUYỆN|XÃ|PHƯỜNG)\b")
# "1. Về kiến nghị điều chỉnh quy hoạch …", "2. Về đề nghị Bộ Tài chính bổ sung vốn …": one proposal of that section.
PROPOSAL_ITEM = re.compile(r"^\d+\s*[.)]\s*Về\s+(?:các\s+)?(?:kiến nghị|đề nghị|đề xuất)\s+(?:của [^,]{2,40}?\s+)?(?:về\s+)?(.+)$",
                           re.IGNORECASE)
# The body a proposal names before its request: "Bộ Khoa học và Công nghệ phối hợp …" → "Bộ Khoa học và Công nghệ".
PROPOSAL_TO = re.compile(rf"^((?:các bộ, ngành(?: Trung ương)?|{NAMED_HEAD}\s+[{UPPER}][^,;:]{{0,60}}?))\s+"
                         r"(?=quan tâm|sớm|tham mưu|phối hợp|xem xét|nghiên cứu|ban hành|hướng dẫn|hỗ trợ|bố trí|cho phép|"
                         r"chỉ đạo|sửa đổi|rà soát|có ý kiến|bổ sung)")
SECTION_END = re.compile(rf"^(?:[IVX]+\s*[.)]|[{UPPER}][{UPPER}\s,]{{8,}}$)")


def _locality(lines: list[str], kind: str) -> str:
    """The locality a "… CỦA TỈNH" section speaks for: the "tỉnh X" the text names most often."""
    named = Counter(m.group(0) for line in lines for m in re.finditer(
        rf"\b{kind} (?:[{UPPER}]\w*)(?: [{UPPER}]\w*){{0,2}}", line))
    return named.most_common(1)[0][0] if named else kind


def _request(text: str) -> str:
    """The request of a proposal: up to its colon or the end of its first sentence."""
    return re.split(r":|(?<=[.;])\s+(?=[A-ZĐ])", text, maxsplit=1)[0].strip(" .;")[:400]


def proposal_petitions(lines: list[str]) -> list[Petition]:
    """Rule: in a conclusion's section on the locality's proposals, each "Về kiến nghị / đề nghị …"
    item is one petition by the locality, to the body it names ("Về đề nghị Bộ Tài chính bổ sung vốn …")."""
    out, by = [], None
    for at, line in enumerate(lines):
        section = PROPOSALS_SECTION.match(line)
        if section:
            by = _locality(lines, section.group(1).lower())
            continue
        if by and SECTION_END.match(line) and not PROPOSAL_ITEM.match(line):
            by = None
        item = PROPOSAL_ITEM.match(line) if by else None
        if item:
            request = _request(item.group(1))
            to = PROPOSAL_TO.match(request)
            out.append(Petition(by, request, to.group(1) if to else None, at))
    return out


def asked_below(lines: list[str]) -> list[Petition]:
    """Rule: "Cử tri xã X đề nghị:" then the request on the next line(s) — one petition per line,
    up to the answer ("TRẢ LỜI:") or the next lead-in."""
    out = []
    for at, line in enumerate(lines):
        lead_in = ASKERS_LEAD_IN.match(line)
        if not lead_in:
            continue
        for following in range(at + 1, min(at + 6, len(lines))):
            text = lines[following].strip()
            if not text:
                continue
            if text.endswith(":") or text.isupper():
                break
            out.append(Petition(lead_in.group(1).strip(" ,"), _request(text), None, following))
    return out


def find_petitions(lines: list[str]) -> list[Petition]:
    out = proposal_petitions(lines) + asked_below(lines)
    for at, line in enumerate(lines):
        summary = SUMMARISED.match(line)
        if summary:  # the article sums up the localities' requests in one block
            out.append(Petition("lãnh đạo các địa phương, đơn vị", summary.group(1).rstrip(". …"), None, at))
            continue
        for m in group_asks(line):
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
