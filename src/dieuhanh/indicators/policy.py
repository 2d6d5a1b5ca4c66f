"""Who may do what with indicators — the one place these rules are written: the services refuse
through them, the pages and the Excel import ask them."""

from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope

from .models import Indicator


def may_add(scope: Scope, unit: Unit) -> bool:
    """A new indicator in a unit's catalogue: its trackers and leaders."""
    return scope.may_decide_for(unit)


def may_plan(scope: Scope, indicator: Indicator, unit: Unit) -> bool:
    """Trackers and leaders of the tracking unit, of the unit, or of a unit above either."""
    return scope.decides_over(indicator.unit) or scope.decides_over(unit)


def may_report(scope: Scope, indicator: Indicator, unit: Unit) -> bool:
    """The unit's own officers report its figures; whoever may plan them may too."""
    return scope.may_work_for(unit) or may_plan(scope, indicator, unit)
