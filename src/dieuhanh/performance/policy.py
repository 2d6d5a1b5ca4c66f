"""Who may do what with a product — the one place the rule is written: the official plans and completes
their own; a leader of the product's unit (or an admin above it) confirms, returns, confirms an objective
cause and enters the general points."""

from dieuhanh.core.rules import Policy, Rule
from dieuhanh.org.queries import Scope


def _own(scope, product) -> bool:
    return product.official_id == getattr(scope.user, "pk", None)


def _leader(scope, product) -> bool:
    return scope.leads(product.unit) and not _own(scope, product)  # nobody confirms their own work


def _open(p):
    return p.state in (p.State.PLANNED, p.State.RETURNED)


policy = Policy({
    "complete": Rule(_own, _open, "Chỉ công chức có sản phẩm mới báo hoàn thành được.",
                     "Sản phẩm đã báo hoàn thành."),
    "confirm": Rule(_leader, lambda p: p.state == p.State.DONE,
                    "Chỉ lãnh đạo đơn vị mới xác nhận được sản phẩm (không tự xác nhận).",
                    "Chỉ xác nhận được sản phẩm đã báo hoàn thành."),
    "return": Rule(_leader, lambda p: p.state == p.State.DONE,
                   "Chỉ lãnh đạo đơn vị mới trả lại được sản phẩm.", "Chỉ trả lại được sản phẩm đã báo hoàn thành."),
    "reassign": Rule(_leader, _open, "Chỉ lãnh đạo đơn vị mới giao lại được sản phẩm.",
                     "Chỉ giao lại được sản phẩm chưa báo hoàn thành."),
    "confirm_cause": Rule(_leader, lambda p: bool(p.objective_cause) and p.cause_confirmed_by_id is None,
                          "Chỉ lãnh đạo đơn vị mới xác nhận được nguyên nhân khách quan.",
                          "Chưa có nguyên nhân khách quan nào chờ xác nhận."),
}, Scope.of)


def _always(_unit) -> bool:
    return True


# What a unit's scores allow: its leader (or an admin above) scores and grades its officials; a leader, tracker
# or admin of the unit or above reads the ranking of the units under it.
unit_policy = Policy({
    "score": Rule(lambda scope, unit: scope.leads(unit), _always,
                  "Chỉ lãnh đạo đơn vị mới chấm điểm, xếp loại cán bộ, công chức của đơn vị.", ""),
    "rank": Rule(lambda scope, unit: scope.decides_over(unit), _always,
                 "Chỉ lãnh đạo, cán bộ theo dõi của đơn vị hoặc cấp trên mới xem được xếp hạng.", ""),
}, Scope.of)


def reads(user, official_id: int, unit) -> bool:
    """Who sees an official's products and score form: the official, and whoever scores the unit."""
    return official_id == getattr(user, "pk", None) or unit_policy.can(user, "score", unit)
