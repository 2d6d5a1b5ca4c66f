"""Who may register documents — the one place the rule is written."""

from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope


def may_register(scope: Scope, issuer: Unit, assigned_by: Unit) -> bool:
    """The issuing body's, or the assigning unit's, trackers and leaders (and admins above)."""
    return scope.may_decide_for(assigned_by) or scope.may_decide_for(issuer)


def registering_units(user):
    """The units a user may register documents for: the choices of the form."""
    return Scope.of(user).deciding_units()
