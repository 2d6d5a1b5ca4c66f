"""Who may do what with a programme — the one place the rule is written: those who decide for its lead unit
(tracker, leader, admin above) propose commendations at its end; a leader of the lead unit (or an admin above
it) decides them."""

from datetime import date

from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.rules import Policy, Rule
from dieuhanh.org.queries import Scope


def ended(programme, today: date | None = None) -> bool:
    return programme.ends_on < (today or vn_today())


policy = Policy({  # a programme's actions
    "propose": Rule(lambda s, p: s.may_decide_for(p.lead), ended,
                    "Chỉ đơn vị chủ trì chương trình mới lập đề nghị khen thưởng.",
                    "Chương trình chưa kết thúc: chưa lập được đề nghị khen thưởng."),
}, Scope.of)

commendation_policy = Policy({  # a commendation's: one Policy per kind of object, so each rule reads its own
    "decide": Rule(lambda s, c: s.leads(c.programme.lead), lambda c: c.decision == c.Decision.PENDING,
                   "Chỉ lãnh đạo đơn vị chủ trì chương trình mới quyết định khen thưởng.",
                   "Đề nghị này đã có quyết định."),
}, Scope.of)
