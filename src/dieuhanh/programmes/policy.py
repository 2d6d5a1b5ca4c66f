"""Who may do what with a programme — the one place the rule is written: those who decide for its lead unit
(tracker, leader, admin above) propose commendations at its end; a leader of the lead unit (or an admin above
it) decides them."""

from datetime import date

from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.rules import Policy, Rule
from dieuhanh.org.models import Role
from dieuhanh.org.queries import Scope


def _decides(scope: Scope, unit) -> bool:
    return scope.is_superuser or unit.pk in scope.decide_unit_ids or any(
        unit.path.startswith(p) for p in scope.admin_paths)


def _leads(scope: Scope, unit) -> bool:
    return scope.is_superuser or any(m.unit_id == unit.pk and m.role == Role.LEADER for m in scope.memberships) or any(
        unit.path.startswith(p) for p in scope.admin_paths)


def ended(programme, today: date | None = None) -> bool:
    return programme.ends_on < (today or vn_today())


policy = Policy({
    "propose": Rule(lambda s, p: _decides(s, p.lead), ended,
                    "Chỉ đơn vị chủ trì chương trình mới lập đề nghị khen thưởng.",
                    "Chương trình chưa kết thúc: chưa lập được đề nghị khen thưởng."),
    "decide": Rule(lambda s, c: _leads(s, c.programme.lead), lambda c: c.decision == c.Decision.PENDING,
                   "Chỉ lãnh đạo đơn vị chủ trì chương trình mới quyết định khen thưởng.",
                   "Đề nghị này đã có quyết định."),
}, Scope.of)
