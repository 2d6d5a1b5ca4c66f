"""Who may record meetings — the one place the rule is written."""

from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope


def may_host(scope: Scope, unit: Unit) -> bool:
    """A meeting of a unit is recorded by its trackers and leaders (and admins above)."""
    return scope.may_decide_for(unit)


def hosting_units(user):
    return Scope.of(user).deciding_units().filter(active_to=None)
