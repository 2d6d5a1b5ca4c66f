"""Unit pickers that never put a whole country in one list: a select holding the chosen units and the
bodies above commune level, grouped by province (its bodies first, then its communes), and a search box
that asks the server for the units matching what is typed ("ban to chuc" finds Ban Tổ chức), among the
units the field allows and that were working on the day that matters. Without scripts the select still
works with what it holds."""

import json
from datetime import date

from django import forms
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse

from dieuhanh.core.fulltext import matching_words
from dieuhanh.core.text import fold

from .models import Area, Unit

SHORTLIST = 60  # bodies above commune level shown before anything is typed
FOUND = 40  # units a search returns
ORDER = ("root__name", "root_id", "is_commune", "depth", "name")  # province by province, bodies before communes


def _ordered(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """Province by province; in each, its bodies by level, then its communes by name."""
    commune = Case(When(area__level=Area.Level.COMMUNE, then=Value(1)), default=Value(0), output_field=IntegerField())
    return units.select_related("root", "area").annotate(is_commune=commune).order_by(*ORDER)


def _chosen(units: QuerySet[Unit], chosen) -> list[Unit]:
    return list(_ordered(units.filter(pk__in=chosen))) if chosen else []


def shortlist(units: QuerySet[Unit], chosen: list[int]) -> list[Unit]:
    """The chosen units and the first bodies above commune level."""
    picked = _chosen(units, chosen)
    rest = list(_ordered(units.exclude(area__level=Area.Level.COMMUNE).exclude(pk__in=chosen))[:SHORTLIST])
    return picked + rest


def search(units: QuerySet[Unit], text: str, chosen: list[int] = ()) -> list[Unit]:
    """The chosen units (kept selected), then up to FOUND units whose name or short name holds every word
    typed, diacritics ignored."""
    if not (text or "").strip():
        return shortlist(units, list(chosen))
    picked = _chosen(units, chosen)
    found = matching_words(units.exclude(pk__in=chosen), text, field="name_folded")
    # The words as typed, together, first: "thach ha" puts xã Thạch Hà before xã Thạch Khê.
    phrase = Case(When(name_folded__contains=" ".join(fold(text).split()[:8]), then=Value(0)), default=Value(1),
                  output_field=IntegerField())
    return picked + list(_ordered(found.annotate(phrase=phrase)).order_by("phrase", *ORDER)[:FOUND])


def grouped(units: list[Unit]) -> list[tuple[str, list[Unit]]]:
    """(group label, units) in the order given: "Tỉnh ủy Hà Tĩnh — cơ quan, đơn vị", "… — xã, phường"."""
    groups: dict[tuple, list[Unit]] = {}
    for u in units:
        commune = bool(u.area_id and u.area.level == Area.Level.COMMUNE)
        groups.setdefault((u.root_id, commune), []).append(u)
    return [(f"{members[0].root.name} — {'xã, phường' if commune else 'cơ quan, đơn vị'}", members)
            for (_, commune), members in groups.items()]


def label(unit: Unit) -> str:
    return unit.name if unit.is_active else f"{unit.name} (đã ngừng hoạt động)"


class UnitPicker(forms.Select):
    """A select of the shortlist plus a search box (htmx) over the field's own pool of units."""

    template_name = "org/picker.html"

    def __init__(self, pool: str = "doc", day: date | None = None, attrs=None):
        super().__init__(attrs)
        self.pool, self.day = pool, day

    def optgroups(self, name, value, attrs=None):
        chosen = [int(v) for v in value if str(v).isdigit()]
        selected = {str(v) for v in value}
        groups = []
        if not self.allow_multiple_selected:
            groups.append((None, [self.create_option(name, "", "— Chọn đơn vị —", not chosen, 0)], 0))
        queryset = self.choices.queryset
        for index, (group, members) in enumerate(grouped(shortlist(queryset, chosen)), start=1):
            groups.append((group, [self.create_option(name, u.pk, label(u), str(u.pk) in selected, index)
                                   for u in members], index))
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        params = {"pham_vi": self.pool, "ten": name, "nhieu": int(self.allow_multiple_selected)}
        if self.day:
            params["ngay"] = f"{self.day:%d/%m/%Y}"
        context["picker"] = {"url": reverse("unit_picker"), "vals": json.dumps(params)}
        return context


class UnitMultiPicker(UnitPicker, forms.SelectMultiple):
    allow_multiple_selected = True


class UnitChoiceField(forms.ModelChoiceField):
    """A unit out of the field's queryset, picked by searching: `pool` names where the search looks — "doc"
    the units the user reads, "giao" those they assign for, "tat-ca" every working unit."""

    def __init__(self, *args, pool: str = "doc", **kwargs):
        kwargs.setdefault("widget", UnitPicker(pool=pool))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, unit):
        return label(unit)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, pool: str = "doc", **kwargs):
        kwargs.setdefault("widget", UnitMultiPicker(pool=pool))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, unit):
        return label(unit)
