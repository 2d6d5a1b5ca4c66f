"""Who may reorganise units — the one place the rule is written: an administrator over every unit the
operation touches (or a superuser). Applying and reverting are allowed by the operation's state."""

from dieuhanh.core.rules import Policy, Rule
from dieuhanh.org.models import Area, Unit
from dieuhanh.org.queries import Scope


def _touched(op) -> list:
    units = list(op.predecessors.all()) + list(op.others.all())
    return units + [u for u in (op.successor, op.new_parent) if u is not None]


def administers(scope: Scope, units) -> bool:
    return scope.is_superuser or all(any(u.path.startswith(p) for p in scope.admin_paths) for u in units)


def _province_of(area: Area) -> int:
    while area.level != Area.Level.PROVINCE and area.parent_id:  # a commune, a district before 2025
        area = area.parent
    return area.pk


def area_administers(scope: Scope, areas) -> bool:
    """Areas belong to a province: its administrators (of a unit tree whose root has the province as its area)
    may reorganise them."""
    if scope.is_superuser:
        return True
    provinces = {_province_of(a) for a in areas}
    roots = list(Unit.objects.filter(parent=None, area_id__in=provinces))
    return bool(roots) and {r.area_id for r in roots} >= provinces and all(
        any(r.path.startswith(p) for p in scope.admin_paths) for r in roots)


def _who(scope, op) -> bool:
    if op.about_areas:
        return area_administers(scope, [*op.areas.all(), *op.other_areas.all(),
                                        *[a for a in [op.successor_area, op.new_parent_area] if a]])
    return administers(scope, _touched(op))


policy = Policy({
    "apply": Rule(_who, lambda op: op.state == op.State.DRAFT,
                  "Chỉ quản trị của mọi đơn vị liên quan mới áp dụng được sắp xếp tổ chức.",
                  "Chỉ áp dụng được bản dự thảo."),
    "revert": Rule(_who, lambda op: op.state == op.State.APPLIED,
                   "Chỉ quản trị của mọi đơn vị liên quan mới hoàn tác được sắp xếp tổ chức.",
                   "Chỉ hoàn tác được sắp xếp đã áp dụng."),
}, Scope.of)
