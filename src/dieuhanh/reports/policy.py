"""Who may ask for a unit's report — the one place the rule is written."""

from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope


def may_request(scope: Scope, unit: Unit) -> bool:
    """Anyone who reads the unit (its report says no more than its pages)."""
    return scope.can_read_unit(unit)
