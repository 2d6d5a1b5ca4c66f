"""Who may do what with a petition — the one place these rules are written (as tasks/policy.py):
`can` for the page's buttons, `require` in the services, `available_actions` for the template.

The receiving office (its trackers and leaders) receives, routes, refuses, merges, closes, publishes
and records the submitter's word; the unit handling it (its officers and leaders) takes it up,
answers or refuses it; the handling unit's leaders may also pass it on to another unit.
"""

from dieuhanh.core.rules import Policy, Rule
from dieuhanh.org.queries import Scope

from .models import Petition
from .rules import ANSWERABLE, OPEN

S = Petition.Status
ANSWERED = {S.ANSWERED, S.REFUSED}


def manages(scope: Scope, p: Petition) -> bool:
    """The receiving office: its trackers and leaders."""
    return p.receiving_unit is not None and scope.may_decide_for(p.receiving_unit)


def handles(scope: Scope, p: Petition) -> bool:
    """The receiving office, or the unit the petition was sent to."""
    unit = p.responsible_unit
    return manages(scope, p) or (unit is not None and (scope.may_work_for(unit) or scope.may_decide_for(unit)))


def _passes_on(scope: Scope, p: Petition) -> bool:
    moving = p.responsible_unit is not None
    return manages(scope, p) or (moving and scope.may_decide_for(p.responsible_unit))


RULES: dict[str, Rule] = {
    "accept": Rule(manages, lambda p: p.status == S.PENDING, "Bạn không có quyền tiếp nhận kiến nghị này.",
                   "Kiến nghị này đã được tiếp nhận."),
    "transfer": Rule(_passes_on, lambda p: p.status in ANSWERABLE, "Bạn không có quyền chuyển kiến nghị này.",
                     "Kiến nghị ở trạng thái này không chuyển được."),
    "start": Rule(handles, lambda p: p.status == S.TRANSFERRED, "Chỉ đơn vị được giao mới nhận xử lý kiến nghị này.",
                  "Chỉ nhận xử lý được kiến nghị vừa được chuyển đến."),
    "answer": Rule(handles, lambda p: p.status in ANSWERABLE and p.responsible_unit_id is not None,
                   "Bạn không có quyền trả lời kiến nghị này.",
                   "Kiến nghị cần được chuyển cho đơn vị xử lý trước khi trả lời."),
    "refuse": Rule(handles, lambda p: p.status in OPEN, "Bạn không có quyền từ chối kiến nghị này.",
                   "Kiến nghị đã có kết quả, không từ chối được."),
    "send_answer": Rule(handles, lambda p: p.status == S.ANSWERED, "Bạn không có quyền gửi trả lời kiến nghị này.",
                        "Kiến nghị chưa có câu trả lời để gửi."),
    "follow_up": Rule(manages, lambda p: p.status in ANSWERED,
                      "Chỉ cơ quan tiếp nhận ghi nhận ý kiến của người kiến nghị.",
                      "Chỉ ghi nhận ý kiến sau khi kiến nghị đã được trả lời."),
    "close": Rule(manages, lambda p: p.status in ANSWERED, "Bạn không có quyền đóng kiến nghị này.",
                  "Chỉ đóng được kiến nghị đã trả lời hoặc đã từ chối."),
    "merge": Rule(manages, lambda p: p.status in OPEN, "Bạn không có quyền gộp kiến nghị này.",
                  "Kiến nghị đã có kết quả, không gộp được."),
    "publish": Rule(manages, lambda p: p.status in {S.ANSWERED, S.CLOSED} and p.has_answer,
                    "Bạn không có quyền công khai kiến nghị này.",
                    "Chỉ công khai được câu trả lời của kiến nghị đã được trả lời."),
    "comment": Rule(handles, lambda p: True,
                    "Chỉ cơ quan tiếp nhận và đơn vị xử lý được trao đổi về kiến nghị này.", ""),
}
POLICY = Policy(RULES, Scope.of)
ACTIONS = POLICY.actions
can, require, available_actions = POLICY.can, POLICY.require, POLICY.available_actions