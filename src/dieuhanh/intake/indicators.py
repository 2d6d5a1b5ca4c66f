"""Figures: "thu ngân sách đạt 11.710 tỷ đồng, bằng 96% dự toán", "tăng 16,56% so với cùng kỳ",
"21/31 nhà văn hóa", "gần 10 tỷ".

A clause that reports figures is a subject followed by a chain of predicates:

    subject  (amount | against plan | change | ratio to the same period | bracket)+

"Tổng thu ngân sách quý I là 2.104,6 tỷ đồng, đạt 24,5% dự toán năm và giảm 8,2% so với cùng kỳ" is one
figure with three predicates. A new figure starts where an amount or a change follows words of its own
("…, đạt 48% và thu từ đất là 120 tỷ đồng"); a bracket is a figure of its own ("(lũy kế 3 tháng tăng
9,5%)"), named after the figure it follows when it names nothing itself."""

import re
from dataclasses import dataclass, field

from dieuhanh.core.numbers import NUMBER, NUMBER_RE, parse_number
from dieuhanh.core.text import fold

from .letters import UPPER

# Units of measure, longest first; "tỉ" is the other spelling of "tỷ".
UNITS = (r"tỷ đồng|tỉ đồng|triệu đồng|nghìn tỷ đồng|nghìn tỉ đồng|nghìn tỷ|nghìn tỉ|tỷ|tỉ|triệu USD|USD|ha|km|tấn|"
         r"triệu lao động|triệu lượt|người|hộ|xã|dự án|doanh nghiệp|ý kiến, kiến nghị|kiến nghị|đơn vị|lượt|căn|nhà|"
         r"quần chúng|biên chế|tổ chức, đơn vị|em|học sinh|đảng viên|tiêu chí|chỉ tiêu|lao động|hồ sơ|sản phẩm|%")
SPELLING = {"tỷ": "tỷ đồng", "tỉ": "tỷ đồng", "tỉ đồng": "tỷ đồng", "nghìn tỉ": "nghìn tỷ", "nghìn tỉ đồng": "nghìn tỷ đồng"}
BOUND = r"(?:gần|hơn|trên|khoảng|xấp xỉ|≥|>)\s*"
# What a share is measured against: "kế hoạch", "dự toán HĐND tỉnh giao", "so với nghị quyết đề ra", "mục tiêu".
PLAN_BASE = r"(?:so\s+(?:với\s+)?)?(?:kế hoạch|dự toán|KH|chỉ tiêu|nghị quyết|mục tiêu)"
SAME_PERIOD = r"(?:cùng kỳ|năm trước|năm ngoái)"
# A change against the month or quarter before is not the figure's change (the year-on-year one is).
OTHER_PERIOD = r"(?:tháng trước|quý trước|kỳ trước|tuần trước)"
PREDICATES = re.compile(
    rf"(?P<plan>(?:bằng|đạt)\s+(?:{BOUND})?(?P<plan_n>{NUMBER})\s*%\s*{PLAN_BASE})"
    rf"|(?P<above>vượt\s+(?:{BOUND})?(?P<above_n>{NUMBER})\s*%\s*{PLAN_BASE})"
    rf"|(?P<ratio>bằng\s+(?P<ratio_n>{NUMBER})\s*%\s*(?:so với\s+)?{SAME_PERIOD})"
    rf"|(?P<change>(?P<dir>(?i:tăng|giảm|cao hơn|thấp hơn))\s+(?:{BOUND})?(?P<change_n>{NUMBER})\s*%"
    rf"(?:\s*(?:so\s+(?:với\s+)?)?(?P<base>{OTHER_PERIOD}|{SAME_PERIOD}))?)"
    rf"|(?P<share>đạt\s+(?:{BOUND})?(?P<share_n>{NUMBER})\s*%)"
    rf"|(?P<amount>(?<![\d/.,])(?:{BOUND})?(?P<amount_n>{NUMBER})(?:\s*/\s*(?P<total>{NUMBER}))?\s*(?P<unit>{UNITS})(?![\w]))")
PERIOD = re.compile(r"((?:lũy kế |luỹ kế )?\d+ tháng(?: đầu năm)?(?: (?:năm )?(?:19|20)\d\d)?|năm (?:19|20)\d\d|"
                    r"quý [IV]+(?:/(?:19|20)\d\d)?)")
# Words of a subject that are the period, not the name: "Tổng thu ngân sách 6 tháng", "Chỉ số … tháng".
PERIOD_IN_NAME = re.compile(rf"\s*(?:{PERIOD.pattern}|\b(?:lũy kế|luỹ kế|tháng|quý|trong tháng|trong quý|đến nay|hiện nay|đến thời điểm này)\b)\s*",
                            re.IGNORECASE)
# "thu ngân sách trên địa bàn huyện đạt …": the place is not part of the figure's name.
PLACE = re.compile(rf"\s+(?:trên địa bàn|trên toàn|toàn)\s+(?:tỉnh|huyện|thành phố|thị xã|xã|phường)(?:\s+[{UPPER}]\w*)*")
# Verbs end a name, but not the nouns made of them ("tăng trưởng", "số thuế tăng thu", "giảm nghèo").
NAME_STOP = re.compile(r"[;:]|\.(?!\d)|\b(?:đạt|được|là|với|có|tăng(?! trưởng| thu)|giảm(?! nghèo)|bằng|còn|ước đạt|ước|chiếm)\b")
# Between two predicates of one figure: connectives (", ", "và", "đồng thời"), after the rest of the previous
# predicate ("… dự toán HĐND tỉnh giao, đạt …", "… 120 hợp tác xã thành lập mới, tăng …"); words after the
# connective are a new subject ("…, đạt 48% và thu từ đất là …").
CONNECTIVE = re.compile(r"^(?:[^,;()]{0,40}?(?:,|\s(?:và|đồng thời|nhưng)\b))?\s*(?:(?:ước\s+)?(?:đạt|là|được|chiếm)\s*)?$")
NAME_WINDOW = 300  # characters before a figure where its name is looked for (a name has at most 10 words)


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
# "30.000 đồng/người/tháng"), an absolute change ("tăng 4,58 triệu đồng so với năm 2020").
NOT_A_FIGURE_BEFORE = re.compile(r"(?:\bdài|\brộng|\bcao|mức hỗ trợ|hỗ trợ tối đa|định mức|mức)\s*$")
# "49,15 triệu đồng, tăng 4,58 triệu đồng so với năm 2020": an amount after tăng/giảm compares the figure
# before it; with no figure before it, it is the result ("biên chế giảm 345 biên chế").
BY_AMOUNT = re.compile(r"\b(?:tăng|giảm)(?: thêm)?\s*$")
RATE_AFTER = re.compile(r"\s*/\s*(?:ha|người|hộ|tháng|năm|m2|m²|km|con|lượt|suất)\b")
BRACKET = re.compile(r"\(([^()]{1,200})\)")


def name_of(subject: str) -> str:
    """Rule: a figure's name is the noun phrase before its first predicate, back to a verb or a stop,
    without its period or place ("Tổng thu ngân sách nhà nước 6 tháng là …" → "Tổng thu ngân sách nhà
    nước"). Looked for in a bounded window, so a clause with many figures stays linear."""
    window = PLACE.sub("", subject[-NAME_WINDOW:])
    parts = [p for p in NAME_STOP.split(window) if re.search(r"\w{2,}", p)]
    if not parts:
        return ""
    name = re.split(r",\s+(?:trong đó|và)\s+|,\s+", parts[-1].strip())[-1]
    name = PERIOD_IN_NAME.sub(" ", name)
    name = re.sub(r"^(?:và|trong đó|riêng|còn|,|\s)+|(?:\s|,|\()+$", "", " ".join(name.split()), flags=re.IGNORECASE)
    return " ".join(name.split()[-10:])


@dataclass
class _Figure:
    subject: str
    value: float | int | None = None
    unit: str | None = None
    total: str | None = None
    percent_of_plan: float | None = None
    change_percent: float | None = None
    end: int = 0  # where its last predicate ends in the clause
    after: str = ""  # the words after it

    def empty(self) -> bool:
        return self.value is None and self.percent_of_plan is None and self.change_percent is None


def find_indicators(lines: list[str]) -> list[Indicator]:
    """Every figure of the text, once: a figure printed twice (a caption repeating the text) is one."""
    found, seen = [], set()
    for at, line in enumerate(lines):
        for clause in re.split(rf"(?<=[;])\s+|(?<=\.)\s+(?=[{UPPER}])", line):
            for figure in clause_indicators(clause):
                key = (fold(figure.name), figure.value, figure.unit, figure.percent_of_plan, figure.change_percent)
                if key in seen and figure.name:
                    continue
                seen.add(key)
                figure.line = at
                found.append(figure)
    return found


# Every figure has a number followed by its unit or "%": most clauses are passed over in one short search.
FIGURE_HINT = re.compile(rf"\d\s*(?:{UNITS})(?!\w)")


def clause_indicators(clause: str, subject: str = "") -> list[Indicator]:
    """The figures of one clause; bracketed figures are read on their own, after the figure they follow."""
    if not FIGURE_HINT.search(clause):
        return []
    brackets = [m for m in BRACKET.finditer(clause) if PREDICATES.search(m.group(1))]
    main = clause
    for m in brackets:  # blanked, so positions stay
        main = main[:m.start()] + " " * (m.end() - m.start()) + main[m.end():]
    figures = _chain(main)
    period = PERIOD.search(main)
    out = [_indicator(f, subject, period) for f in figures]
    for m in brackets:
        before = [i for i, f in enumerate(figures) if f.end <= m.start()]
        named = out[before[-1]].name if before else subject
        out += clause_indicators(m.group(1), named)
    return [i for i in out if i.value is not None or i.name]  # a change of nothing named is no figure


def _indicator(figure: _Figure, default_name: str, clause_period) -> Indicator:
    name = name_of(figure.subject) or default_name or _named_after(figure) or figure.unit or ""
    if figure.total:
        name = f"{name} (trên {figure.total})"
    own = PERIOD.search(figure.subject)
    period = own or clause_period
    return Indicator(name, figure.value, figure.unit, figure.percent_of_plan, figure.change_percent,
                     period.group(1) if period else None)


def _named_after(figure: _Figure) -> str:
    """Rule: a share that opens its clause names what follows it ("Đến nay, 100% các xã đã có quy hoạch")."""
    if figure.unit != "%":
        return ""
    return " ".join(re.split(r"[,;.:(]", figure.after)[0].split()[:10])


def _chain(clause: str) -> list[_Figure]:
    """Rule: the predicates of a clause, grouped into figures (see the module's docstring)."""
    figures: list[_Figure] = []
    current, since = None, 0
    for m in PREDICATES.finditer(clause):
        gap = clause[since:m.start()]
        kind = _kind(m)
        if kind == "amount" and (NOT_A_FIGURE_BEFORE.search(clause[max(0, m.start() - 40):m.start()])
                                 or RATE_AFTER.match(clause, m.end())
                                 or clause[m.end():m.end() + 12].strip().startswith(("dự toán", "kế hoạch"))):
            since = m.end()
            continue
        joins = current is not None and CONNECTIVE.match(gap)
        if kind == "amount" and BY_AMOUNT.search(clause[max(0, m.start() - 12):m.start()]) and (
                (joins and current.value is not None) or NUMBER_RE.search(clause, max(0, m.start() - 60), m.start())):
            since = m.end()
            continue
        if kind == "share" and joins and current.value is not None and current.unit != "%" \
                and current.percent_of_plan is None:
            kind = "plan_of_amount"  # "10.152 tỷ đồng, đạt 50,51%": the share is of the plan
        starts = kind in {"amount", "share"} and (not joins or current.value is not None)
        if current is None or starts or not joins:
            current = _Figure(clause[:m.start()] if current is None else gap)
            figures.append(current)
        _apply(current, kind, m)
        current.end = m.end()
        current.after = clause[m.end():m.end() + NAME_WINDOW]
        since = m.end()
    return [f for f in figures if not f.empty()]


def _kind(m: re.Match) -> str:
    for kind in ("plan", "above", "ratio", "change", "share", "amount"):
        if m.group(kind):
            return kind
    raise AssertionError(m.group(0))


def _apply(figure: _Figure, kind: str, m: re.Match) -> None:
    if kind == "plan" and figure.percent_of_plan is None:
        figure.percent_of_plan = parse_number(m.group("plan_n"))
    elif kind == "plan_of_amount":
        figure.percent_of_plan = parse_number(m.group("share_n"))
    elif kind == "above" and figure.percent_of_plan is None:
        figure.percent_of_plan = 100 + parse_number(m.group("above_n"))
    elif kind == "ratio" and figure.change_percent is None:
        figure.change_percent = round(parse_number(m.group("ratio_n")) - 100, 6)
    elif kind == "change" and figure.change_percent is None:
        if m.group("base") and re.fullmatch(OTHER_PERIOD, m.group("base")):
            return  # against the month before: read, and set aside
        sign = -1 if m.group("dir").lower() in {"giảm", "thấp hơn"} else 1
        figure.change_percent = sign * parse_number(m.group("change_n"))
    elif kind == "share" and figure.value is None:
        figure.value, figure.unit = parse_number(m.group("share_n")), "%"
    elif kind == "amount" and figure.value is None:
        unit = m.group("unit")
        figure.value, figure.unit, figure.total = parse_number(m.group("amount_n")), SPELLING.get(unit, unit), m.group("total")
