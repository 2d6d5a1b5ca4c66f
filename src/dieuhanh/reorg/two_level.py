"""The two-level local government of 1/7/2025 as one step for a province whose units are still organised by
districts: every commune body merges into the body of the same kind of the new commune its commune became
(vietnam-provinces' legacy mapping), created where the tree has none; every district body, with what is left
under it, is dissolved and its open work goes to the provincial body of the same kind (Huyện ủy → Tỉnh ủy,
UBND huyện → UBND tỉnh), where the office can share it out again. Each is an ordinary reorganisation of
one batch, so it is previewed, applied and reverted like the others; the accounts of a district body stay
where they are (moved onto the province's body they would read the whole province)."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from dieuhanh.core.history import by
from dieuhanh.org.areas import REFORM_DAY, load_legacy
from dieuhanh.org.models import Area, Unit

from . import services
from .models import Reorganisation

NOTE = "Chính quyền địa phương hai cấp từ 01/07/2025 (sáp nhập xã theo danh mục đơn vị hành chính mới)."


@dataclass
class Outcome:
    operations: list[Reorganisation] = field(default_factory=list)
    created: list[Unit] = field(default_factory=list)  # bodies of new communes the tree did not have
    merged: int = 0  # commune bodies ended
    dissolved: int = 0  # district bodies (and what was left under them) ended
    moved: dict[str, int] = field(default_factory=dict)  # what moved, as the preview counts it

    def add(self, counts: dict[str, int]) -> None:
        for what, n in counts.items():
            self.moved[what] = self.moved.get(what, 0) + n


def batch_of(province: Area) -> str:
    return f"hai-cap-{province.code}"


def _province(code: int) -> Area:
    try:
        return Area.objects.get(legacy=False, level=Area.Level.PROVINCE, code=f"{code:02d}")
    except Area.DoesNotExist:
        raise ValidationError(f"Không có tỉnh, thành phố mã {code:02d} trong danh mục đơn vị hành chính.") from None


def _renamed(name: str, old: Area, new: Area) -> str | None:
    """"Đảng ủy xã Thạch Lạc" for old commune "Xã Thạch Lạc" → "Đảng ủy xã Đồng Tiến" for "Xã Đồng Tiến"."""
    found = re.search(re.escape(old.name), name, flags=re.IGNORECASE)
    if not found:
        return None
    replacement = new.name[0].lower() + new.name[1:] if found.group()[0].islower() else new.name
    return name[:found.start()] + replacement + name[found.end():]


class _Tree:
    """The province's units, read once."""

    def __init__(self, province: Area):
        self.roots = list(Unit.objects.filter(parent=None, area=province, active_to=None))
        if not self.roots:
            raise ValidationError(f"Chưa có cây đơn vị nào gắn với {province.name} (đơn vị gốc có địa bàn là tỉnh).")
        within = Q()
        for root in self.roots:
            within |= Q(path__startswith=root.path)
        self.units = list(Unit.objects.filter(within, active_to=None).select_related("area"))
        self.by_id = {u.pk: u for u in self.units}
        self.province = province

    def counterpart(self, unit: Unit) -> Unit:
        """The provincial body of a district body's kind: the root for a Party committee, else the body of that
        kind with the province as its area (the root when there is none)."""
        for root in self.roots:
            if not unit.path.startswith(root.path):
                continue
            if unit.kind == root.kind:
                return root
            same = [u for u in self.units if u.kind == unit.kind and u.area_id == self.province.pk
                    and u.depth <= 1 and u.path.startswith(root.path)]
            return min(same, key=lambda u: u.depth) if same else root
        return self.roots[0]

    def parent_for_commune(self, old: Unit) -> Unit:
        parent = self.by_id.get(old.parent_id)
        if parent is None:
            return self.roots[0]
        return self.counterpart(parent) if parent.area and parent.area.legacy else parent


def _new_body(tree: _Tree, old: Unit, area: Area, on: date, actor) -> Unit:
    name = _renamed(old.name, old.area, area) or f"{old.get_kind_display()} {area.name}"
    short = (_renamed(old.short_name, old.area, area) or "") if old.short_name else ""
    code, n = slugify(f"{tree.roots[0].code}-{old.kind}-{area.code}")[:36], 1
    while Unit.objects.filter(code=code).exists():
        n += 1
        code = f"{code[:33]}-{n}"
    unit = Unit(code=code, name=name, short_name=short[:60], kind=old.kind, parent=tree.parent_for_commune(old),
                area=area, active_from=on)
    by(unit, actor).save()
    return unit


def _steps(actor, tree: _Tree, on: date, outcome: Outcome) -> None:
    legacy = [u for u in tree.units if u.area and u.area.legacy]
    if not legacy:
        raise ValidationError(f"{tree.province.name} không còn đơn vị cấp huyện, cấp xã trước 01/07/2025 nào đang "
                              "hoạt động: đã là chính quyền hai cấp.")
    communes = [u for u in legacy if u.area.level == Area.Level.COMMUNE]
    lost = [u.name for u in communes if u.area.merged_into_id is None]
    if lost:
        raise ValidationError(f"Không tìm thấy xã, phường mới mà {', '.join(lost[:3])} sáp nhập vào: kiểm tra danh "
                              "mục đơn vị hành chính cũ (dieuhanh load_areas).")
    groups: dict[tuple, list[Unit]] = defaultdict(list)
    for u in communes:
        groups[u.area.merged_into_id, u.kind].append(u)
    areas = Area.objects.in_bulk({key[0] for key in groups})
    existing = {(u.area_id, u.kind): u for u in tree.units if u.area_id in areas}
    batch = batch_of(tree.province)
    for (area_id, kind), olds in sorted(groups.items(), key=lambda kv: (areas[kv[0][0]].code, kv[0][1])):
        successor = existing.get((area_id, kind))
        if successor is None:
            successor = existing[area_id, kind] = _new_body(tree, olds[0], areas[area_id], on, actor)
            outcome.created.append(successor)
        _apply(actor, outcome, kind=Reorganisation.Kind.MERGE, effective_on=on, predecessors=olds,
               successor=successor, batch=batch, note=NOTE,
               created=[successor] if successor in outcome.created else [])
        outcome.merged += len(olds)
    for district in [u for u in legacy if u.area.level == Area.Level.DISTRICT]:
        left = [u for u in Unit.objects.filter(path__startswith=district.path, active_to=None)]
        if not left:  # dissolved with its district's other body already
            continue
        _apply(actor, outcome, kind=Reorganisation.Kind.DISSOLVE, effective_on=on, predecessors=left,
               successor=tree.counterpart(district), batch=batch, note=NOTE, move_accounts=False)
        outcome.dissolved += len(left)


def _apply(actor, outcome: Outcome, created=(), **draft) -> None:
    op = services.draft(actor, **draft)
    outcome.add(services.plan(op).counts())
    services.apply(actor, op, created=created)
    outcome.operations.append(op)


class _Preview(Exception):
    pass


def transition(actor, province_code: int, *, on: date = REFORM_DAY, apply: bool = False) -> Outcome:
    """The whole change for one province, in one transaction; without `apply`, computed and rolled back,
    so the preview is exactly what applying would do."""
    province = _province(province_code)
    if Reorganisation.objects.filter(batch=batch_of(province), state=Reorganisation.State.APPLIED).exists():
        raise ValidationError(f"{province.name} đã chuyển sang chính quyền hai cấp (đợt {batch_of(province)}).")
    outcome = Outcome()
    try:
        with transaction.atomic():
            load_legacy(province_code)  # the districts and communes before the change, with their successors
            _steps(actor, _Tree(province), on, outcome)
            if not apply:
                raise _Preview
    except _Preview:
        pass
    return outcome


def revert(actor, province_code: int) -> int:
    """Every operation of the province's batch, newest first; the bodies it created are removed."""
    province = _province(province_code)
    applied = list(Reorganisation.objects.filter(batch=batch_of(province), state=Reorganisation.State.APPLIED)
                   .order_by("-applied_at", "-pk"))
    if not applied:
        raise ValidationError(f"{province.name} chưa có đợt chuyển sang chính quyền hai cấp nào đã áp dụng.")
    with transaction.atomic():
        for op in applied:
            services.revert(actor, op)
    return len(applied)
