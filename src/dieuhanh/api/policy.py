"""Who may make and revoke API tokens: a user for themself, within what they hold; an administrator (of the
unit or above, or a superuser) for anyone of their units — the one place the rule is written."""

from dieuhanh.core.rules import Policy, Rule
from dieuhanh.org.models import Role
from dieuhanh.org.queries import Scope


def _owner_or_admin(scope: Scope, token) -> bool:
    return token.user_id == getattr(scope.user, "pk", None) or scope.administers(token.unit)


RULES = {
    "revoke": Rule(_owner_or_admin, lambda t: t.revoked_at is None,
                   "Chỉ người sở hữu khóa hoặc quản trị đơn vị được thu hồi khóa này.", "Khóa đã được thu hồi."),
}
POLICY = Policy(RULES, Scope.of)
can, require, available_actions = POLICY.can, POLICY.require, POLICY.available_actions


def may_issue(actor, user, unit, role: str) -> str:
    """"" when `actor` may give `user` a token for (unit, role), else the Vietnamese reason. The role is one
    `user` holds in that unit, or reading only (viewer) anywhere `user` reads: a token never widens a scope."""
    actor_scope, scope = Scope.of(actor), Scope.of(user)
    if actor.pk != user.pk and not actor_scope.administers(unit):
        return "Chỉ quản trị đơn vị được tạo khóa cho người khác."
    if role == Role.VIEWER:
        return "" if scope.can_read_unit(unit) else "Người dùng không có quyền xem đơn vị này."
    if any(m.unit_id == unit.pk and m.role == role for m in scope.memberships) or scope.is_superuser:
        return ""
    return "Người dùng không giữ vai trò này ở đơn vị đã chọn; khóa chỉ được mang vai trò người dùng đang có."
