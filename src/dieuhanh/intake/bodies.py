"""Names of bodies and lists of addressees, from the grammar of administrative Vietnamese: a body is a
head noun ("Sở", "Ban", "Ủy ban nhân dân", "Bộ", "Hội" …) or a title ("Giám đốc", "Chủ tịch") with its
complements; a list of addressees is split where a new head begins."""

import re

from .letters import UPPER

# Heads that open the name of one body or office-holder ("Sở Tài chính", "Giám đốc các sở").
NAMED_HEAD = (r"(?:Sở|Ban|Bộ|Ủy ban|Uỷ ban|UBND|UB MTTQ|Văn phòng|Công an|Cục|Tổng cục|Chi cục|Vụ|Viện|Trung tâm|Hội|"
              r"Hiệp hội|Liên minh|Liên đoàn|Mặt trận|MTTQ|Đảng ủy|Đảng uỷ|Đảng đoàn|Huyện ủy|Tỉnh ủy|Tỉnh uỷ|Thành ủy|"
              r"Thành uỷ|Thị ủy|Tỉnh đoàn|Đoàn|Báo|Đài|Kho bạc|Ngân hàng|Quỹ|Tập đoàn|Tổng công ty|Công ty|Bộ Chỉ huy|"
              r"Bộ CHQS|BCH|BQL|HĐND|Hội đồng|Thanh tra|Tòa án|Viện kiểm sát|Cơ quan|Thường trực|Ban Thường vụ|"
              r"Giám đốc|Thủ trưởng|Chủ tịch|Trưởng|Bí thư|Người đứng đầu|Cục trưởng|Chánh)")
# Nouns that name a group of bodies when they follow "các" ("các sở, ngành", "các cơ quan liên quan").
GROUP_NOUN = (r"(?:sở|ban|ngành|bộ|tập đoàn|tổng công ty|công ty|cơ quan|đơn vị|địa phương|tổ chức|doanh nghiệp|cấp|huyện|xã|phường|tỉnh|"
              r"thành phố|hội|đoàn thể|chủ đầu tư|chủ rừng|văn phòng|ủy ban|cục|chi cục|trường|hiệp hội)")
BODY_START = rf"(?:{NAMED_HEAD}\b|[Cc]ác\s+(?i:{GROUP_NOUN})\b|[Cc]ấp ủy|[Cc]hính quyền|[Ll]ãnh đạo|[Mm]ỗi|[Tt]ừng|{GROUP_NOUN}\b)"
# Where a list of addressees turns to a new one: a named head, or "các …" after a named body.
# Heads complete without a capital after them: "Ủy ban nhân dân các xã", "chủ tịch UBND huyện".
OPEN_INSTITUTION = r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Ban (?:cán sự|chỉ đạo|chấp hành|thường vụ|quản lý))"
OPEN_HEAD = rf"(?:{OPEN_INSTITUTION}|[Gg]iám đốc|[Tt]hủ trưởng|[Cc]hủ tịch|[Bb]í thư|[Nn]gười đứng đầu|Trưởng|Cục trưởng)"
# "…, các Ban Quản lý dự án chuyên ngành": a group of named bodies opens a new addressee too.
NEW_NAMED = re.compile(rf"(?:[,;]\s*(?:và\s+)?|\s+và\s+)(?=(?:các\s+)?{NAMED_HEAD}(?:\s+[{UPPER}0-9&]|\s*$)|{OPEN_HEAD}\s)")
NEW_GROUP = re.compile(r"(?:,\s*(?:và\s+)?|\s+và\s+)(?=(?:các\s+)?(?:cơ quan|đơn vị|địa phương|doanh nghiệp|"
                       r"tổ chức|sở|ngành|bộ|văn phòng|chủ đầu tư)\b)")
# A group named only by its kind, that a colon then lists: "các tổ chức hội", "các đoàn thể".
GENERIC_GROUP = re.compile(rf"^(?:các|những)\s+(?i:{GROUP_NOUN}|tổ chức hội|đoàn thể)\b[^{UPPER}]*$")
# Between listed members every comma before a head starts a new one: "Hội Nông dân, Hội liên hiệp Phụ nữ".
MEMBER_BREAK = re.compile(rf"\s*[,;]\s*(?:và\s+)?(?={NAMED_HEAD}\b)")
# After an office-holder's title a group opens a new addressee only with "các": "Giám đốc các Ban Quản lý
# dự án, các chủ đầu tư" → two; "Thủ trưởng các ban ngành, đơn vị cấp tỉnh" stays one.
TITLED = re.compile(r"^(?:Giám đốc|Thủ trưởng|Chủ tịch|Trưởng|Bí thư|Người đứng đầu|Cục trưởng|Chánh)\b", re.IGNORECASE)
NEW_GROUP_AFTER_TITLE = re.compile(r"(?:,\s*(?:và\s+)?|\s+và\s+)(?=các\s+(?:cơ quan|đơn vị|địa phương|doanh nghiệp|"
                                   r"tổ chức|sở|ngành|bộ|văn phòng|chủ đầu tư)\b)")
# An institution with its proper name ("Sở Tài chính", "Báo và Phát thanh …"), not a title over a group
# ("Thủ trưởng các ban ngành, đơn vị cấp tỉnh").
NAMED_BODY = re.compile(rf"^(?:các\s+)?(?!(?:Giám đốc|Thủ trưởng|Chủ tịch|Trưởng|Bí thư|Người đứng đầu|Cục trưởng|Chánh)\b)(?:{NAMED_HEAD}\s+(?:và\s+)?[{UPPER}0-9&]|{OPEN_INSTITUTION}\s)")


SEMICOLON = re.compile(r"\s*;\s*(?:và\s+)?")


def split_addressees(text: str) -> list[str]:
    """One addressee per body: split at ";", at a comma or "và" that starts a named body, and at one
    that starts a group ("các cơ quan …") right after a named body. "Sở Kế hoạch và Đầu tư, các ngành,
    địa phương" → ["Sở Kế hoạch và Đầu tư", "các ngành, địa phương"]; "UBND các huyện, thị xã" stays one.
    Members after a colon: full names replace the group that announces them ("Ủy ban MTTQ tỉnh, các đoàn
    thể: Hội Phụ nữ tỉnh, Tỉnh đoàn" → three), bare complements stay with their head ("các Bộ: Tài chính,
    Nội vụ" → one)."""
    head, colon, members = text.partition(":")
    if colon and re.match(rf"\s*{NAMED_HEAD}\s+[{UPPER}0-9&]", members):
        named = [m.strip(" ,.") for m in MEMBER_BREAK.split(members) if m.strip(" ,.")]
        group = re.search(r"(?:^|,)\s*((?:các|những)\s+[^,]*)$", head)
        if group and GENERIC_GROUP.match(group.group(1)):
            head = head[:group.start()]
        return split_addressees(head) + named if head.strip(" ,") else named
    if colon:
        return [" ".join(text.split())] if text.strip(" ,.:") else []
    parts = []
    for piece in SEMICOLON.split(text):
        for named in NEW_NAMED.split(piece):
            named = named.strip(" ,.")
            if not named:
                continue
            split_group = NEW_GROUP if NAMED_BODY.match(named) else NEW_GROUP_AFTER_TITLE if TITLED.match(named) else None
            if split_group:
                head, *rest = split_group.split(named, maxsplit=1)
                parts.append(head.strip(" ,."))
                parts.extend(r.strip(" ,.") for r in rest if r.strip(" ,."))
            else:
                parts.append(named)
    return [p for p in parts if p]


ROLE_SUFFIX = re.compile(r"\s+-\s+(?:cơ quan\s+)?thường trực.*$|\s*\((?:cơ quan\s+)?(?:thường trực|chủ trì)[^)]*\)\s*$",
                         re.IGNORECASE)
# Examples in brackets after a heading's name: "Các chủ đầu tư (các Ban quản lý dự án, các doanh nghiệp…)"
# — who is meant, not part of the name.
EXAMPLES = re.compile(r"\s*\((?:các|gồm|bao gồm|như)\b[^()]*\)\s*$", re.IGNORECASE)
BODY_START_RE = re.compile(BODY_START)
STOPS = re.compile(r"[.:!?]")
HEADING_PREFIX = re.compile(r"^(?:Đề nghị|Trách nhiệm của|Nhiệm vụ của|Đối với)\s*:?\s*", re.IGNORECASE)


def heading_bodies(content: str, verbs: re.Pattern, children: bool = False) -> list[str] | None:
    """The bodies a heading names, when the heading is nothing but names: "1. Sở Khoa học và Công nghệ",
    "a) Bộ Lao động - Thương binh và Xã hội", "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh",
    "i) Trách nhiệm của chính quyền các địa phương", "1. Sở Lao động - Thương binh và Xã hội - thường trực
    kế hoạch:". A heading with a modal or a mandate ("1. Cấp ủy … phải xác định …") is a statement, not
    a name; other verbs are allowed only when items follow ("Các doanh nghiệp phối hợp hoạt động …")."""
    name = HEADING_PREFIX.sub("", content.strip()).rstrip(" :.")
    name = EXAMPLES.sub("", ROLE_SUFFIX.sub("", name))
    if not name or len(name.split()) > 30 or not BODY_START_RE.match(name) or STOPS.search(name):
        return None
    # "Báo cáo kết quả …" opens with a verb, not with the body "Báo …": verbs are looked for in lower case.
    if MODAL_OR_MANDATE.search(name) or (verbs.search(name[:1].lower() + name[1:]) and not children):
        return None
    return split_addressees(name)


# What makes a heading a statement about a body rather than its name: "… phải xác định …".
MODAL_OR_MANDATE = re.compile(r"\b(?:phải|cần|có trách nhiệm|có nhiệm vụ|chịu trách nhiệm|chủ trì|được giao)\b")
