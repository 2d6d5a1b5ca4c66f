"""Who may see and do what: a user's scope, computed once per request from their memberships."""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import DECIDE_ROLES, WORK_ROLES, FormerOwner, Membership, Position, Role, Unit


@dataclass
class Scope:
    user: object
    memberships: list = field(default_factory=list)

    @classmethod
    def of(cls, user) -> "Scope":
        if not getattr(user, "is_authenticated", False):
            return cls(user, [])
        cached = getattr(user, "_dieuhanh_scope", None)
        if cached is None:
            rows = list(Membership.objects.filter(user=user).select_related("unit"))
            cached = cls(user, rows)
            user._dieuhanh_scope = cached
        return cached

    @property
    def is_superuser(self) -> bool:
        return bool(getattr(self.user, "is_superuser", False))

    @cached_property
    def read_paths(self) -> list[str]:
        """The smallest set of subtree roots the user may read."""
        paths = sorted({m.unit.path for m in self.memberships}, key=len)
        kept: list[str] = []
        for p in paths:
            if not any(p.startswith(k) for k in kept):
                kept.append(p)
        return kept

    @cached_property
    def whole_trees(self) -> set[int]:
        """Trees (by root unit id) the user reads entirely."""
        return {m.unit.root_id for m in self.memberships if m.unit.parent_id is None}

    def readable_units(self):
        if self.is_superuser:
            return Unit.objects.all()
        if not self.read_paths:
            return Unit.objects.none()
        q = Q()
        for p in self.read_paths:
            q |= Q(path__startswith=p)
        return Unit.objects.filter(q)

    @cached_property
    def partial_unit_ids(self) -> list[int]:
        """Readable units outside the trees read whole (those are filtered by tree instead)."""
        return list(self.readable_units().exclude(root_id__in=self.whole_trees).values_list("pk", flat=True))

    def can_read_unit(self, unit: Unit) -> bool:
        return self.is_superuser or any(unit.path.startswith(p) for p in self.read_paths)

    def _units_with(self, roles) -> set[int]:
        return {m.unit_id for m in self.memberships if m.role in roles}

    @cached_property
    def work_unit_ids(self) -> set[int]:
        return self._units_with(WORK_ROLES)

    @cached_property
    def decide_unit_ids(self) -> set[int]:
        return self._units_with(DECIDE_ROLES)

    @cached_property
    def admin_paths(self) -> list[str]:
        return [m.unit.path for m in self.memberships if m.role == Role.ADMIN]

    def may_work_for(self, unit: Unit) -> bool:
        return self.is_superuser or unit.pk in self.work_unit_ids or self._admin_over(unit)

    def may_decide_for(self, unit: Unit) -> bool:
        return self.is_superuser or unit.pk in self.decide_unit_ids or self._admin_over(unit)

    def administers(self, unit: Unit) -> bool:
        """Admin of the unit or above (or a superuser): who manages its people's accounts and tokens."""
        return self.is_superuser or self._admin_over(unit)

    def leads(self, unit: Unit) -> bool:
        """Leader of the unit itself, or admin of it or above: who confirms its officials' work."""
        return self.is_superuser or unit.pk in self._units_with({Role.LEADER}) or self._admin_over(unit)

    def decides_over(self, unit: Unit) -> bool:
        """Tracker, leader or admin of the unit or of a unit above it."""
        line = {int(pk) for pk in unit.path.strip("/").split("/")}
        return self.is_superuser or bool(self.decide_unit_ids & line) or self._admin_over(unit)

    def _admin_over(self, unit: Unit) -> bool:
        return any(unit.path.startswith(p) for p in self.admin_paths)

    @cached_property
    def own_unit_ids(self) -> set[int]:
        return {m.unit_id for m in self.memberships}

    def deciding_units(self):
        """Units the user may assign tasks on behalf of."""
        if self.is_superuser:
            return Unit.objects.all()
        q = Q(pk__in=self.decide_unit_ids)
        for p in self.admin_paths:
            q |= Q(path__startswith=p)
        return Unit.objects.filter(q)


def people_to_tell(units, roles) -> list:
    """Who hears of a step: the active users holding one of `roles` in each unit. A unit where nobody
    holds those roles passes the word up: to the trackers (else the leaders) of the nearest unit above
    that has some — so a commune without an account is still followed by the office above it."""
    units = [u for u in units if u is not None]
    if not units:
        return []
    chains = {u.pk: [int(p) for p in u.path.strip("/").split("/")][::-1] for u in units}  # the unit, then upwards
    needed = {pk for chain in chains.values() for pk in chain}
    rows = list(Membership.objects.filter(unit_id__in=needed, user__is_active=True)
                .values_list("unit_id", "role", "user_id"))
    holders: dict[tuple[int, str], set[int]] = {}
    for unit_id, role, user_id in rows:
        holders.setdefault((unit_id, role), set()).add(user_id)
    chosen: set[int] = set()
    for chain in chains.values():
        own = set().union(*(holders.get((chain[0], r), set()) for r in roles))
        if own:
            chosen |= own
            continue
        for above in chain[1:]:
            stand_in = holders.get((above, Role.TRACKER)) or holders.get((above, Role.LEADER))
            if stand_in:
                chosen |= stand_in
                break
    return list(get_user_model().objects.filter(pk__in=chosen))


def active_on(units, day):
    """The units working on `day`: begun by then (or with no start recorded) and not yet ended."""
    return units.filter(Q(active_from__isnull=True) | Q(active_from__lte=day),
                        Q(active_to__isnull=True) | Q(active_to__gt=day))


def owner_as_of(label: str, field: str, day):
    """`field`'s unit id as it was on `day`: the earliest former owner whose ownership lasted to that day,
    else the owner today. None when no reorganisation moved work after `day` (most reports), so the
    caller reads the column itself and its indexes."""
    formers = FormerOwner.objects.filter(label=label, field=field, until__gte=day)
    if not formers.exists():
        return None
    then = formers.filter(object_id=OuterRef("pk")).order_by("until").values("unit_id")[:1]
    return Coalesce(Subquery(then), F(f"{field}_id"), output_field=BigIntegerField())


def owned_as_of(queryset, label: str, field: str, day):
    """The queryset and the name of its owner on `day`: the column itself (`<field>_id`) when no reorganisation
    moved work after that day, else the `<field>_then` annotation of `owner_as_of`."""
    then = owner_as_of(label, field, day)
    if then is None:
        return queryset, f"{field}_id"
    return queryset.annotate(**{f"{field}_then": then}), f"{field}_then"


def in_tree_order(units: list) -> list:
    """Units as the reader of a report expects them: each right under its parent, siblings by name (the path's
    ids say who is under whom, not in what order a reader looks for them)."""
    ids = {int(i) for u in units for i in u.path.strip("/").split("/") if i}
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name_folded"))
    return sorted(units, key=lambda u: tuple(names.get(int(i), "") for i in u.path.strip("/").split("/") if i))


def current_positions(unit) -> list:
    """The titles held in the unit now, the head first (a title that is not a deputy's, "Phó …")."""
    held = list(Position.objects.filter(unit=unit, ended_on__isnull=True).select_related("person"))
    return sorted(held, key=lambda p: (p.title.startswith("Phó"), p.started_on or date.min, p.pk))
