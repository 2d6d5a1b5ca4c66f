"""People named with a position: "Bí thư Huyện ủy Lộc Hà Nguyễn Thế Hoàn", "Đại tá Nguyễn Tất Nhân -
Chính ủy Bộ Chỉ huy Quân sự tỉnh", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Đỗ Trọng Hưng"."""

import re
from dataclasses import dataclass, field
from itertools import islice

from .letters import CAP_WORD
from .structure import SIGNATURE_ROLE

SURNAMES = set(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Lâm Mai Trịnh Trương Lương Hà "
    "Cao Tạ Chu Tô Lại Đào Thái Quách Vương Kiều Châu Hứa Phùng Tăng Triệu Lưu Nghiêm Từ Khúc La Tôn Kim Âu Doãn "
    "Hầu Giang Mạc Ninh Quan Thân Tống Ông Lò".split())  # not "Văn": a middle name far more often
TITLE_HEAD = (r"(?:Phó |Nguyên |Quyền )?(?:Bí thư|Chủ tịch|Chánh Văn phòng|Chánh Thanh tra|Trưởng [Bb]an|Trưởng đoàn|"
              r"Giám đốc|Chính ủy|Chỉ huy trưởng|Ủy viên|Uỷ viên|Bộ trưởng|Thứ trưởng|Thủ tướng|Tổng Bí thư|Trưởng phòng|"
              r"Tư lệnh|Viện trưởng|Chánh án|Tổng Giám đốc|Tổng cục trưởng|Cục trưởng|Thủ trưởng)")
TITLE_HEAD_RE = re.compile(TITLE_HEAD)
TOKEN = re.compile(r"\w+|[^\w\s]")
RANKS = re.compile(r"(?:Đại|Thượng|Trung|Thiếu) (?:tá|tướng)\s+")
MAX_TITLE_TOKENS = 20


def _capitalised(token: str) -> bool:
    return token[:1].isupper() and token[1:] == token[1:].lower() and token.isalpha()


NAME = rf"(?:{CAP_WORD}\s+){{1,3}}{CAP_WORD}"
NAME_DASH_TITLE = re.compile(rf"(?:{RANKS.pattern})?({NAME})\s+-\s+({TITLE_HEAD}[^:.;\n]*)")
NAME_COMMA_TITLES = re.compile(rf"({NAME}),\s+(?={TITLE_HEAD})")


def _titles_after(line: str, start: int) -> str:
    """Comma-joined titles from `start`: "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"."""
    parts = []
    for segment in re.split(r",\s*", re.split(r";| và |\.|:", line[start:], maxsplit=1)[0]):
        if not TITLE_HEAD_RE.match(segment):
            break
        parts.append(segment.strip())
    return ", ".join(parts)


@dataclass
class Person:
    name: str
    title: str
    line: int = field(default=-1, compare=False, repr=False)  # the block it was read from


def _split_name(run: list[str]) -> tuple[list[str], list[str]] | None:
    """(title words, name words) from a capitalised run: the name starts at a surname and has 3,
    else 2, else 4 syllables — place names before it belong to the title."""
    for size in (3, 2, 4):
        if len(run) >= size and run[-size] in SURNAMES:
            return run[:-size], run[-size:]
    return None


NAME_LOOKAHEAD = 8  # tokens past the longest title: a capitalised run holding a name of up to 4 syllables


def name_after(line: str, start: int) -> tuple[str, str, int] | None:
    """From a title head at `start`: (title, name, end) when a name closes the title. Only the tokens
    a title and a name can span are read (bounded look-ahead), so a long line stays linear."""
    tokens = [(m.group(0), m.start(), m.end())
              for m in islice(TOKEN.finditer(line, start), MAX_TITLE_TOKENS + NAME_LOOKAHEAD)]
    i = 0
    while i < min(len(tokens), MAX_TITLE_TOKENS):
        word = tokens[i][0]
        if word in ".;:!?()\"“”":
            return None
        if word == "," and not TITLE_HEAD_RE.match(line, tokens[i + 1][1] if i + 1 < len(tokens) else len(line)):
            return None
        if _capitalised(word):
            j = i
            while j < len(tokens) and _capitalised(tokens[j][0]):
                j += 1
            split = _split_name([t[0] for t in tokens[i:j]]) if i > 0 else None
            if split:
                extra, name = split
                title_end = tokens[i + len(extra) - 1][2] if extra else tokens[i - 1][2]
                return line[start:title_end].strip(" ,-"), " ".join(name), tokens[j - 1][2]
            i = j
            continue
        i += 1
    return None


def find_people(lines: list[str]) -> list[Person]:
    best: dict[str, Person] = {}
    for at, line in enumerate(lines):
        position = 0
        while (head := TITLE_HEAD_RE.search(line, position)) is not None:
            found = name_after(line, head.start())
            if found:
                title, name, position = found
                _keep(best, Person(name, title, at))
            else:
                position = head.end()
        for m in NAME_COMMA_TITLES.finditer(line):
            split = _split_name(m.group(1).split())
            if split and not split[0]:
                _keep(best, Person(" ".join(split[1]), _titles_after(line, m.end()), at))
        for m in NAME_DASH_TITLE.finditer(line):
            split = _split_name(m.group(1).split())
            if split and not split[0]:
                _keep(best, Person(" ".join(split[1]), m.group(2).strip(), at))
    return list(best.values())


def _keep(best: dict, person: Person):
    current = best.get(person.name)
    if current is None or len(person.title) > len(current.title):
        best[person.name] = person




def _title_case(line: str) -> str:
    """"PHÓ CHÁNH VĂN PHÒNG" → "Phó Chánh Văn phòng": each word capitalised but the second of a pair."""
    words = line.lower().split()
    out = []
    for index, word in enumerate(words):
        pair_tail = index > 0 and (words[index - 1], word) in {("chủ", "tịch"), ("văn", "phòng"), ("bí", "thư"),
                                                              ("giám", "đốc"), ("thủ", "tướng"), ("chủ", "nhiệm"),
                                                              ("thường", "trực"), ("cục", "trưởng")}
        out.append(word if pair_tail else word.capitalize())
    return " ".join(out)


def signer(lines: list[str]) -> Person | None:
    """The signature block: the signer's name on the last line, the position line right above it
    ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Huỳnh Minh Tuấn" → Phó Chủ tịch)."""
    for index in range(len(lines) - 1, -1, -1):
        words = lines[index].strip(" .,;").split()
        if not 2 <= len(words) <= 5 or not all(_capitalised(w) and not w.isupper() for w in words):
            continue
        if _split_name(words) is None or words[0] not in SURNAMES:
            continue
        title = ""
        for above in range(index - 1, -1, -1):
            candidate = lines[above].strip(" ,.;")
            if candidate and not SIGNATURE_ROLE.match(candidate) and candidate.isupper():
                title = _title_case(candidate)
                break
        return Person(" ".join(words), title)
    return None
