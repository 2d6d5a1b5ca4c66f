"""Read side: staff see petitions through `visible_petitions` (the same unit scope as tasks); the public
page reads `public_petitions`, which never carries a citizen's details."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet

from dieuhanh.core.fulltext import matching_words
from dieuhanh.org.models import Area, Unit
from dieuhanh.org.queries import Scope

from . import rules
from .models import Petition

S = Petition.Status


def visible_petitions(user) -> QuerySet[Petition]:
    """A user sees petitions received by, or sent to, their units and the units below them; whole
    provinces through the indexed `tree`."""
    scope = Scope.of(user)
    petitions = Petition.objects.all()
    if scope.is_superuser:
        return petitions
    q = Q(pk__in=[])
    if scope.whole_trees:
        q |= Q(tree_id__in=scope.whole_trees)
    if scope.partial_unit_ids:
        q |= Q(receiving_unit_id__in=scope.partial_unit_ids) | Q(responsible_unit_id__in=scope.partial_unit_ids)
    return petitions.filter(q)


def communes():
    """The areas a petition arises in: today's communes and wards."""
    return Area.objects.filter(level=Area.Level.COMMUNE, legacy=False).order_by("name")


def communes_of(receiver) -> QuerySet[Area]:
    """Today's communes of the province a receiving unit serves (its area, or its province's)."""
    area = receiver.area if receiver is not None else None
    if area is None:
        return Area.objects.none()
    province_id = area.pk if area.level == Area.Level.PROVINCE else area.parent_id
    return communes().filter(parent_id=province_id)


def communes_of_trees(units: QuerySet) -> QuerySet[Area]:
    """Today's communes of the provinces whose unit trees these units belong to (a tree's root holds its
    province as its area)."""
    roots = Unit.objects.filter(pk__in=units.values("root_id")).exclude(area=None).values("area_id")
    return communes().filter(parent_id__in=roots)


def communes_answered() -> QuerySet[Area]:
    """The areas the public list can be narrowed to: those with a published answer, not the whole country."""
    return Area.objects.filter(pk__in=public_petitions().exclude(area=None).values("area_id")).order_by("name")


def may_see_citizen(user) -> bool:
    return user.has_perm("petitions.view_citizen_contact")


def matching(petitions: QuerySet[Petition], text: str) -> QuerySet[Petition]:
    """Staff search: a tracking code is looked up as it is, anything else without diacritics."""
    text = (text or "").strip()
    if text.upper().startswith("KN-"):
        return petitions.filter(code=text.upper()[:16])
    return matching_words(petitions, text)


def overdue(petitions: QuerySet[Petition], today: date) -> QuerySet[Petition]:
    return petitions.filter(status__in=rules.OPEN, due_on__lt=today)


ANSWERED = Q(status__in=[S.ANSWERED, S.CLOSED], answered_on__isnull=False, duplicate_of=None)


def public_petitions() -> QuerySet[Petition]:
    """Answered petitions published by staff: the question, the answering unit, the date and the answer."""
    return Petition.objects.filter(ANSWERED, is_public=True)


@dataclass
class UnitRate:
    unit_id: int
    unit: str
    answered: int
    on_time: int

    @property
    def percent(self) -> float:
        return 100 * self.on_time / self.answered if self.answered else 0.0


def on_time_rates(petitions: QuerySet[Petition]) -> list[UnitRate]:
    """Per answering unit: answers given, and how many by the deadline; best first."""
    rows = (petitions.filter(answered_on__isnull=False, responsible_unit__isnull=False)
            .values("responsible_unit", "responsible_unit__name")
            .annotate(answered=Count("pk"), on_time=Count("pk", filter=Q(answered_on__lte=F("due_on")))))
    rates = [UnitRate(r["responsible_unit"], r["responsible_unit__name"], r["answered"], r["on_time"]) for r in rows]
    return sorted(rates, key=lambda r: (-r.percent, -r.answered, r.unit))


def counts_by(petitions: QuerySet[Petition], field: str, labels: dict | None = None) -> list[tuple[str, int]]:
    rows = petitions.values(field).annotate(n=Count("pk")).order_by("-n")
    return [((labels or {}).get(r[field], r[field]) or "(chưa xác định)", r["n"]) for r in rows]
