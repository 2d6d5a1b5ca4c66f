"""Figures: "thu ngân sách đạt 11.710 tỷ đồng, bằng 96% dự toán", "tăng 16,56% so với cùng kỳ",
"21/31 nhà văn hóa", "gần 10 tỷ"."""

import re
from dataclasses import dataclass, field

from .letters import UPPER
from .numbers import NUMBER, parse_number

# Units of measure, longest first; "tỉ" is the other spelling of "tỷ".
UNITS = (r"tỷ đồng|tỉ đồng|triệu đồng|nghìn tỷ|nghìn tỉ|tỷ|tỉ|triệu USD|USD|ha|km|tấn|người|hộ|xã|dự án|doanh nghiệp|"
         r"ý kiến, kiến nghị|kiến nghị|đơn vị|lượt|căn|nhà|quần chúng|biên chế|tổ chức, đơn vị|em|học sinh|đảng viên|"
         r"tiêu chí|chỉ tiêu|lao động|hồ sơ|sản phẩm|%")
SPELLING = {"tỷ": "tỷ đồng", "tỉ": "tỷ đồng", "tỉ đồng": "tỷ đồng", "nghìn tỉ": "nghìn tỷ"}
VALUE = re.compile(rf"(?<![\d/.,])({NUMBER})(?:\s*/\s*({NUMBER}))?\s*({UNITS})(?![\w])")
PERCENT_OF_PLAN = re.compile(rf"(?:bằng|đạt)\s+({NUMBER})\s*%\s*(?:so với\s+)?(?:kế hoạch|dự toán|KH|chỉ tiêu)")
ABOVE_PLAN = re.compile(rf"vượt\s+({NUMBER})\s*%\s*(?:so với\s+)?(?:kế hoạch|dự toán|chỉ tiêu)")
CHANGE = re.compile(rf"(tăng|giảm)\s+(?:gần |hơn |khoảng )?({NUMBER})\s*%")
PERIOD = re.compile(r"(\d+ tháng(?: đầu năm)?(?: (?:năm )?(?:19|20)\d\d)?|năm (?:19|20)\d\d|quý [IV]+(?:/(?:19|20)\d\d)?)")
# "thu ngân sách trên địa bàn huyện đạt …": the place is not part of the figure's name.
PLACE = re.compile(rf"\s+(?:trên địa bàn|trên toàn|toàn)\s+(?:tỉnh|huyện|thành phố|thị xã|xã|phường)(?:\s+[{UPPER}]\w*)*")
NAME_STOP = re.compile(r"[;:.]|\b(?:đạt|được|là|với|có|tăng|giảm|bằng|còn|gần|hơn|trên|khoảng)\b")


@dataclass
class Indicator:
    name: str
    value: float | int | None
    unit: str | None
    percent_of_plan: float | None = None
    change_percent: float | None = None
    period: str | None = None
    line: int = field(default=-1, compare=False, repr=False)  # the block it was read from


# Not a result: a length ("tuyến đường dài 6 km"), a norm or rate ("mức hỗ trợ 50 triệu đồng/ha",
# "30.000 đồng/người/tháng").
NOT_A_FIGURE_BEFORE = re.compile(r"(?:\bdài|\brộng|\bcao|mức hỗ trợ|hỗ trợ tối đa|định mức|mức)\s+(?:khoảng\s+|gần\s+|hơn\s+)?$")
RATE_AFTER = re.compile(r"\s*/\s*(?:ha|người|hộ|tháng|năm|m2|m²|km|con|lượt|suất)\b")
NAME_WINDOW = 300  # characters before a figure where its name is looked for (a name has at most 10 words)


def _name_before(clause: str, end: int) -> str:
    """The noun phrase a figure belongs to: the words before it, back to a verb or a stop. Looked for
    in a bounded window, so a clause with many figures stays linear."""
    parts = [p for p in NAME_STOP.split(PLACE.sub("", clause[max(0, end - NAME_WINDOW):end])) if re.search(r"\w{2,}", p)]
    if not parts:
        return ""
    name = re.split(r",\s+(?:trong đó|và)\s+|,\s+", parts[-1].strip())[-1]
    name = re.sub(r"^(?:và|trong đó|,|\s)+|(?:\s|,)+$", "", name.strip())
    return " ".join(name.split()[-10:])


def find_indicators(lines: list[str]) -> list[Indicator]:
    found = []
    for at, line in enumerate(lines):
        for clause in re.split(rf"(?<=[;])\s+|(?<=\.)\s+(?=[{UPPER}])", line):
            for figure in _clause_indicators(clause):
                figure.line = at
                found.append(figure)
    return found


def _clause_indicators(clause: str) -> list[Indicator]:
    out = []
    plan = PERCENT_OF_PLAN.search(clause) or ABOVE_PLAN.search(clause)
    percent_of_plan = None
    if plan:
        percent_of_plan = parse_number(plan.group(1)) + (100 if plan.re is ABOVE_PLAN else 0)
    change = CHANGE.search(clause)
    change_percent = None
    if change:
        change_percent = parse_number(change.group(2)) * (-1 if change.group(1) == "giảm" else 1)
    period = PERIOD.search(clause)
    for m in VALUE.finditer(clause):
        if clause[m.end():m.end() + 12].strip().startswith(("dự toán", "kế hoạch")) or m.group(3) == "%" and (
                plan and plan.start() <= m.start() <= plan.end() or change and change.start() <= m.start() <= change.end()):
            continue
        if NOT_A_FIGURE_BEFORE.search(clause[max(0, m.start() - 40):m.start()]) or RATE_AFTER.match(clause, m.end()):
            continue
        value, total, unit = parse_number(m.group(1)), m.group(2), m.group(3)
        unit = SPELLING.get(unit, unit)
        name = _name_before(clause, m.start()) or unit
        if total:
            name = f"{name} (trên {total})"
        out.append(Indicator(name, value, unit, percent_of_plan if not out else None,
                             change_percent if not out else None, period.group(1) if period else None))
    if not out:  # figures that are only a change: "X tăng 2,41%, trong đó Y tăng 13,53%"
        for c in CHANGE.finditer(clause):
            name = _name_before(clause, c.start())
            if name:
                sign = -1 if c.group(1) == "giảm" else 1
                out.append(Indicator(name, None, None, None, sign * parse_number(c.group(2)),
                                     period.group(1) if period else None))
    return out
