"""Who may take documents in and handle a draft — the one place the rules are written. (Django-side:
the extraction engine itself knows nothing of users.)"""

from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope


def may_take_in(scope: Scope, issuer: Unit) -> bool:
    """A document of a body is taken in by that body's trackers and leaders (and admins above)."""
    return scope.may_decide_for(issuer)


def owns(user, draft) -> bool:
    """A draft is its reader's scratch work: only they may keep, confirm or cancel it."""
    return draft.created_by_id == user.pk


def issuing_units(user):
    return Scope.of(user).deciding_units()
