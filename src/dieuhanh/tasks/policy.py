"""Who may do what with a task — the one place these rules are written.

`can(user, action, task)` answers for buttons and menus, `require(user, action, task)` refuses in a
service (PermissionDenied for the role, ValidationError for the state), and the queryset forms
(`decided_by`) gives the inbox and the lists the same rule as a filter.

Roles come from org (Scope): the lead unit's officers and leaders work on it; the assigning unit's
trackers and leaders (and admins above) decide on it; coordinating units report on it.
"""

from django.db.models import Q

from dieuhanh.core.rules import Policy, Rule
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope

from .models import Coordination, Decision, Task
from .status import State


def _decides(scope: Scope, task: Task) -> bool:
    return scope.may_decide_for(task.assigned_by)


def _leads(scope: Scope, task: Task) -> bool:
    return scope.may_work_for(task.lead)


def _reports(scope: Scope, task: Task) -> bool:
    if _leads(scope, task):
        return True
    return Coordination.objects.filter(task=task, unit_id__in=scope.work_unit_ids).exists()


def _delegates(scope: Scope, task: Task) -> bool:
    return scope.may_decide_for(task.lead)


def _member_of_lead(scope: Scope, task: Task) -> bool:
    """Anyone of the lead unit who works or decides there acknowledges receipt for it."""
    return _leads(scope, task) or scope.may_decide_for(task.lead)


def _takes_part(scope: Scope, task: Task) -> bool:
    """The discussion is the task's people: the assigning office, the lead and the coordinators."""
    return _decides(scope, task) or _delegates(scope, task) or _reports(scope, task)


def _open_with_work(task: Task) -> bool:
    return task.state == State.OPEN and not task.is_series


def _extendable(task: Task) -> bool:
    return (task.state == State.OPEN and bool(task.deadline)
            and not task.extensions.filter(decision=Decision.PENDING).exists())


def _extension_pending(task: Task) -> bool:
    return task.extensions.filter(decision=Decision.PENDING).exists()


RULES: dict[str, Rule] = {
    "report": Rule(_reports, _open_with_work,
                   "Chỉ đơn vị chủ trì và đơn vị phối hợp được báo cáo tiến độ nhiệm vụ này.",
                   "Chỉ báo cáo tiến độ khi nhiệm vụ đang thực hiện."),
    "request_completion": Rule(_leads, _open_with_work, "Chỉ đơn vị chủ trì được đề nghị hoàn thành nhiệm vụ.",
                               "Nhiệm vụ không ở trạng thái có thể đề nghị hoàn thành."),
    "request_extension": Rule(_leads, _extendable, "Chỉ đơn vị chủ trì được đề nghị gia hạn.",
                              "Chỉ gia hạn nhiệm vụ đang thực hiện, có thời hạn và chưa có đề nghị gia hạn chờ xử lý."),
    "acknowledge": Rule(_member_of_lead, lambda t: t.acknowledged_at is None and t.state == State.OPEN,
                        "Chỉ đơn vị chủ trì được xác nhận đã tiếp nhận nhiệm vụ.", "Nhiệm vụ đã được tiếp nhận."),
    "accept": Rule(_decides, lambda t: t.state == State.AWAITING, "Chỉ đơn vị giao nhiệm vụ được nghiệm thu.",
                   "Nhiệm vụ không có đề nghị hoàn thành đang chờ nghiệm thu."),
    "return": Rule(_decides, lambda t: t.state == State.AWAITING,
                   "Chỉ đơn vị giao nhiệm vụ được trả lại đề nghị hoàn thành.",
                   "Nhiệm vụ không có đề nghị hoàn thành đang chờ nghiệm thu."),
    "decide_extension": Rule(_decides, _extension_pending, "Chỉ đơn vị giao nhiệm vụ được quyết định gia hạn.",
                             "Nhiệm vụ không có đề nghị gia hạn đang chờ xử lý."),
    "remind": Rule(lambda s, t: s.decides_over(t.assigned_by), lambda t: t.state == State.OPEN,
                   "Chỉ đơn vị giao nhiệm vụ được đôn đốc.", "Chỉ đôn đốc nhiệm vụ đang thực hiện."),
    "edit": Rule(_decides, lambda t: t.state in {State.OPEN, State.PAUSED, State.AWAITING},
                 "Chỉ đơn vị giao nhiệm vụ được sửa nhiệm vụ.", "Không sửa nhiệm vụ đã kết thúc."),
    "pause": Rule(_decides, lambda t: t.state == State.OPEN, "Chỉ đơn vị giao nhiệm vụ được tạm dừng.",
                  "Không thể tạm dừng nhiệm vụ ở trạng thái hiện tại."),
    "resume": Rule(_decides, lambda t: t.state == State.PAUSED, "Chỉ đơn vị giao nhiệm vụ được tiếp tục.",
                   "Không thể tiếp tục nhiệm vụ ở trạng thái hiện tại."),
    "cancel": Rule(_decides, lambda t: t.state in {State.OPEN, State.PAUSED, State.AWAITING},
                   "Chỉ đơn vị giao nhiệm vụ được dừng thực hiện.", "Không thể dừng thực hiện nhiệm vụ ở trạng thái hiện tại."),
    "delegate": Rule(_delegates, lambda t: t.state == State.OPEN,
                     "Chỉ lãnh đạo đơn vị chủ trì mới được giao nhiệm vụ con.",
                     "Chỉ giao nhiệm vụ con cho nhiệm vụ đang thực hiện."),
    "comment": Rule(_takes_part, lambda t: True,
                    "Chỉ đơn vị giao, đơn vị chủ trì và đơn vị phối hợp được trao đổi về nhiệm vụ này.", ""),
}
POLICY = Policy(RULES, Scope.of)
ACTIONS = POLICY.actions
can, require, available_actions = POLICY.can, POLICY.require, POLICY.available_actions


def may_assign_for(user, unit: Unit) -> bool:
    return Scope.of(user).may_decide_for(unit)


# --- queryset forms ------------------------------------------------------------------------------

def decided_by(user) -> Q:
    """Tasks whose assigning unit the user decides for (tracker, leader, or admin of it or above)."""
    scope = Scope.of(user)
    if scope.is_superuser:
        return Q()
    q = Q(assigned_by_id__in=scope.decide_unit_ids)
    for path in scope.admin_paths:  # an admin decides for the whole subtree
        q |= Q(assigned_by__path__startswith=path)
    return q
