"""The tokens a user's page lists: their own, and those of the people of units they administer."""

from django.db.models import Q

from dieuhanh.org.models import Role
from dieuhanh.org.queries import Scope

from .models import ApiToken


def manageable_tokens(user):
    scope = Scope.of(user)
    if scope.is_superuser:
        return ApiToken.objects.all()
    mine = Q(user=user)
    for path in scope.admin_paths:
        mine |= Q(unit__path__startswith=path)
    return ApiToken.objects.filter(mine)


def token_choices(user) -> list[tuple]:
    """(unit, role) pairs a personal token may carry: each membership, and reading only at each unit."""
    scope = Scope.of(user)
    pairs = [(m.unit, m.role, m.get_role_display()) for m in scope.memberships]
    pairs += [(m.unit, Role.VIEWER, Role.VIEWER.label) for m in scope.memberships if m.role != Role.VIEWER]
    return pairs
