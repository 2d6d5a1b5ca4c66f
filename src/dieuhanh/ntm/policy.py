"""Who may assess communes and adopt criteria sets — the one place these rules are written."""

from dieuhanh.org.models import Area, Unit
from dieuhanh.org.queries import Scope


def province_of(area: Area) -> Area:
    while area.parent_id and area.level != Area.Level.PROVINCE:
        area = area.parent
    return area


def may_assess(scope: Scope, area: Area) -> bool:
    """The commune's own officers, or the trackers and leaders of a unit of its province."""
    if scope.is_superuser:
        return True
    province = province_of(area)
    for unit in Unit.objects.filter(area__in=[area.pk, province.pk]):
        if scope.decides_over(unit) or (unit.area_id == area.pk and scope.may_work_for(unit)):
            return True
    return False


def may_adopt_set(user) -> bool:
    """A province's own criteria set is adopted by those given the right in /quan-tri/."""
    return user.is_superuser or user.has_perm("ntm.add_criteriaset")
