"""Assignments (giao việc): "Giao X …", "Đề nghị X …", "Yêu cầu X …", "X chủ trì, phối hợp Y, Z …",
"X có trách nhiệm …", "X cần …", "Đối với X cần …", a leader's "đề nghị: …" that names nobody (no lead);
enumerations and the paragraphs after a directive inherit its lead."""

import re
from dataclasses import dataclass, field

from .letters import UPPER
from .dates import deadline_in, recurrence_in
from .petitions import GROUP_ASKS

BODY_HEAD = (r"(?:Ban|Sở|UBND|Ủy ban|Uỷ ban|Văn phòng|[Tt]hường trực|Công an|Bộ|Cục|Tổng cục|Đảng ủy|Đảng đoàn|Huyện ủy|"
             r"Tỉnh ủy|Thành ủy|Thị ủy|Hội|Liên đoàn|Tỉnh đoàn|Mặt trận|MTTQ|[Gg]iám đốc|[Tt]hủ trưởng|[Cc]hủ tịch|[Ll]ãnh đạo|"
             r"[Cc]ấp ủy|[Cc]hính quyền|[Tt]hị xã|[Tt]ừng cấp|"
             r"[Cc]ác|[Cc]án bộ|[Nn]gười đứng đầu|Trung tâm|Chi cục|Kho bạc|Cục Thuế|Báo|Đài|Quỹ|Ngân hàng|Bí thư|"
             r"[Đđ]ồng chí|[Mm]ỗi|Vụ|Viện|Tập đoàn|Tổng [Cc]ông ty|Doanh nghiệp)")
# Nouns that name a complete addressee on their own: "Cán bộ phải …", "đề nghị thị xã cần …".
WHOLE_HEAD = r"(?:[Cc]án bộ|[Đđ]ảng viên|[Tt]hị xã|[Hh]uyện|[Tt]ỉnh|[Xx]ã|[Pp]hường|[Nn]gười đứng đầu)\b"
# "các thành viên Ban Chỉ đạo": after "ban", "chỉ đạo" names the body, it is not the verb.
VERB = (r"(?:chủ trì|phối hợp|tham mưu|triển khai|(?<![Bb]an )chỉ đạo|thực hiện|tập trung|khẩn trương|nghiên cứu|rà soát|gửi|"
        r"theo dõi|cần|có trách nhiệm|tiếp tục|đẩy mạnh|tăng cường|quan tâm|kiện toàn|chủ động|báo cáo|xây dựng|"
        r"hướng dẫn|kiểm tra|tổ chức|nghiêm túc|thẳng thắn|quyết liệt|phải|sớm|bố trí|hoàn thành|hoàn thiện|đôn đốc|"
        r"trình|phát huy|ban hành|làm tốt|giải quyết|đánh giá|cân đối|đảm bảo|bảo đảm|huy động|ưu tiên|xem xét|"
        r"cung cấp|phổ biến|quán triệt|nâng cao|thường xuyên|căn cứ|lập|khắc phục|tuyên truyền|xử lý|"
        r"giám sát|chịu trách nhiệm|duy trì|nắm|đề xuất|kịp thời|giữ vững|chú trọng|bám sát|bám nắm|phấn đấu|"
        r"tích cực|không ngừng|tìm kiếm|linh hoạt|tiếp thu|dồn sức|mạnh dạn|xử phạt|chấp hành)")
LEAD = rf"((?:{WHOLE_HEAD}|{BODY_HEAD}(?:[ ,]+[^\s,;:.]+))(?:[ ,]+(?!{VERB}\b)[^\s,;:.]+){{0,14}}?)"
# After "giao / đề nghị / yêu cầu" the addressees may be a long list, with semicolons.
ADDRESSEES = rf"((?:{WHOLE_HEAD}|{BODY_HEAD}(?:[ ,]+[^\s,;:.]+))(?:(?:[ ,]+|;\s+)(?!{VERB}\b)[^\s,;:.]+){{0,27}}?)"
# "… 6 nhiệm vụ trọng tâm … đối với lãnh đạo chủ chốt cấp xã." / "1. Các Sở Công Thương:" — a list follows.
LIST_HEADING = re.compile(
    rf"(?:nhiệm vụ|yêu cầu|giải pháp)[^.:]*?\bđối với\s+([^.:;]+?)\s*[.:]?$"
    rf"|^(?:\d+\s*\.\s*)?({BODY_HEAD}[^.:;]{{2,160}}?)\s*(?:có trách nhiệm|cần)?\s*:$"
    rf"|^\d+\s*\.\s*({BODY_HEAD}[^.:;]{{2,200}}?)\s*$")
# Openers that frame a directive without being its subject: "Thời gian tới, …", "Về X, …", "Đối với X, …".
OPENER = r"(?:(?:Đồng thời|Theo đó|Trong đó|Bên cạnh đó|Ngoài ra|(?:Trong )?[Tt]hời gian tới|(?:Về|Đối với) [^,]{2,80}),\s*)"
CONTINUED_COORDINATION = re.compile(rf"^[Pp]hối hợp(?: với)?\s+(.+?)(?:,\s*|\s+)(?={VERB}\b)")
ACTION_START = re.compile(rf"^(?:[a-zđ]\s*\)\s*|-\s*|\+\s*|Trước hết,\s*|{OPENER})?(?:{VERB})\b", re.IGNORECASE)
MODAL = re.compile(r"^(?:cần|phải)\s+")  # "X cần / phải làm Y": the task is "làm Y"
# What opens a sentence without being part of the task: list marks and framing adverbials; "Về X," keeps X.
ACTION_PREFIX = re.compile(r"^(?:[a-zđ]\s*\)|-|\+|Trước hết,|Đồng thời,|Theo đó,|Bên cạnh đó,|Ngoài ra,|"
                           r"(?:Trong )?[Tt]hời gian tới,|Về|Đối với)\s*")
UPPER_HEADING = re.compile(rf"^[{UPPER}0-9 ,.\-–:\"“”]+$")
TRIGGERS = [
    re.compile(rf"\b(?:[Gg]iao(?: (?:nhiệm vụ|trách nhiệm)(?: cụ thể)?)?(?: cho)?)\s+{ADDRESSEES}\s*,?\s+(?={VERB}\b)"),
    re.compile(rf"\b(?:[Đđ]ề nghị|[Yy]êu cầu)\s+{ADDRESSEES}\s*,?\s+(?={VERB}\b)"),
    # "Đối với UBND các huyện, thành, thị cần …": the addressee is fronted.
    re.compile(rf"\bĐối với\s+{ADDRESSEES}\s+(?=cần\b|phải\b|có trách nhiệm\b)"),
    re.compile(rf"^{OPENER}?{LEAD}\s+(?=chủ trì|có trách nhiệm|cần\b|phối hợp với|phải\b)"),
    # A paragraph that opens with a named body and its directive verb: "Ban cán sự đảng UBND tỉnh chỉ đạo …".
    re.compile(rf"^(?=(?:Ban|Sở|UBND|Ủy ban|Văn phòng|Công an|Mặt trận|MTTQ|Đảng ủy|Huyện ủy|Thị ủy|Thành ủy)\s)"
               rf"{LEAD}\s+(?=(?:chỉ đạo|tham mưu|theo dõi|hướng dẫn|rà soát|nghiên cứu|tổ chức|triển khai)\s)"),
    # A place named mid-sentence as the subject of "cần": "Bí thư lưu ý, trong xây dựng mô hình, Bắc Sơn cần …".
    re.compile(rf"(?<=, )((?:[{UPPER}]\w*)(?: [{UPPER}]\w*){{1,3}})\s+(?=cần\s)"),
]
# A leader's directive that names nobody: "Bí thư Tỉnh ủy đề nghị: Thời gian tới, cần …", "… đề nghị phải dồn sức …".
UNADDRESSED = re.compile(r"\b(?:đề nghị|yêu cầu|chỉ đạo)\s*(?::\s*|\s(?=phải\b|cần\b))(.+)$")
NEW_ORDER = re.compile(r"^(?:Theo dõi|Kiểm tra|Đôn đốc|Hướng dẫn|Tham mưu|Tổ chức|Chỉ đạo|Rà soát)\b")
# A report of what was done, or a speaker's words running into the subject: not who must act.
NOT_A_LEAD = re.compile(r"\b(?:đã|đang|vừa|được|sẽ|cũng|không|lưu ý|cho rằng|nhấn mạnh|khẳng định|phát biểu|đề nghị|yêu cầu)\b")
COORDINATE = re.compile(rf"chủ trì,?\s+phối hợp(?: với| chặt chẽ với)?\s+(.+?)(?=\s+(?!phối hợp){VERB}\b|[.;]|$)")
# Addressees are listed by their heads ("Giám đốc các sở, Thủ trưởng các ban ngành; các cơ quan …
# và Chủ tịch UBND các cấp"); "các Sở, Ban, ngành" is one addressee.
ADDRESSEE_HEAD = r"(?:[Gg]iám đốc|[Tt]hủ trưởng|[Cc]hủ tịch|UBND|Ủy ban|các cơ quan|Ban [A-ZĐ]|Sở [A-ZĐ])"
SPLIT_ADDRESSEES = re.compile(rf"\s*;\s*(?:và\s+)?|\s*,\s*(?:và\s+)?(?={ADDRESSEE_HEAD})|\s+và\s+(?={ADDRESSEE_HEAD})")
# Orders of an earlier document are reported, not given: "UBND tỉnh đã ban hành Công văn số … yêu cầu …".
NOT_A_TASK = re.compile(r"\b(?:đã có văn bản|đã ban hành|đã yêu cầu|đã đề nghị)\b")


@dataclass
class Assignment:
    lead: str | None
    action: str
    coordinators: list[str] = field(default_factory=list)
    deadline: str | None = None
    recurrence: str | None = None
    sentence: str = field(default="", repr=False, compare=False)


def _sentences(line: str) -> list[str]:
    return [s for s in re.split(rf"(?<=[.!?])\s+(?=[{UPPER}])", line) if s.strip()]


def _inherited(sentence: str, lead: str | None, year: int | None) -> Assignment | None:
    """A directive with no addressee of its own continues the list or the speaker before it."""
    if lead is None or not ACTION_START.match(sentence):
        return None
    task = _assignment(lead, sentence, sentence, year)
    task.sentence = ""  # items of one list are distinct tasks, never a summary of each other
    return task


def _assignment(lead: str, action: str, sentence: str, year: int | None) -> Assignment:
    """The task of one addressee ("" when the directive names none), with the coordinators it opens with."""
    action = MODAL.sub("", ACTION_PREFIX.sub("", action.strip())).rstrip(".")
    coordinators = []
    c = CONTINUED_COORDINATION.match(action)
    if c:
        coordinators = [x.strip() for x in re.split(r",\s*|\s+và\s+", c.group(1)) if x.strip()]
        action = action[c.end():]
    deadline = deadline_in(sentence, year)
    return Assignment(lead or None, action[:300], coordinators, deadline.isoformat() if deadline else None,
                      recurrence_in(sentence), sentence)


def _lead_key(lead: str | None) -> str:
    """"Mỗi cán bộ" and "Cán bộ" address the same people."""
    return re.sub(r"^(?:mỗi|từng|tất cả|các)\s+", "", (lead or "").lower())


def _same_task(a: Assignment, b: Assignment) -> bool:
    if a.lead and b.lead and _lead_key(a.lead) != _lead_key(b.lead):
        return False
    words_a, words_b = set(re.findall(r"\w+", a.action.lower())), set(re.findall(r"\w+", b.action.lower()))
    return bool(words_a and words_b) and len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.6


def find_assignments(lines: list[str], year: int | None, skip: set[int] = frozenset()) -> list[Assignment]:
    out = []
    list_lead = inherited_lead = None
    shared: list[str] = []  # "yêu cầu X, Y và Z thực hiện các nội dung sau:" — each item goes to all
    for index, line in enumerate(lines):
        if index in skip or UPPER_HEADING.match(line):
            list_lead = inherited_lead = None
            shared = []
            continue
        heading = LIST_HEADING.search(line)
        if heading:
            list_lead = inherited_lead = next(g for g in heading.groups() if g).strip(" ,")
            continue
        inherited_lead = list_lead or inherited_lead
        made_here = addressed_here = False
        for position, sentence in enumerate(_sentences(line)):
            if NOT_A_TASK.search(sentence) or GROUP_ASKS.search(sentence):
                continue  # a report of earlier orders, or a request sent upward (a petition)
            found = False
            for trigger in TRIGGERS:
                m = trigger.search(sentence)
                if not m:
                    continue
                lead = m.group(1).strip(" ,")
                if NOT_A_LEAD.search(lead):  # a report of what was done, not an order
                    continue
                found = True
                action = sentence[m.end():]
                c = COORDINATE.search(sentence)
                addressees = [a for a in SPLIT_ADDRESSEES.split(lead) if a]
                if action.rstrip().endswith(":") and len(addressees) > 1:
                    shared, made_here = addressees, True
                    break
                shared = []
                for addressee in addressees:
                    task = _assignment(addressee, action, sentence, year)
                    if c:
                        task.coordinators = [x.strip() for x in re.split(r",\s*|\s+và\s+", c.group(1)) if x.strip()]
                        task.action = sentence[c.end():].strip().rstrip(".")[:300] or task.action
                    out.append(task)
                made_here = True
                # The addressee of "giao / đề nghị / yêu cầu X" stays the paragraph's addressee; a sub-point
                # stated of someone else ("Cán bộ phải …") does not hand the next paragraphs to them.
                ordered = trigger in TRIGGERS[:2]
                if not list_lead and (ordered or not addressed_here):
                    inherited_lead = addressees[-1] if len(addressees) == 1 else None
                addressed_here = addressed_here or ordered
                break
            if found:
                continue
            unaddressed = UNADDRESSED.search(sentence)
            if unaddressed and not list_lead:
                out.append(_assignment("", unaddressed.group(1), sentence, year))
                made_here, inherited_lead = True, ""
                continue
            if made_here:  # later sentences detail the paragraph's task, unless they open with a new order
                follow = NEW_ORDER.match(sentence) and _inherited(sentence, out[-1].lead or "", year)
                if follow:
                    out.append(follow)
                continue
            if shared and position == 0 and ACTION_START.match(sentence):
                for addressee in shared:
                    out.append(_inherited(sentence, addressee, year))
                made_here = True
                continue
            continuation = _inherited(sentence, inherited_lead, year)
            if continuation:
                out.append(continuation)
                made_here = True
            elif position == 0:
                inherited_lead = list_lead
    # A summary (headline, sapo) repeated by the body is kept once, in its detailed place.
    return [a for i, a in enumerate(out)
            if not any(_same_task(a, b) and a.sentence != b.sentence for b in out[i + 1:])]
