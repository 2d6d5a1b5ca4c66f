"""Assignments (giao việc) over the document's structure (`structure.py`): "Giao X …", "Đề nghị X …", "Yêu cầu X …", "X chủ trì, phối hợp Y, Z …",
"X có trách nhiệm …", "X cần …", "Đối với X cần …", a leader's "đề nghị: …" that names nobody (no lead);
enumerations and the paragraphs after a directive inherit its lead."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from dieuhanh.core.text import fold

from .bodies import GROUP_NOUN, NAMED_HEAD, OPEN_HEAD, heading_bodies, split_addressees
from .dates import deadline_in, period_deadline, recurrence_in
from .letters import UPPER
from .petitions import asks_upward
from .structure import UNMARKED

BODY_HEAD = (r"(?:Ban(?! hành)|BCĐ|BQL|BCH|UB MTTQ|Sở|UBND|Ủy ban|Uỷ ban|Văn phòng|[Tt]hường trực|Công an|Bộ|Cục|Tổng cục|Đảng ủy|Đảng đoàn|Huyện ủy|"
             r"Tỉnh ủy|Thành ủy|Thị ủy|Hội|Liên đoàn|Tỉnh đoàn|Mặt trận|MTTQ|[Gg]iám đốc|[Tt]hủ trưởng|[Cc]hủ tịch|[Ll]ãnh đạo|"
             r"[Cc]ấp ủy|[Cc]hính quyền|[Tt]hị xã|[Tt]ừng cấp|"
             r"[Cc]ác|[Cc]án bộ|[Nn]gười đứng đầu|Trung tâm|Chi cục|Kho bạc|Cục Thuế|Báo|Đài|Quỹ|Ngân hàng|Bí thư|"
             r"[Đđ]ồng chí|[Mm]ỗi|Vụ|Viện|Tập đoàn|Tổng [Cc]ông ty|Doanh nghiệp|Tổ(?! chức))")
# Nouns that name a complete addressee on their own: "Cán bộ phải …", "đề nghị thị xã cần …".
WHOLE_HEAD = r"(?:[Cc]án bộ|[Đđ]ảng viên|[Tt]hị xã|[Hh]uyện|[Tt]ỉnh|[Xx]ã|[Pp]hường|[Nn]gười đứng đầu)\b"
# "các thành viên Ban Chỉ đạo": after "ban", "chỉ đạo" names the body, it is not the verb.
VERB = (r"(?:chủ trì|phối hợp|tham mưu|triển khai|(?<![Bb]an )chỉ đạo|thực hiện|tập trung|khẩn trương|nghiên cứu|rà soát|gửi|"
        r"theo dõi|cần|có trách nhiệm|tiếp tục|đẩy mạnh|tăng cường|quan tâm|kiện toàn|chủ động|báo cáo|xây dựng|"
        r"hướng dẫn|kiểm tra|tổ chức|nghiêm túc|thẳng thắn|quyết liệt|phải|sớm|bố trí|hoàn thành|hoàn thiện|đôn đốc|"
        r"trình|phát huy|ban hành|làm tốt|giải quyết|đánh giá|cân đối|đảm bảo|bảo đảm|huy động|ưu tiên|xem xét|"
        r"cung cấp|phổ biến|quán triệt|nâng cao|thường xuyên|căn cứ|lập|khắc phục|tuyên truyền|xử lý|"
        r"giám sát|chịu trách nhiệm|duy trì|nắm|đề xuất|kịp thời|giữ vững|chú trọng|bám sát|bám nắm|phấn đấu|"
        r"tích cực|không ngừng|tìm kiếm|linh hoạt|tiếp thu|dồn sức|mạnh dạn|xử phạt|chấp hành|cập nhật|thống kê|"
        r"khảo sát|tổng hợp|thẩm định|điều tra|đo đạc|sửa chữa|vận động|tiếp nhận|chuẩn bị|bổ sung|điều chỉnh|"
        r"phê duyệt|thẩm tra|hỗ trợ|cụ thể hoá|cụ thể hóa|đẩy nhanh|nhận diện|nghiên cứu)")
# After "các" / "những" a word is a noun, even one that is also a verb: "các tổ chức hội", "các đơn vị tổ chức".
# So is "tổ chức" in "tổ chức chính trị - xã hội", "tổ chức hội", "tổ chức đoàn thể".
NOUN_HERE = rf"(?:(?<=\bcác )|(?<=\bnhững )|(?=tổ chức (?:chính trị|xã hội|hội|đoàn thể)\b)|(?!{VERB}\b))"
LEAD = rf"((?:{WHOLE_HEAD}|{BODY_HEAD}(?:[ ,]+[^\s,;:.]+))(?:[ ,]+{NOUN_HERE}[^\s,;:.]+){{0,30}}?)(?<!\bcác)(?<!\bnhững)"
# After "giao / đề nghị / yêu cầu" the addressees may be a long list, with semicolons.
# "Đề nghị Ủy ban MTTQ tỉnh, các đoàn thể: Hội Phụ nữ tỉnh, Tỉnh đoàn … phối hợp …": a colon may open the
# members of a group (split_addressees decides whether they are full names).
ADDRESSEES = rf"((?:{WHOLE_HEAD}|{BODY_HEAD}(?:[ ,]+[^\s,;:.]+))(?:(?:[ ,]+|;\s+|\s*:\s+){NOUN_HERE}[^\s,;:.]+){{0,60}}?)(?<!\bcác)(?<!\bnhững)"
# "… 6 nhiệm vụ trọng tâm … đối với lãnh đạo chủ chốt cấp xã." / "1. Các Sở Công Thương:" — a list follows.
LIST_HEADING = re.compile(
    rf"(?:nhiệm vụ|yêu cầu|giải pháp)[^.:]{{0,200}}?\bđối với\s+([^.:;]{{1,200}}?)\s*[.:]?$"
    rf"|^(?:\d+\s*\.\s*)?({BODY_HEAD}[^.:;]{{2,160}}?)\s*(?:có trách nhiệm|cần)?\s*:$"
    rf"|^\d+\s*\.\s*({BODY_HEAD}[^.:;]{{2,200}}?)\s*$")
# A sentence that issues the text or gives an order before its colon is not a heading that names a body.
NOT_A_LIST_HEADING = re.compile(r"\b(?:ban hành|như sau|sau đây|sau|gồm|đề nghị|yêu cầu|chỉ đạo)\b")
# Openers that frame a directive without being its subject: "Thời gian tới, …", "Về X, …", "Đối với X, …".
# Conditions and purposes frame it too: "Muốn làm được thì ngay từ thường trực thị ủy cần …", "Để làm được
# điều đó, các xã cần …".
OPENER = (r"(?:(?:Đồng thời|Theo đó|Trong đó|Bên cạnh đó|Ngoài ra|(?:Trong )?[Tt]hời gian tới|(?:Về|Đối với) [^,]{2,80}),\s*"
          r"|(?:Muốn|Để) [^,;.]{2,80}?(?:,\s*|\s+thì\s+)(?:ngay từ\s+)?)")
# A framing phrase before the subject: an opener, or the grounds of the order ("Căn cứ …, ", "Trên cơ sở …, ").
FRAME = rf"(?:{OPENER}|(?:[Cc]ăn cứ|[Tt]rên cơ sở|[Dd]ựa trên) [^.;:]{{2,120}}?,\s*)"
# "Phối hợp với Y tổ chức …" names a coordinator; "phối hợp vận động …" (a verb right after) names none.
CONTINUED_COORDINATION = re.compile(rf"^[Pp]hối hợp(?: với)?\s+(?!{VERB}\b)(.+?)(?<!\bcác)(?<!\bnhững)(?:,\s*|\s+)(?={VERB}\b)")
ACTION_START = re.compile(rf"^(?:[a-zđ]\s*\)\s*|-\s*|\+\s*|Trước hết,\s*|{OPENER})?(?:{VERB})\b", re.IGNORECASE)
MODAL = re.compile(r"^(?:cần|phải|có trách nhiệm|có nhiệm vụ)\s+")  # "X cần / phải làm Y": the task is "làm Y"
# What opens a sentence without being part of the task: list marks and framing adverbials; "Về X," keeps X.
ACTION_PREFIX = re.compile(r"^(?:[a-zđ]\s*\)|-|\+|Trước hết,|Đồng thời,|Theo đó,|Bên cạnh đó,|Ngoài ra,|"
                           r"(?:Trong )?[Tt]hời gian tới,|Về|Đối với)\s*")
TRIGGERS = [
    re.compile(rf"\b(?:[Gg]iao(?: (?:nhiệm vụ|trách nhiệm)(?: cụ thể)?)?(?: cho)?)\s+{ADDRESSEES}\s*,?\s+(?={VERB}\b)"),
    # "Chủ tịch UBND tỉnh đề nghị, Sở Kế hoạch và Đầu tư … cần …": in speech a comma may follow the verb.
    re.compile(rf"\b(?:[Đđ]ề nghị|[Yy]êu cầu),?\s+{ADDRESSEES}\s*,?\s+(?={VERB}\b)"),
    # "Ủy ban nhân dân tỉnh chỉ đạo Sở Giao thông Vận tải chủ trì, phối hợp với …": "chủ trì" designates the
    # lead; a body merely directed ("chỉ đạo các phòng tăng cường …") stays in the action.
    re.compile(rf"\bchỉ đạo\s+{ADDRESSEES}\s*,?\s+(?=chủ trì\b)"),
    # "Tổ công tác thứ hai (gọi tắt là Tổ 2) do đồng chí … làm Tổ trưởng, có nhiệm vụ tham mưu …": the
    # body's head is named between its name and its mandate.
    re.compile(rf"^{OPENER}?{LEAD}\s*(?:\([^()]{{0,60}}\))?\s+do\s[^;.]{{0,200}}?\blàm\s+[^,;.]{{1,60}}?,?\s+"
               rf"(?=có nhiệm vụ|có trách nhiệm|chịu trách nhiệm)"),
    # "Đối với thị xã Kỳ Anh, cấp ủy, chính quyền thị xã cần …": the topic is framed, the subject follows it.
    re.compile(rf"^(?:Đối với|Về) [^,;.]{{2,80}},\s*(?={BODY_HEAD}\b){LEAD}\s+(?=cần\b|phải\b|có trách nhiệm\b)"),
    # "Đối với UBND các huyện, thành, thị cần …": the addressee is fronted.
    re.compile(rf"\bĐối với\s+{ADDRESSEES}\s+(?=cần\b|phải\b|có trách nhiệm\b)"),
    # "Các Bộ, cơ quan liên quan theo chức năng, nhiệm vụ được giao nghiên cứu …": the remit is not the name.
    re.compile(rf"^{OPENER}?{LEAD}\s*,?\s+theo (?:đúng )?chức năng,? nhiệm vụ(?:,? quyền hạn| và thẩm quyền)?(?: được giao)?"
               rf"(?: và (?:quy định|thẩm quyền))?\s*,?\s+(?={VERB}\b)"),
    re.compile(rf"^{OPENER}?{LEAD}\s+(?=chủ trì|có trách nhiệm|cần\b|phối hợp với|phải\b)"),
    # The responsibility anchor, after a framing phrase and with a restricting clause: "Căn cứ nội dung Kế
    # hoạch, các cơ quan được phân công chủ trì nhiệm vụ có trách nhiệm xây dựng …" — the restriction
    # ("được phân công / được giao …") says which bodies, so it stays in the lead.
    re.compile(rf"^{FRAME}?({BODY_HEAD}[^.;:]{{2,160}}?(?:\s+được (?:phân công|giao)\b[^.;:]{{0,200}}?)?)\s+"
               rf"(?=(?:có trách nhiệm|có nhiệm vụ|chịu trách nhiệm)\s)"),
    # A phrase set in commas between the lead and its verb: "Sở Tài chính, trên cơ sở đề xuất của các cơ
    # quan, đơn vị, chủ trì tổng hợp …".
    # Without the first comma only for grounds: "Các bộ, ngành trên cơ sở nhiệm vụ được giao, hoàn thiện …".
    re.compile(rf"^{LEAD}(?:,\s+(?:trên cơ sở|căn cứ|theo|sau khi|khi|dựa trên)|\s+(?:trên cơ sở|căn cứ|dựa trên))"
               rf"\s[^.;:]{{2,150}}?,\s+(?={VERB}\b)"),
    # The passive: "Sở Tài chính được giao chủ trì thẩm định …".
    re.compile(rf"^{OPENER}?{LEAD}\s+được giao(?: nhiệm vụ)?\s+(?={VERB}\b)"),
    # A paragraph that opens with a named body and its directive verb: "Ban cán sự đảng UBND tỉnh chỉ đạo …".
    re.compile(rf"^(?=(?:Ban|Sở|Bộ|UBND|Ủy ban|Văn phòng|Công an|Mặt trận|MTTQ|Đảng ủy|Huyện ủy|Thị ủy|Thành ủy)\s)"
               rf"{LEAD}\s+(?=(?:chỉ đạo|tham mưu|theo dõi|hướng dẫn|rà soát|nghiên cứu|tổ chức|triển khai)\b)"),
    # A place named mid-sentence as the subject of "cần": "Bí thư lưu ý, trong xây dựng nông thôn mới, Can Lộc cần …".
    re.compile(rf"(?<=, )((?:(?:thành phố|tỉnh|huyện|thị xã|xã|phường|quận)\s+)?(?:[{UPPER}]\w*)(?: [{UPPER}]\w*){{0,3}})\s+(?=cần\s|phải\s)"),
]
# A leader's directive that names nobody: "Bí thư Tỉnh ủy đề nghị: Thời gian tới, cần …", "… đề nghị phải dồn sức …".
UNADDRESSED = re.compile(r"\b(?:đề nghị|yêu cầu|chỉ đạo)\s*(?::\s*|\s(?=phải\b|cần\b))(.+)$")
NEW_ORDER = re.compile(r"^(?:Theo dõi|Kiểm tra|Đôn đốc|Hướng dẫn|Tham mưu|Tổ chức|Chỉ đạo|Rà soát)\b")
# A report of what was done, or a speaker's words running into the subject: not who must act.
NOT_A_LEAD = re.compile(r"\b(?:đã|đang|vừa(?! và nhỏ)(?<!nhỏ và vừa)|được(?! (?:phân công|giao)\s+\S)|sẽ|cũng|không|lưu ý|cho rằng|nhấn mạnh|khẳng định|phát biểu|đề nghị|yêu cầu)\b")
COORDINATE = re.compile(rf"chủ trì,?\s+phối hợp(?: với| chặt chẽ với)?\s+(.+?)(?=\s+(?!phối hợp){VERB}\b|[.;]|$)")
# Orders of an earlier document are reported, not given: "UBND tỉnh đã ban hành Công văn số … yêu cầu …".
NOT_A_TASK = re.compile(r"\b(?:đã có văn bản|đã ban hành|đã yêu cầu|đã đề nghị)\b")


VERB_WORD = re.compile(rf"(?<!\w){VERB}(?!\w)")

# Not tasks, whatever their verbs: chairing a meeting, closing formulas, execution and liability clauses,
# funding statements, the standard paragraph on difficulties, the grounds of a document.
CHAIRS_MEETING = re.compile(r"\bchủ trì\s+(?:cuộc họp|hội nghị|buổi làm việc|phiên họp|buổi)")
# The grounds of a document ("Căn cứ Luật …", "Thực hiện Chỉ thị số …") give no task, unless the same
# sentence goes on to give one: "Thực hiện Chỉ thị số 05/CT-TTg, Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Y tế …".
MANDATE = r"\b(?:có trách nhiệm|có nhiệm vụ|chịu trách nhiệm|chủ trì|yêu cầu|đề nghị|giao)\b"
CLOSING = re.compile((
    r"(?:xin\s+(?:trân trọng\s+)?thông báo|thông báo\s+(?:để|cho)\s+.{0,80}\bbiết"
    r"|chịu trách nhiệm\s+(?:thi hành|thực hiện|tổ chức thực hiện)\s+(?:Quyết định|Chỉ thị|Kế hoạch|Thông báo|Nghị quyết|Công văn) này"
    r"|chịu trách nhiệm trước pháp luật"
    r"|(?:nếu|khi) có (?:khó khăn|vướng mắc)|quá trình (?:tổ chức )?(?:triển khai )?thực hiện,? (?:nếu|có) (?:khó khăn|vướng mắc|phát sinh)"
    r"|(?:(?:nghiêm túc|khẩn trương)\s+(?:triển khai\s+)?thực hiện|(?:triển khai\s+)?thực hiện\s+nghiêm túc)(?: nghiêm túc)?"
    r"\s*(?:(?:Chỉ thị|Kế hoạch|Quyết định|Công văn|Thông báo) này)?\s*\.?/\.?$"
    r"|^Kinh phí\b|^(?:Căn cứ\s+(?:Luật|Hiến pháp|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Kế hoạch|Công văn)"
    r"|Thực hiện\s+(?:Nghị quyết|Quyết định|Chỉ thị|Kết luận|Kế hoạch|Luật|Thông báo|Công văn))\b(?!.*{MANDATE}))"
    ).replace("{MANDATE}", MANDATE), re.IGNORECASE)
# Every closing formula above holds one of these words: most sentences are passed over in one short search.
CLOSING_HINT = re.compile(r"thông báo|trách nhiệm|khó khăn|vướng mắc|thực hiện|kinh phí|căn cứ", re.IGNORECASE)


def not_a_task(sentence: str) -> bool:
    """A report of orders already given, a request sent upward, or the chairing of a meeting. The literal
    checks first pass over most sentences without running the patterns."""
    return (("đã " in sentence and bool(NOT_A_TASK.search(sentence))) or asks_upward(sentence)
            or ("chủ trì" in sentence and bool(CHAIRS_MEETING.search(sentence))))


def is_closing(sentence: str) -> bool:
    """A closing formula, not a task: "Xin thông báo để …", "Trong quá trình thực hiện, nếu có vướng mắc …"."""
    return bool(CLOSING_HINT.search(sentence)) and bool(CLOSING.search(sentence))


# What the speaker or the issuer will do, or did: "thị xã sẽ tập trung …", "đã chỉ đạo …".
OWN_PLAN = re.compile(r"\b(?:sẽ|đã|đang|vừa)\s+(?:\w+\s+){0,2}?(?:" + VERB[3:-1] + r")")
# Sections whose items are aims, not work: "I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "KINH PHÍ".
AIMS_SECTION = re.compile(r"^(?:muc dich|yeu cau|muc tieu|doi tuong|quan diem|pham vi|can cu|nguyen tac)\b")
TASKS_SECTION = re.compile(r"nhiem vu|giai phap|to chuc thuc hien|noi dung|trach nhiem|phan cong|ket luan")
# Funding: its statements are not tasks ("Kinh phí … được bố trí …"), but a body told to find the money is.
FUNDING_SECTION = re.compile(r"^(?:nguon )?kinh phi\b")
# An item that opens with its own subject and verb, after a framing phrase: "Đối với các nhiệm vụ năm 2025,
# các sở, ngành và UBND các xã chủ động cân đối …".
SUBJECT_FIRST = re.compile(rf"^{FRAME}?{LEAD}\s+(?:cần\s+|phải\s+)?(?={VERB}\b)")
# A line-separated field of a task item: "- Cơ quan chủ trì: …", "- Thời gian thực hiện: …".
FIELD = re.compile(r"^(?:Cơ quan|Đơn vị)\s+(chủ trì|thực hiện|phối hợp)\s*:\s*(.*)$|^(Thời gian|Thời hạn|Tiến độ)(?:\s+\w+){0,2}\s*:\s*(.*)$"
                   r"|^(Nội dung)\s*:\s*(.*)$", re.IGNORECASE)
# "; đồng thời …" and ". Đồng thời, …" begin a second action of the same addressee.
SECOND_ACTION = re.compile(r";\s*đồng thời,?\s+|\.\s+Đồng thời,?\s+")
# A timetable item opens with its date: "Cuối tháng 4 năm 2010: triển khai …", "Từ tháng 1/2010 thực hiện …".
TIMETABLE = re.compile(r"^(?:Từ|Cuối|Đầu|Giữa|Trước|Trong)?\s*(?:tháng|quý|năm|ngày)\s+[\dIVX]", re.IGNORECASE)
# An item that opens with its own doer, a group ("Các Cục Thuế", "Mỗi đoàn kiểm tra") or a named body,
# then its verb: "Các đoàn thanh tra phải xác định …", "Sở Y tế hướng dẫn …".
OWN_SUBJECT = re.compile(rf"^((?:[Cc]ác|[Mm]ỗi|[Tt]ừng)\s+[^\s,;:.]+(?:\s+(?!{VERB}\b)[^\s,;:.]+){{0,6}}?"
                         rf"|(?:{NAMED_HEAD})\s+[{UPPER}][^\s,;:.]*(?:\s+(?!{VERB}\b)[^\s,;:.]+){{0,6}}?)"
                         rf"\s+(?:cần\s+|phải\s+)?(?={VERB}\b)")
# The same with a modal, which ends the doer's name wherever its words look like verbs:
# "Các đoàn thanh tra, kiểm tra phải xác định …".
# A circumstantial clause may stand between the doer and its modal: "Các bệnh viện khi tiếp nhận người bệnh
# cần …", "Các đoàn kiểm tra trong quá trình làm việc tại doanh nghiệp phải …" — not part of the name.
CIRCUMSTANCE = r"(?:khi|sau khi|trong quá trình|trong khi|trước khi)"
OWN_SUBJECT_MODAL = re.compile(rf"^((?:[Cc]ác|[Mm]ỗi|[Tt]ừng|{NAMED_HEAD})\s+[^\s;:.]+(?:\s+(?!{CIRCUMSTANCE}\s)[^\s;:.]+){{0,7}}?)"
                               rf"(?:,?\s+{CIRCUMSTANCE}\s[^;:.]{{0,160}}?)?,?\s+(?:cần|phải)\s+")
# A sentence that ends with a colon announces the items below it ("… thực hiện các nội dung sau:"); when
# what comes before the colon is short it only announces them, when long it is a task of its own too.
LEAD_IN = re.compile(r":\s*$")
ANNOUNCEMENT_WORDS = 14


# "… một số nhiệm vụ trọng tâm sau:", "… các giải pháp sau đây:", "… như sau:": a list of tasks follows.
ANNOUNCES_LIST = re.compile(r"\b(?:sau(?: đây)?|như sau|gồm)\s*:\s*$")


# The issuer issuing the text itself: "Ủy ban nhân dân Tỉnh ban hành Kế hoạch … với các nội dung như sau:".
ISSUES_ITSELF = re.compile(r"(?:ban hành|thông báo|kết luận|quyết định)\b")


def announcing_subject(sentence: str) -> list[str] | None:
    """Rule: a sentence that announces a list of tasks hands the list to the subject of its last clause,
    after the grounds and the framing that open it. "Quán triệt ý kiến của đồng chí Bí thư; trên cơ sở các
    chỉ tiêu đã nêu, Sở Y tế và Ủy ban nhân dân các xã cụ thể hoá để tổ chức thực hiện, trong đó tập trung
    các nhiệm vụ sau:" → Sở Y tế and Ủy ban nhân dân các xã."""
    if not ANNOUNCES_LIST.search(sentence):
        return None
    clause = sentence[sentence.rfind(";") + 1:].strip()
    m = SUBJECT_FIRST.match(clause)
    if not m or NOT_A_LEAD.search(m.group(1)) or OWN_PLAN.search(clause[:m.end() + 30]) \
            or ISSUES_ITSELF.match(clause, m.end()):
        return None
    return split_addressees(m.group(1).strip(" ,")) or None


# "; Sở Y tế chủ trì …", "; UBND các xã có trách nhiệm …": a clause with its own subject and mandate.
NEW_SUBJECT_CLAUSE = re.compile(rf";\s+(?=(?=(?:Ban|Sở|UBND|Ủy ban|Uỷ ban|Văn phòng|Công an|Bộ|Cục|Hội|Mặt trận|Đài|Báo|"
                                rf"Trung tâm|Tỉnh đoàn|Liên đoàn)\s){LEAD}\s+(?:chủ trì|có trách nhiệm|có nhiệm vụ|"
                                rf"chịu trách nhiệm|phối hợp với)\b)")


@dataclass
class Assignment:
    lead: str | None
    action: str
    coordinators: list[str] = field(default_factory=list)
    deadline: str | None = None
    recurrence: str | None = None
    sentence: str = field(default="", repr=False, compare=False)
    spans: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)


@dataclass
class _Context:
    depth: float
    leads: list[str] | None  # None: a section without addressee
    aims: bool = False  # inside "MỤC ĐÍCH, YÊU CẦU": nothing here is a task
    tasks: bool = False  # inside "NHIỆM VỤ, GIẢI PHÁP": unaddressed items are tasks with no lead
    funding: bool = False  # inside "KINH PHÍ": only a body named with its verb has a task
    span_items: bool = False  # the context holds only until a paragraph that is not an action
    marked_items: bool = False  # a lead-in over "1.", "2." …: an unmarked paragraph continues the item above


SENTENCE_BREAK = re.compile(rf"(?<=[.!?])\s+(?=[{UPPER}])")
LEADS_WITH_COORDINATION = re.compile(r"(?i)(?:[a-zđ]\)\s*|-\s*)?(?:là cơ quan đầu mối,\s*)?chủ trì")
A_YEAR = re.compile(r"(?:19|20)\d\d")
ACTION_FRAME = re.compile(r"(?i)(?:là cơ quan|trên cơ sở|căn cứ)\b")
RESTRICTION = re.compile(r"\s+được (?:phân công|giao)\b")


# "… theo chức năng, nhiệm vụ và thẩm quyền" after the addressees: their remit, not part of a name.
REMIT = re.compile(r",?\s+theo (?:đúng )?chức năng,? nhiệm vụ(?:,? quyền hạn| và thẩm quyền)?(?: được giao)?"
                   r"(?: và (?:quy định|thẩm quyền))?\s*$")


def _restricted(lead: str) -> str:
    """Rule: a restrictive clause ("được phân công chủ trì nhiệm vụ …") stays in a lead whose head alone
    names no one ("Các đơn vị được giao chủ trì …"), and is dropped after a list of named bodies
    ("các sở, ngành và Ủy ban nhân dân các xã được phân công …" → the sở, ngành and the UBND). A remit
    ("Bộ Tài chính, Bộ Công Thương theo chức năng, nhiệm vụ và thẩm quyền") is dropped."""
    lead = REMIT.sub("", lead)
    m = RESTRICTION.search(lead)
    if m and len(split_addressees(lead[:m.start()])) > 1:
        return lead[:m.start()]
    return lead


# What follows a verb that was part of a name: "xây dựng công trình giao thông và Thủ trưởng các đơn vị liên
# quan" — another addressee's head before the next verb.
# Only verbs that form names of institutions ("Ban Quản lý dự án đầu tư xây dựng …", "Trung tâm phát triển
# quỹ đất", "Ban bồi thường giải phóng mặt bằng"), and no comma: "chủ trì, phối hợp với …, UBND huyện"
# is the action.
NAME_VERB = r"(?:xây dựng|đầu tư|quản lý|phát triển|bảo vệ|giải phóng|bồi thường|xúc tiến)"
NAME_GOES_ON = re.compile(rf"^({NAME_VERB}\b[^.;:,]{{0,120}}?\s+và\s+{OPEN_HEAD}\s[^.;:]{{0,120}}?)\s+(?={VERB}\b)")


def _over_name_verbs(lead: str, action: str) -> tuple[str, str]:
    """Rule: a verb inside a body's name ("Ban Quản lý dự án đầu tư xây dựng …") does not end the list of
    addressees when another addressee follows it before the next verb: "yêu cầu Giám đốc Ban Quản lý dự án
    đầu tư xây dựng công trình giao thông và Thủ trưởng các đơn vị liên quan triển khai …" → two addressees."""
    m = NAME_GOES_ON.match(action.lstrip(" ,"))
    if not m:
        return lead, action
    return f"{lead} {m.group(1)}", action.lstrip(" ,")[m.end():]


def _sentences(line: str) -> list[str]:
    """The sentences of a paragraph, and within each the clauses after ";" that open with a named body and
    its own mandate ("…; Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với … tổ chức hội nghị …"): each clause
    has its own subject. A list of addressees separated by ";" stays whole, no verb follows its parts."""
    out = []
    for sentence in SENTENCE_BREAK.split(line):
        if not sentence.strip():
            continue
        start = 0
        if ";" in sentence:
            for m in NEW_SUBJECT_CLAUSE.finditer(sentence):
                out.append(sentence[start:m.start()])
                start = m.end()
        out.append(sentence[start:])
    return [s for s in out if s.strip()]


def _clean_action(action: str) -> str:
    action = MODAL.sub("", ACTION_PREFIX.sub("", action.strip())).strip(" ,;").rstrip(".;/ ")
    return action[:300]


def _make(lead: str | None, action: str, sentence: str, year: int | None, span: tuple[int, int]) -> Assignment:
    """The task of one addressee, with the coordinators it opens with ("Phối hợp với Y …", "Chủ trì,
    phối hợp với Y …") and the deadline and rhythm its sentence states."""
    action = action.strip()
    coordinators = []
    c = COORDINATE.search(action) if LEADS_WITH_COORDINATION.match(action) else None
    if c:
        coordinators = split_addressees(c.group(1))
        action = action[c.end():]
    else:
        c = CONTINUED_COORDINATION.match(ACTION_PREFIX.sub("", action))
        if c:
            coordinators = split_addressees(c.group(1))
            action = ACTION_PREFIX.sub("", action)[c.end():]
    deadline = deadline_in(sentence, year)
    recurrence = recurrence_in(sentence)
    if recurrence == "yearly" and deadline and not A_YEAR.search(sentence[:200]):
        deadline = None
    return Assignment(lead or None, _clean_action(action), coordinators,
                      deadline.isoformat() if deadline else None, recurrence, sentence, [span])


# An item of the locality's proposals, and the answer after its colon.
PROPOSAL_ANSWERED = re.compile(r"^Về\s+(?:đề nghị|kiến nghị|đề xuất)[^:]*(?::\s*|$)")


def _explicit(sentence: str, year: int | None, span) -> tuple[list[Assignment], list[str] | None]:
    """Rules that name their own addressee: "Giao X …", "Đề nghị / Yêu cầu X …", "Đối với X cần …",
    "X chủ trì / có trách nhiệm / cần / phải …", "Ban cán sự đảng UBND tỉnh chỉ đạo …". Returns the
    assignments and, when the sentence only announces a list ("… thực hiện các nội dung sau:"), the
    addressees its items inherit."""
    if not_a_task(sentence):
        return [], None
    proposal = PROPOSAL_ANSWERED.match(sentence)
    if proposal:
        # "Về đề nghị Bộ Nội vụ …: Bộ Nội vụ nghiên cứu …" — the proposal is a petition, its answer a task.
        sentence = sentence[proposal.end():]
        if not sentence.strip():
            return [], None
    for index, trigger in enumerate(TRIGGERS):
        m = trigger.search(sentence)
        if not m:
            continue
        lead = _restricted(m.group(1).strip(" ,"))
        if NOT_A_LEAD.search(lead) or OWN_PLAN.search(sentence[:m.end() + 30]):
            continue
        lead, action = _over_name_verbs(lead, sentence[m.end():])
        addressees = split_addressees(lead) or [lead]
        if LEAD_IN.search(sentence) and len(_clean_action(action).split()) <= ANNOUNCEMENT_WORDS:
            return [], addressees  # "… thực hiện một số giải pháp sau:" — the items follow
        out = []
        c = COORDINATE.search(sentence)
        for addressee in addressees:
            task = _make(addressee, action, sentence, year, span)
            if c and not task.coordinators:
                task.coordinators = split_addressees(c.group(1))
                task.action = _clean_action(sentence[c.end():]) or task.action
            out.append(task)
        return out, None
    return [], None


# Where a later clause of an item may begin: after ";" or a sentence end, past a connective ("Theo đó, …").
CLAUSE_BREAK = re.compile(rf"(?:;|(?<=[.!?]))\s+(?:{OPENER})?(?=(?:[Cc]ác|[Mm]ỗi|[Tt]ừng)\s)")


# Things, not doers, after a plural marker: "Các nội dung hỗ trợ …", "Các nhiệm vụ trọng tâm …".
NOT_A_DOER = re.compile(r"^(?:các|những|mỗi|từng)\s+(?:nội dung|nhiệm vụ|giải pháp|văn bản|chỉ tiêu|dự án|công trình|"
                        r"bước|hoạt động|chương trình|kế hoạch|đề án|chính sách|quy định|hồ sơ|mục tiêu|yêu cầu|"
                        r"vấn đề|khoản|nguồn|trường hợp|lĩnh vực)\b", re.IGNORECASE)
# The doer of such a clause is a body or its people ("các Chi cục Thuế", "mỗi đoàn kiểm tra"), not an
# adverb that looks like one ("từng bước tham mưu …").
DOER = re.compile(rf"^(?:(?:[Cc]ác|[Mm]ỗi|[Tt]ừng)\s+(?i:{NAMED_HEAD}|{GROUP_NOUN}|đoàn|tổ|đội|phòng|trạm|bệnh viện|cơ sở|chi bộ|đảng bộ|"
                  rf"hợp tác xã|lực lượng|cán bộ|công chức|đảng viên|thành viên)\b"
                  rf"|(?![Cc]ác|[Mm]ỗi|[Tt]ừng){NAMED_HEAD}\b)")


def _clauses_with_own_subject(item: str, year: int | None, span) -> list[Assignment]:
    """Rule: a later clause of an item that opens with its own doer is that doer's task. "Tăng cường đôn đốc
    số thu nộp ngân sách. Theo đó, mỗi đoàn kiểm tra phải phối hợp với bộ phận quản lý nợ theo dõi …" →
    a task of "mỗi đoàn kiểm tra"; "…; các Chi cục Thuế lựa chọn doanh nghiệp …" → one of "các Chi cục Thuế"."""
    out = []
    for m in CLAUSE_BREAK.finditer(item, 1):
        clause = item[m.end():]
        own = OWN_SUBJECT_MODAL.match(clause) or OWN_SUBJECT.match(clause)
        if own and not NOT_A_LEAD.search(own.group(1)) and DOER.match(own.group(1)):
            end = re.search(r"[;.!?](?:\s|$)", clause[own.end():])
            task = _make(own.group(1), clause[own.end():own.end() + end.start() if end else None], clause, year, span)
            task.sentence = ""
            out.append(task)
    return out


def _second_actions(task: Assignment, year: int | None, span) -> list[Assignment]:
    """Rule: "…; đồng thời …" begins a second action of the same addressee, with the coordinators of the
    first. "Giao Sở Xây dựng phối hợp với UBND huyện kiểm tra công trình; đồng thời tham mưu bố trí vốn" →
    two tasks of Sở Xây dựng, each with UBND huyện."""
    parts = SECOND_ACTION.split(task.action)
    if len(parts) < 2:
        return [task]
    out = []
    for part in parts:
        piece = _make(task.lead, part, part, year, span)
        piece.coordinators = piece.coordinators or list(task.coordinators)
        piece.sentence = task.sentence
        out.append(piece)
    return out


SUB_ITEM_KINDS = {"number", "decimal", "paren", "letter", "roman"}


def _has_sub_items(blocks, index: int) -> bool:
    """A numbered item followed by deeper numbered items ("1. Xây dựng các văn bản" over "a) Quyết định …")
    is their heading: the tasks are the items below it."""
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    return after is not None and after.kind in SUB_ITEM_KINDS and after.depth > blocks[index].depth


def _fields(block_text: str) -> tuple[str, str] | None:
    m = FIELD.match(block_text)
    if not m:
        return None
    if m.group(1):
        return ("lead" if m.group(1).lower() in {"chủ trì", "thực hiện"} else "coordinators"), m.group(2)
    if m.group(3):
        return "when", m.group(4)
    return "content", m.group(6)


def _field_clauses(text: str, year: int | None, span) -> list[Assignment]:
    """Rule: a lead field written as sentences gives each later clause that opens with its own bodies and
    verb to those bodies. "- Cơ quan thực hiện: Sở Tư pháp rà soát văn bản của tỉnh; các sở, ngành và UBND
    các xã rà soát văn bản do cơ quan mình tham mưu. Đồng thời, các sở, ngành cập nhật …" → the first
    clause is the item's (`_field_lead`), the others are tasks of "các sở, ngành" and "UBND các xã"."""
    out = []
    for clause in re.split(r";\s+|\.\s+(?=[{UPPER}])".replace("{UPPER}", UPPER), text)[1:]:
        clause = ACTION_PREFIX.sub("", clause.strip())
        m = SUBJECT_FIRST.match(clause)
        if not m or NOT_A_LEAD.search(m.group(1)):
            continue
        for lead in split_addressees(m.group(1)) or [m.group(1)]:
            task = _make(lead, clause[m.end():], clause, year, span)
            task.sentence = ""
            out.append(task)
    return out


def _field_lead(text: str) -> list[str]:
    """"Sở Khoa học và Công nghệ tiến hành rà soát …; các sở …" → the bodies before the first verb."""
    first = re.split(rf"\s+(?={VERB}\b)|\s+(?:tiến hành|theo chức năng)\b", text.rstrip(". "), maxsplit=1)[0]
    return split_addressees(first)


def _is_action(text: str) -> bool:
    return bool(ACTION_START.match(text)) or bool(ACTION_FRAME.match(text))


def find_assignments(structure, year: int | None, skip: set[int] = frozenset(),
                     has_task_table: bool = False) -> list[Assignment]:
    """`has_task_table`: the document assigns its work in a table, so an unaddressed list in the body
    only states contents."""
    blocks = structure.blocks
    # Fields belong to the nearest item above them.
    fields: dict[int, dict[str, str]] = {}
    owner = None
    for index, block in enumerate(blocks):
        found = _fields(block.content) if block.kind in {"dash", "plus", "text"} else None
        if found and owner is not None:
            fields.setdefault(owner, {})[found[0]] = found[1]
        elif block.kind in {"number", "decimal", "paren", "letter", "roman", "article"}:
            owner = index
    out: list[Assignment] = []
    unaddressed: list[tuple[int, Assignment]] = []  # tasks with no lead, by section
    section = 0
    sections_with_bodies: set[int] = set()
    stack: list[_Context] = []
    paragraphs = _Paragraphs(year)
    headings: list[tuple[float, str]] = []  # the numbered headings above the block, outermost first
    for index, block in enumerate(blocks):
        if index in skip:
            continue
        content = block.content
        if not content:
            continue
        depth = block.depth
        if block.kind not in {"text", "dash", "plus"}:
            headings = [h for h in headings if h[0] < depth]
        while stack and depth <= stack[-1].depth:
            stack.pop()
        if stack and stack[-1].span_items and block.kind == "text" and not _is_action(content):
            stack.pop()
        if _fields(content) and block.kind in {"dash", "plus", "text"}:
            continue
        if block.kind == "roman" or (block.heading and block.kind == "text" and not SENTENCE_END_RE.search(content)):
            section += 1
            key = fold(content)
            stack = [s for s in stack if s.depth < depth]
            stack.append(_Context(depth, None, aims=bool(AIMS_SECTION.match(key)), tasks=bool(TASKS_SECTION.search(key)),
                                  funding=bool(FUNDING_SECTION.match(key))))
            paragraphs.reset()
            continue
        aims = any(s.aims for s in stack)
        in_tasks = any(s.tasks for s in stack)
        funding = any(s.funding for s in stack)
        leads = next((s.leads for s in reversed(stack) if s.leads is not None), None)
        span = (block.start, block.end)
        # A heading that names bodies: its items go to each of them.
        if block.kind != "text" or block.heading:
            # Items follow: a deeper list item, or paragraphs under a heading that is not a finished sentence
            # ("2. Đề nghị UBND tỉnh chỉ đạo … ." followed by a paragraph is a task, not a heading).
            after = blocks[index + 1] if index + 1 < len(blocks) else None
            children = after is not None and after.depth > depth and (
                after.kind != "text" or not SENTENCE_END_RE.search(content))
            named = heading_bodies(content, VERB_WORD, children)
            if named and index not in fields:
                stack.append(_Context(depth, named))
                sections_with_bodies.add(section)
                continue
        if aims:
            continue
        if block.kind == "plus" and out:
            continue  # "+" details stay with their "-" item
        own = fields.get(index)
        if block.kind not in {"text", "dash", "plus"} and not own:
            headings.append((depth, block.content))
        if own and ("lead" in own or "when" in own):
            action = own.get("content") or content
            task_leads = _field_lead(own["lead"]) if own.get("lead") else (leads or [None])
            when = own.get("when", "")
            if not _is_action(action) and headings and _is_action(headings[-1][1]):
                # "3.1. Tham gia góp ý kiến vào dự thảo các văn bản …" over "a) Nghị định quy định …": the
                # item names the object, the heading above it the action.
                action = f"{headings[-1][1].rstrip(' .:')}: {action}"
            tasks = [_make(lead, action, action, year, span) for lead in task_leads]
            for task in tasks:
                if own.get("coordinators"):
                    task.coordinators = split_addressees(own["coordinators"].rstrip(". "))
            tasks += _field_clauses(own.get("lead", ""), year, span)
            for task in tasks:
                if when:
                    deadline, task.recurrence = period_deadline(when, year)
                    task.deadline = deadline.isoformat() if deadline else None
            out.extend(tasks)
            continue
        if is_closing(content):
            # A closing formula ends the paragraph; the sentences before it may still give tasks.
            said = _sentences(content)
            kept = [sentence for sentence in said if not is_closing(sentence)]
            if not kept or len(kept) == len(said):
                continue
            content = " ".join(kept)
        if block.kind == "text" and leads is None:
            before = (paragraphs.list_lead, list(paragraphs.shared))
            found = paragraphs.read(content, span)
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and following.depth < UNMARKED_DEPTH and LEAD_IN.search(content):
                # "… thành phố Đà Nẵng cần thực hiện tốt một số nhiệm vụ sau đây:" then "1. …", "2. …"
                announcing = [t for t in found if t.lead and len(t.action.split()) <= ANNOUNCEMENT_WORDS]
                if paragraphs.shared and paragraphs.shared != before[1]:
                    announced = paragraphs.shared
                elif paragraphs.list_lead and paragraphs.list_lead != before[0]:
                    announced = [paragraphs.list_lead]
                else:
                    announced = [t.lead for t in announcing]
                if announced:
                    found = [t for t in found if t not in announcing]
                    stack.append(_Context(following.depth - 0.5, announced, marked_items=True))
                    paragraphs.reset()
            out.extend(found)
            continue
        made = False
        list_leads = item_leads = None
        pieces = SECOND_ACTION.split(content)
        sentences = _sentences(pieces[0])
        for position, sentence in enumerate(sentences + pieces[1:]):
            found, announced = _explicit(sentence, year, span)
            if announced:
                list_leads = announced
                continue
            if found:
                for task in found:
                    task.sentence = ""  # an item of a list is never a summary
                out.extend(found)
                made = True
                continue
            if position > 0 and made and out:
                if position >= len(sentences):  # "; đồng thời …": the same addressee again
                    previous = out[-1]
                    task = _make(previous.lead, sentence, sentence, year, span)
                    task.coordinators = task.coordinators or list(previous.coordinators)
                    task.sentence = ""
                    out.append(task)
                continue
            if position > 0:
                continue
            if leads and block.kind == "text" and any(c.marked_items for c in stack if c.leads is leads):
                break  # the item above goes on
            bare = ACTION_PREFIX.sub("", pieces[0])
            own = (OWN_SUBJECT_MODAL.match(bare) or OWN_SUBJECT.match(bare)) if leads else None
            if own and not NOT_A_LEAD.search(own.group(1)) and DOER.match(own.group(1)):
                # "Các Cục Thuế rà soát lại kế hoạch …" under "Kính gửi: Cục Thuế các tỉnh": the item names its
                # own doer, and its sub-items ("- Trên cơ sở kế hoạch …") are that doer's too.
                task = _make(own.group(1), bare[own.end():], content, year, span)
                task.sentence = ""
                out.append(task)
                out.extend(_clauses_with_own_subject(pieces[0][len(pieces[0]) - len(bare) + own.end():], year, span))
                item_leads = [own.group(1)]
                made = True
                break
            if leads:
                for lead in leads:
                    task = _make(lead, pieces[0], content, year, span)
                    task.sentence = ""
                    out.append(task)
                out.extend(_clauses_with_own_subject(pieces[0], year, span))
                made = True
                break
            subject = SUBJECT_FIRST.match(content) if (in_tasks or funding) and block.kind != "text" else None
            if subject and not NOT_A_LEAD.search(subject.group(1)) and not NOT_A_DOER.match(subject.group(1)) \
                    and not OWN_PLAN.search(content[:80]):
                # Rule: in a section of tasks, a numbered item that opens with its subject and verb is that
                # subject's task, for each body it names.
                for lead in split_addressees(subject.group(1)) or [subject.group(1)]:
                    task = _make(lead, content[subject.end():], content, year, span)
                    task.sentence = ""
                    out.append(task)
                made = True
                break
            if funding:
                break
            if in_tasks and (_is_action(content) or TIMETABLE.match(content)) and not OWN_PLAN.search(content[:80]) \
                    and not _has_sub_items(blocks, index):
                for piece in pieces:  # "…; đồng thời …": a second task, with no lead either
                    task = _make(None, piece, piece if len(pieces) > 1 else content, year, span)
                    task.sentence = ""
                    out.append(task)
                    unaddressed.append((section, task))
                made = True
                break
        if item_leads and not list_leads and block.kind != "text":
            stack.append(_Context(depth, item_leads))
        if list_leads:
            following = blocks[index + 1].depth if index + 1 < len(blocks) else depth
            stack.append(_Context(min(depth, following - 0.5), list_leads, span_items=following == UNMARKED_DEPTH))
    # A list with no addressee that a later section assigns to bodies states contents, not tasks.
    drop = {id(task) for s, task in unaddressed if has_task_table or any(b > s for b in sections_with_bodies)}
    out = [a for a in out if id(a) not in drop]
    lead_end = blocks[min(2, len(blocks) - 1)].end if blocks else 0
    return _dedupe(_drop_summaries(out, lead_end))


class _Paragraphs:
    """Unmarked paragraphs of an article or a letter: the addressee a directive names carries to the
    speaker's next sentences and paragraphs; a list heading ("… nhiệm vụ … đối với X:") hands its items
    to X; addressees announced before a colon each receive the items that follow."""

    def __init__(self, year: int | None):
        self.year = year
        self.reset()

    def reset(self):
        self.list_lead = self.inherited_lead = None
        self.shared: list[str] = []

    def _inherited(self, sentence: str, lead: str | None, span) -> Assignment | None:
        if lead is None or not ACTION_START.match(sentence):
            return None
        task = _make(lead, sentence, sentence, self.year, span)
        task.sentence = ""  # items of one list are distinct tasks, never a summary of each other
        return task

    def read(self, line: str, span) -> list[Assignment]:
        out: list[Assignment] = []
        year = self.year
        heading = LIST_HEADING.search(line)
        if heading and not NOT_A_LIST_HEADING.search(next(g for g in heading.groups() if g)):
            self.list_lead = self.inherited_lead = next(g for g in heading.groups() if g).strip(" ,")
            return out
        self.inherited_lead = self.list_lead or self.inherited_lead
        made_here = addressed_here = False
        for position, sentence in enumerate(_sentences(line)):
            if not_a_task(sentence) or is_closing(sentence):
                continue
            found = False
            for trigger in TRIGGERS:
                m = trigger.search(sentence)
                if not m:
                    continue
                lead = _restricted(m.group(1).strip(" ,"))
                if NOT_A_LEAD.search(lead):
                    continue
                found = True
                lead, action = _over_name_verbs(lead, sentence[m.end():])
                c = COORDINATE.search(sentence)
                addressees = split_addressees(lead) or [lead]
                announces = action.rstrip().endswith(":") and len(addressees) > 1
                if announces and len(_clean_action(action).split()) <= ANNOUNCEMENT_WORDS:
                    self.shared, made_here = addressees, True  # "… đề nghị X, Y thực hiện các nội dung sau:"
                    break
                # A task of its own that also announces its contents: "… yêu cầu X, Y triển khai việc lập kế
                # hoạch đầu tư công trung hạn, với các nội dung sau:" — the items below go to X and Y too.
                self.shared = addressees if announces else []
                for addressee in addressees:
                    task = _make(addressee, action, sentence, year, span)
                    if c:
                        task.coordinators = split_addressees(c.group(1))
                        task.action = _clean_action(sentence[c.end():]) or task.action
                    out.extend(_second_actions(task, year, span))
                made_here = True
                ordered = trigger in TRIGGERS[:3]
                if not self.list_lead and (ordered or not addressed_here):
                    self.inherited_lead = addressees[-1] if len(addressees) == 1 else None
                addressed_here = addressed_here or ordered
                break
            if found:
                continue
            subject = announcing_subject(sentence)
            if subject:
                self.shared, made_here = subject, True
                continue
            unaddressed = UNADDRESSED.search(sentence)
            if unaddressed and not self.list_lead:
                out.append(_make("", unaddressed.group(1), sentence, year, span))
                made_here, self.inherited_lead = True, ""
                continue
            if made_here:  # later sentences detail the paragraph's task, unless they open with a new order
                follow = NEW_ORDER.match(sentence) and out and self._inherited(sentence, out[-1].lead or "", span)
                if follow:
                    out.append(follow)
                continue
            if self.shared and position == 0 and ACTION_START.match(sentence):
                for addressee in self.shared:
                    out.append(self._inherited(sentence, addressee, span))
                made_here = True
                continue
            continuation = self._inherited(sentence, self.inherited_lead, span)
            if continuation:
                out.append(continuation)
                made_here = True
            elif position == 0:
                self.inherited_lead = self.list_lead
        return [t for t in out if t]


def _same_task(a: Assignment, b: Assignment) -> bool:
    if a.lead and b.lead and _lead_key(a.lead) != _lead_key(b.lead):
        return False
    words_a, words_b = set(re.findall(r"\w+", a.action.lower())), set(re.findall(r"\w+", b.action.lower()))
    return bool(words_a and words_b) and len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.6


def _lead_key(lead: str | None) -> str:
    """"Mỗi cán bộ" and "Cán bộ" address the same people."""
    return re.sub(r"^(?:mỗi|từng|tất cả|các)\s+", "", (lead or "").lower())


SUMMARY_WINDOW = 40  # how far a summary (headline, sapo) is looked for in the body: bounded, so linear


def _drop_summaries(tasks: list[Assignment], lead_end: int) -> list[Assignment]:
    """A summary (headline, sapo: the text before `lead_end`) that the body repeats in detail is kept
    once, in its detailed place. Only tasks of unmarked paragraphs are summaries; items of a list never are."""
    out = []
    for i, a in enumerate(tasks):
        if a.sentence and a.spans and a.spans[0][0] < lead_end and any(_same_task(a, b) and b.sentence and a.sentence != b.sentence
                              for b in tasks[i + 1:i + 1 + SUMMARY_WINDOW]):
            continue
        out.append(a)
    return out


UNMARKED_DEPTH = UNMARKED
SENTENCE_END_RE = re.compile(r"[.;!?]\s*$")  # unlike structure.SENTENCE_END, "X:" may be a heading


@lru_cache(maxsize=4096)
def _folded_lead(lead: str) -> str:
    return fold(lead)  # leads repeat down a long list; actions do not


def _key(a: Assignment) -> tuple:
    return (_folded_lead(a.lead or ""), fold(a.action), a.deadline, a.recurrence, tuple(a.coordinators))


def _dedupe(tasks: list[Assignment]) -> list[Assignment]:
    """The same task stated twice (the same lead, the same action once normalised) is kept once; tasks
    that only look alike stay apart. One pass with a set: no all-pairs comparison."""
    seen, out = set(), []
    for task in tasks:
        key = _key(task)
        if key in seen:
            continue
        seen.add(key)
        out.append(task)
    return out
