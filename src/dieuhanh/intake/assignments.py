"""Assignments (giao việc): "Giao X …", "Đề nghị X …", "Yêu cầu X …", "X chủ trì, phối hợp Y, Z …",
"X có trách nhiệm …", "X cần …"; enumerations that share one lead inherit it."""

import re
from dataclasses import dataclass, field

from .letters import UPPER
from .dates import deadline_in, recurrence_in

BODY_HEAD = (r"(?:Ban|Sở|UBND|Ủy ban|Uỷ ban|Văn phòng|Thường trực|Công an|Bộ|Cục|Tổng cục|Đảng ủy|Đảng đoàn|Huyện ủy|"
             r"Tỉnh ủy|Thành ủy|Thị ủy|Hội|Liên đoàn|Tỉnh đoàn|Mặt trận|MTTQ|Giám đốc|Thủ trưởng|Chủ tịch|[Ll]ãnh đạo|"
             r"[Cc]ác|[Cc]án bộ|[Nn]gười đứng đầu|Trung tâm|Chi cục|Kho bạc|Cục Thuế|Báo|Đài|Quỹ|Ngân hàng|Bí thư|"
             r"[Đđ]ồng chí|[Mm]ỗi)")
VERB = (r"(?:chủ trì|phối hợp|tham mưu|triển khai|chỉ đạo|thực hiện|tập trung|khẩn trương|nghiên cứu|rà soát|gửi|"
        r"theo dõi|cần|có trách nhiệm|tiếp tục|đẩy mạnh|tăng cường|quan tâm|kiện toàn|chủ động|báo cáo|xây dựng|"
        r"hướng dẫn|kiểm tra|tổ chức|nghiêm túc|thẳng thắn|quyết liệt|phải|sớm|bố trí|hoàn thành|hoàn thiện|đôn đốc|"
        r"trình|phát huy|ban hành|làm tốt|giải quyết|đánh giá|cân đối|đảm bảo|bảo đảm|huy động|ưu tiên|xem xét|"
        r"cung cấp|phổ biến|quán triệt|nâng cao|rà soát|thường xuyên|căn cứ|lập|khắc phục|tuyên truyền|xử lý|"
        r"giám sát|chịu trách nhiệm|duy trì|nắm|đề xuất|kịp thời)")
LEAD = rf"({BODY_HEAD}(?:[ ,]+(?!{VERB}\b)[^\s,;:.]+){{0,14}}?)"
TRIGGERS = [
    re.compile(rf"\b(?:[Gg]iao(?: cho)?)\s+{LEAD}\s+(?={VERB}\b)"),
    re.compile(rf"\b(?:[Đđ]ề nghị|[Yy]êu cầu)\s+{LEAD}\s*,?\s+(?={VERB}\b)"),
    re.compile(rf"^(?:Đồng thời,\s*|Theo đó,\s*|Trong đó,\s*)?{LEAD}\s+(?=chủ trì|có trách nhiệm|cần\b|phối hợp với|phải\b)"),
]
COORDINATE = re.compile(rf"chủ trì,?\s+phối hợp(?: với| chặt chẽ với)?\s+(.+?)(?=\s+(?!phối hợp){VERB}\b|[.;]|$)")
SPLIT_ADDRESSEES = re.compile(r"\s*;\s*(?:và\s+)?|\s*,\s*(?:và\s+)?(?=(?:Giám đốc|Thủ trưởng|Chủ tịch UBND|Sở|Ban|UBND|"
                              r"các cơ quan)\b)|\s+và\s+(?=(?:Giám đốc|Thủ trưởng|Chủ tịch UBND|Sở|Ban|UBND)\b)")
NOT_A_TASK = re.compile(r"\b(?:đã có văn bản|đã yêu cầu|đã đề nghị)\b")


@dataclass
class Assignment:
    lead: str | None
    action: str
    coordinators: list[str] = field(default_factory=list)
    deadline: str | None = None
    recurrence: str | None = None


def _sentences(line: str) -> list[str]:
    return [s for s in re.split(rf"(?<=[.!?])\s+(?=[{UPPER}])", line) if s.strip()]


def find_assignments(lines: list[str], year: int | None, skip: set[int] = frozenset()) -> list[Assignment]:
    out = []
    for index, line in enumerate(lines):
        if index in skip:
            continue
        for sentence in _sentences(line):
            if NOT_A_TASK.search(sentence):
                continue
            for trigger in TRIGGERS:
                m = trigger.search(sentence)
                if not m:
                    continue
                lead = m.group(1).strip(" ,")
                action = sentence[m.end():].strip().rstrip(".")
                coordinators = []
                c = COORDINATE.search(sentence)
                if c:
                    coordinators = [x.strip() for x in re.split(r",\s*|\s+và\s+", c.group(1)) if x.strip()]
                    action = sentence[c.end():].strip().rstrip(".") or action
                deadline = deadline_in(sentence, year)
                for addressee in SPLIT_ADDRESSEES.split(lead):
                    if addressee:
                        out.append(Assignment(addressee, action[:300], coordinators,
                                              deadline.isoformat() if deadline else None, recurrence_in(sentence)))
                break
    return out
