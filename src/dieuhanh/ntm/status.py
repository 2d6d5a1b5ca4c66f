"""A commune's NTM status, derived from its assessments under the set in force on a day.

- A criterion is met when its latest assessment on or before the day says so; when its
  indicators (sub-criteria) have been assessed, when every indicator's latest assessment does.
- A level is reached when every criterion of that level's set in force is met and the level below
  is reached (kiểu mẫu needs nâng cao, which needs đạt chuẩn).
- A province's own amended set, where it has one in force, is used instead of the national one.

`Book` loads the sets and the marks of many communes in a fixed number of queries, so a
province's summary costs the same for 30 communes as for 300.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from dieuhanh.org.areas import REFORM_DAY
from dieuhanh.org.models import Area

from .models import Assessment, CriteriaSet, Level


@dataclass
class SetRules:
    criteria_set: CriteriaSet
    top: list[tuple[int, list[int]]]  # (criterion id, its indicators' ids)

    @property
    def total(self) -> int:
        return len(self.top)


@dataclass
class CommuneStatus:
    area: Area
    rules: SetRules | None  # the đạt chuẩn set in force
    met: int
    level: int | None  # highest level reached on the day
    met_ids: set[int] = field(default_factory=set)
    reached: dict[int, date] = field(default_factory=dict)  # level → first day, when asked for

    @property
    def standard_year(self) -> int | None:
        day = self.reached.get(Level.STANDARD)
        return day.year if day else None

    @property
    def total(self) -> int:
        return self.rules.total if self.rules else 0

    @property
    def level_label(self) -> str:
        return Level(self.level).label if self.level else "Chưa đạt chuẩn"


def _latest(marks: list[tuple[date, bool]], day: date) -> bool | None:
    result = None
    for when, met in marks:  # sorted by day
        if when > day:
            break
        result = met
    return result


class Book:
    """Sets in force and assessments for a province's communes."""

    def __init__(self, province: Area | None, areas: list[Area]):
        self.province = province
        sets = CriteriaSet.objects.filter(Q(province__isnull=True) | Q(province=province)).prefetch_related("criteria")
        self.rules = []
        for s in sets:
            criteria = list(s.criteria.all())
            children = defaultdict(list)
            for c in criteria:
                if c.parent_id:
                    children[c.parent_id].append(c.pk)
            top = [(c.pk, children.get(c.pk, [])) for c in sorted(criteria, key=lambda c: (c.position, c.number))
                   if c.parent_id is None]
            self.rules.append(SetRules(s, top))
        self.marks: dict[int, dict[int, list[tuple[date, bool]]]] = defaultdict(lambda: defaultdict(list))
        self.days: dict[int, list[date]] = defaultdict(list)
        rows = (Assessment.objects.filter(area__in=[a.pk for a in areas])
                .order_by("assessed_on", "pk").values_list("area_id", "criterion_id", "assessed_on", "met"))
        for area_id, criterion_id, day, met in rows:
            self.marks[area_id][criterion_id].append((day, met))
            if not self.days[area_id] or self.days[area_id][-1] != day:
                self.days[area_id].append(day)

    def rules_for(self, level: int, day: date) -> SetRules | None:
        """The province's own set for the level if one is in force, else the national one."""
        in_force = [r for r in self.rules if r.criteria_set.level == level and r.criteria_set.in_force_on(day)]
        own = [r for r in in_force if r.criteria_set.province_id is not None]
        return (own or in_force or [None])[0]

    def met_ids(self, area_id: int, rules: SetRules, day: date) -> set[int]:
        marks = self.marks.get(area_id, {})
        met = set()
        for criterion_id, indicator_ids in rules.top:
            assessed = [i for i in indicator_ids if _latest(marks.get(i, []), day) is not None]
            if assessed:
                ok = all(_latest(marks.get(i, []), day) for i in indicator_ids)
            else:
                ok = bool(_latest(marks.get(criterion_id, []), day))
            if ok:
                met.add(criterion_id)
        return met

    def status(self, area: Area, day: date) -> CommuneStatus:
        standard = self.rules_for(Level.STANDARD, day)
        met = self.met_ids(area.pk, standard, day) if standard else set()
        level = None
        for candidate in Level.values:
            rules = self.rules_for(candidate, day)
            if rules is None or not rules.top or len(self.met_ids(area.pk, rules, day)) < rules.total:
                break
            level = candidate
        return CommuneStatus(area, standard, len(met), level, met)

    def reached(self, area: Area, until: date) -> dict[int, date]:
        """The first day each level was reached (replaying the commune's assessment days)."""
        first = {}
        for day in self.days.get(area.pk, []):
            if day > until:
                break
            status = self.status(area, day)
            for lvl in range(1, (status.level or 0) + 1):
                first.setdefault(lvl, day)
        return first


URBAN = ("phường", "thị trấn")


def communes_of(province: Area, day: date) -> list[Area]:
    """The communes of a province as they were on the day: after 1/7/2025 the new communes, before
    it the old ones (whose parent is a district)."""
    if day >= REFORM_DAY:
        qs = Area.objects.filter(legacy=False, level=Area.Level.COMMUNE, parent=province)
    else:
        qs = Area.objects.filter(legacy=True, level=Area.Level.COMMUNE, parent__parent=province)
    # New Rural Development is for xã: wards and townships follow the urban standards, not these sets.
    return list(qs.exclude(division_type__in=URBAN).order_by("name"))


@dataclass
class Summary:
    day: date
    statuses: list[CommuneStatus]
    low_threshold: int

    @property
    def total(self) -> int:
        return len(self.statuses)

    def at_least(self, level: int) -> int:
        return sum(1 for s in self.statuses if s.level and s.level >= level)

    @property
    def standard(self) -> int:
        return self.at_least(Level.STANDARD)

    @property
    def advanced(self) -> int:
        return self.at_least(Level.ADVANCED)

    @property
    def model(self) -> int:
        return self.at_least(Level.MODEL)

    @property
    def below_threshold(self) -> int:
        return sum(1 for s in self.statuses if s.rules and s.met < self.low_threshold)

    @property
    def line(self) -> str:
        """"14/30 xã đạt chuẩn nông thôn mới"."""
        return f"{self.standard}/{self.total} xã đạt chuẩn nông thôn mới"


def summary(province: Area, day: date, communes: list[Area] | None = None, *, with_years: bool = False) -> Summary:
    communes = communes_of(province, day) if communes is None else communes
    book = Book(province, communes)
    standard = book.rules_for(Level.STANDARD, day)
    threshold = standard.criteria_set.low_threshold if standard else 0
    statuses = [book.status(a, day) for a in communes]
    if with_years:
        for s in statuses:
            s.reached = book.reached(s.area, day)
    statuses.sort(key=lambda s: (-(s.level or 0), -s.met, s.area.name))
    return Summary(day, statuses, threshold)


def province_area(unit) -> tuple[Area | None, Area | None]:
    """(province, commune) a unit stands for: a province's bodies cover its communes."""
    area = unit.area
    if area is None:
        return None, None
    if area.level == Area.Level.COMMUNE:
        return area.parent, area
    if area.level == Area.Level.PROVINCE:
        return area, None
    return None, None


def summary_for_unit(unit, day: date) -> tuple[Area | None, Summary | None]:
    """The NTM summary a unit's dashboard and reports show: its province's communes, or its own
    commune; (province, None) when no criteria set is in force that day, (None, None) for a unit
    that stands for no province or commune."""
    province, commune = province_area(unit)
    if province is None:
        return None, None
    s = summary(province, day, [commune] if commune else communes_of(province, day))
    return province, (s if any(st.rules for st in s.statuses) else None)
