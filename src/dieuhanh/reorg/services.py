"""Reorganisation, each step one transaction: `draft` checks the operation and stores it; `plan` says
what would move where; `apply` moves the open work to the successors, ends or changes the units and writes
a log; `revert` undoes the log while nothing newer touches the same units. Every row changed is saved
through its model, so each keeps its history row; each moved task records an event, so the units on both
sides are told."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dieuhanh.core import periods
from dieuhanh.core.errors import Refused
from dieuhanh.core.history import by
from dieuhanh.dashboard.models import Layout
from dieuhanh.events.models import Kind
from dieuhanh.indicators.models import Indicator, Target
from dieuhanh.org.models import Area, FormerOwner, Membership, Unit
from dieuhanh.org.queries import Scope
from dieuhanh.petitions.models import Petition, RoutingRule
from dieuhanh.tasks.events import task_event
from dieuhanh.tasks.models import Coordination, Task
from dieuhanh.tasks.status import State as TaskState

from .models import Reorganisation
from .policy import administers, area_administers, policy

Kind_ = Reorganisation.Kind
OPEN_TASK = [TaskState.OPEN, TaskState.AWAITING, TaskState.PAUSED]
ENDING = {Kind_.MERGE, Kind_.SPLIT, Kind_.DISSOLVE}  # the predecessors stop on the date
# The owner fields a report groups by: (model, moved column) → FormerOwner.field.
OWNERS = {("tasks.task", "lead_id"): "lead", ("petitions.petition", "responsible_unit_id"): "responsible_unit"}
CREATED = "+"  # a log row for a row the operation created: reverting deletes it


@dataclass
class Move:
    """One field of one row: `obj.<field>` from `before` to `after` (unit ids, or a name)."""
    obj: object
    field: str
    before: object
    after: object
    what: str  # Vietnamese, for the preview


@dataclass
class Plan:
    moves: list[Move] = field(default_factory=list)
    removals: list[tuple[object, str]] = field(default_factory=list)  # duplicates the successor already has

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.moves:
            out[m.what] = out.get(m.what, 0) + 1
        for _, what in self.removals:
            out[what] = out.get(what, 0) + 1
        return out


def _applied_touching(units):
    """The applied operations that ended, changed or continued any of these units."""
    applied = Reorganisation.objects.filter(state=Reorganisation.State.APPLIED)
    return (applied.filter(predecessors__in=units) | applied.filter(successor__in=units)).distinct()


def _applied_touching_areas(areas):
    """The applied operations that ended, changed or continued any of these areas."""
    applied = Reorganisation.objects.filter(state=Reorganisation.State.APPLIED)
    return (applied.filter(areas__in=areas) | applied.filter(successor_area__in=areas)).distinct()


def _latest_applied_on(units) -> date | None:
    return max((op.effective_on for op in _applied_touching(units)), default=None)


def _check(kind, effective_on, predecessors, successor, others, new_name, new_parent):
    """Bad input, refused in Vietnamese before anything is stored."""
    if not predecessors:
        raise ValidationError("Chọn ít nhất một đơn vị cần sắp xếp.")
    names = ", ".join(u.name for u in predecessors)
    if any(not u.is_active for u in predecessors):
        raise ValidationError(f"Đơn vị đã ngừng hoạt động không sắp xếp tiếp được: {names}.")
    successors = [u for u in [successor, *others] if u is not None]
    roots = {u.root_id for u in [*predecessors, *successors, *([new_parent] if new_parent else [])]}
    if len(roots) > 1:
        raise ValidationError("Đơn vị kế thừa phải cùng tỉnh (cùng cây đơn vị) với đơn vị được sắp xếp.")
    if kind in {Kind_.MERGE, Kind_.SPLIT} and successor is None:
        raise ValidationError("Sáp nhập, chia tách cần đơn vị kế thừa.")
    if kind == Kind_.SPLIT and (len(predecessors) != 1 or not others):
        raise ValidationError("Chia tách: một đơn vị thành ít nhất hai đơn vị kế thừa.")
    if kind in {Kind_.RENAME, Kind_.MOVE} and len(predecessors) != 1:
        raise ValidationError("Đổi tên, chuyển trực thuộc: chọn đúng một đơn vị.")
    if kind == Kind_.RENAME and not new_name.strip():
        raise ValidationError("Nhập tên mới.")
    if kind == Kind_.MOVE and new_parent is None:
        raise ValidationError("Chọn đơn vị trực thuộc mới.")
    for s in successors:
        if s in predecessors:
            raise ValidationError(f"“{s.name}” không thể vừa bị sắp xếp vừa là đơn vị kế thừa.")
        if any(s.is_within(p) for p in predecessors):
            raise ValidationError(f"“{s.name}” là đơn vị cấp dưới của đơn vị bị sắp xếp: không kế thừa được "
                                  "(vòng lặp sắp xếp).")
        if not s.is_active:
            raise ValidationError(f"Đơn vị kế thừa “{s.name}” đã ngừng hoạt động.")
    if new_parent is not None and new_parent.is_within(predecessors[0]):
        raise ValidationError("Không thể chuyển đơn vị vào trực thuộc chính nó hoặc đơn vị cấp dưới của nó.")
    latest = _latest_applied_on([*predecessors, *successors])
    if latest and effective_on < latest:
        raise ValidationError(f"Ngày hiệu lực {effective_on:%d/%m/%Y} trước một sắp xếp đã áp dụng cho các đơn vị "
                              f"này ({latest:%d/%m/%Y}): hoàn tác sắp xếp đó trước, hoặc chọn ngày sau.")


def draft(actor, *, kind: str, effective_on: date, predecessors: list[Unit], successor: Unit | None = None,
          others: list[Unit] = (), new_name: str = "", new_parent: Unit | None = None, shares: dict | None = None,
          note: str = "", move_accounts: bool = True, batch: str = "") -> Reorganisation:
    others = list(others)
    if not administers(Scope.of(actor), [*predecessors, *others, *[u for u in (successor, new_parent) if u]]):
        raise Refused("Chỉ quản trị của mọi đơn vị liên quan mới lập được sắp xếp tổ chức.")
    _check(kind, effective_on, list(predecessors), successor, others, new_name, new_parent)
    with transaction.atomic():
        op = Reorganisation(kind=kind, effective_on=effective_on, successor=successor, new_name=new_name.strip(),
                            new_parent=new_parent, shares=shares or {}, note=note, created_by=actor,
                            move_accounts=move_accounts, batch=batch)
        by(op, actor).save()
        op.predecessors.set(predecessors)
        op.others.set(others)
        if kind == Kind_.SPLIT:
            _unassigned(op, plan(op))  # refused: nothing stored
    return op


def _target(op: Reorganisation, key: str) -> int | None:
    """Where an open item goes: the split's share for it, else the successor."""
    chosen = op.shares.get(key)
    return int(chosen) if chosen else (op.successor_id if op.successor_id else None)


def plan(op: Reorganisation) -> Plan:
    """What applying would change, row by row (also the preview)."""
    out = Plan()
    if op.about_areas:
        return _plan_areas(op, out)
    predecessors = list(op.predecessors.all())
    if op.kind == Kind_.RENAME:
        unit = predecessors[0]
        out.moves.append(Move(unit, "name", unit.name, op.new_name, "tên đơn vị"))
        return out
    if op.kind == Kind_.MOVE:
        unit = predecessors[0]
        out.moves.append(Move(unit, "parent_id", unit.parent_id, op.new_parent_id, "đơn vị trực thuộc"))
        return out
    ids = [u.pk for u in predecessors]
    for task in Task.objects.filter(lead_id__in=ids, state__in=OPEN_TASK):
        out.moves.append(Move(task, "lead_id", task.lead_id, _target(op, f"task:{task.pk}"), "nhiệm vụ chủ trì"))
    for task in Task.objects.filter(assigned_by_id__in=ids, state__in=OPEN_TASK):
        out.moves.append(Move(task, "assigned_by_id", task.assigned_by_id, op.successor_id, "nhiệm vụ đã giao"))
    leads = {m.obj.pk: m.after for m in out.moves if m.field == "lead_id"}
    taken: set[tuple[int, int]] = set(Coordination.objects.filter(
        task__coordinations__unit_id__in=ids).exclude(unit_id__in=ids).values_list("task_id", "unit_id"))
    for c in Coordination.objects.filter(unit_id__in=ids, state__in=OPEN_TASK).select_related("task"):
        after = _target(op, f"task:{c.task_id}")
        lead = leads.get(c.task_id, c.task.lead_id)
        if after is None:
            continue
        if after == lead or (c.task_id, after) in taken:
            out.removals.append((c, "phối hợp trùng với đơn vị kế thừa"))
        else:
            taken.add((c.task_id, after))
            out.moves.append(Move(c, "unit_id", c.unit_id, after, "nhiệm vụ phối hợp"))
    for p in Petition.objects.filter(status__in=Petition.OPEN_STATUSES, responsible_unit_id__in=ids):
        out.moves.append(Move(p, "responsible_unit_id", p.responsible_unit_id, _target(op, f"petition:{p.pk}"),
                              "kiến nghị đang xử lý"))
    for p in Petition.objects.filter(status__in=Petition.OPEN_STATUSES, receiving_unit_id__in=ids):
        out.moves.append(Move(p, "receiving_unit_id", p.receiving_unit_id, _target(op, f"petition:{p.pk}"),
                              "kiến nghị đang tiếp nhận"))
    if op.successor_id and op.move_accounts:
        held = set(Membership.objects.filter(unit_id=op.successor_id).values_list("user_id", "role"))
        for m in Membership.objects.filter(unit_id__in=ids):
            if (m.user_id, m.role) in held:
                out.removals.append((m, "tài khoản đã có ở đơn vị kế thừa"))
            else:
                held.add((m.user_id, m.role))
                out.moves.append(Move(m, "unit_id", m.unit_id, op.successor_id, "tài khoản"))
    if op.successor_id:
        rules = set(RoutingRule.objects.filter(unit_id=op.successor_id).values_list("field_id", "area_id"))
        for r in RoutingRule.objects.filter(unit_id__in=ids):
            if (r.field_id, r.area_id) in rules:
                out.removals.append((r, "quy tắc chuyển xử lý trùng"))
            else:
                rules.add((r.field_id, r.area_id))
                out.moves.append(Move(r, "unit_id", r.unit_id, op.successor_id, "quy tắc chuyển xử lý"))
        for ind in Indicator.objects.filter(unit_id__in=ids):
            out.moves.append(Move(ind, "unit_id", ind.unit_id, op.successor_id, "chỉ tiêu theo dõi"))
        for ind in Indicator.objects.filter(responsible_id__in=ids):
            out.moves.append(Move(ind, "responsible_id", ind.responsible_id, op.successor_id, "chỉ tiêu chịu trách nhiệm"))
        # Plans for periods from the date on; the past's plans stay with the unit that had them.
        held = set(Target.objects.filter(unit_id=op.successor_id).values_list("indicator_id", "period"))
        for t in Target.objects.filter(unit_id__in=ids):
            if periods.parse(t.period).start >= op.effective_on and (t.indicator_id, t.period) not in held:
                held.add((t.indicator_id, t.period))
                out.moves.append(Move(t, "unit_id", t.unit_id, op.successor_id, "kế hoạch chỉ tiêu các kỳ sau"))
        if not Layout.objects.filter(unit_id=op.successor_id).exists():
            layout = Layout.objects.filter(unit_id__in=ids).first()
            if layout:
                out.moves.append(Move(layout, "unit_id", layout.unit_id, op.successor_id, "bố cục trang tổng quan"))
        if op.kind == Kind_.MERGE:
            for child in Unit.objects.filter(parent_id__in=ids, active_to=None).exclude(pk=op.successor_id):
                out.moves.append(Move(child, "parent_id", child.parent_id, op.successor_id, "đơn vị trực thuộc"))
    for unit in predecessors:
        out.moves.append(Move(unit, "active_to", None, op.effective_on.isoformat(), "đơn vị ngừng hoạt động"))
        out.moves.append(Move(unit, "successor_id", unit.successor_id, op.successor_id, "đơn vị kế thừa"))
    return out


def _area_target(op: Reorganisation, key: str) -> int | None:
    chosen = op.shares.get(key)
    return int(chosen) if chosen else op.successor_area_id


def _plan_areas(op: Reorganisation, out: Plan) -> Plan:
    """Areas merged, split, renamed, moved to another province or dissolved on a date. An area that ends
    points to its successor; the open petitions and the working units of the old area take the new one (for a
    split, the petitions as `shares` says, the rest and the units the first successor). Past petitions, NTM
    assessments and reports keep the area as it then was."""
    areas = list(op.areas.all())
    if op.kind == Kind_.RENAME:
        out.moves.append(Move(areas[0], "name", areas[0].name, op.new_name, "tên đơn vị hành chính"))
        return out
    if op.kind == Kind_.MOVE:
        out.moves.append(Move(areas[0], "parent_id", areas[0].parent_id, op.new_parent_area_id, "tỉnh, thành phố"))
        return out
    ids = [a.pk for a in areas]
    for p in Petition.objects.filter(status__in=Petition.OPEN_STATUSES, area_id__in=ids):
        out.moves.append(Move(p, "area_id", p.area_id, _area_target(op, f"petition:{p.pk}"),
                              "kiến nghị đang xử lý (địa bàn)"))
    for u in Unit.objects.filter(area_id__in=ids, active_to=None):
        out.moves.append(Move(u, "area_id", u.area_id, op.successor_area_id, "đơn vị (địa bàn)"))
    until = (op.effective_on - timedelta(days=1)).isoformat()
    for a in areas:
        out.moves.append(Move(a, "valid_to", None, until, "đơn vị hành chính hết hiệu lực"))
        if op.successor_area_id:
            out.moves.append(Move(a, "merged_into_id", None, op.successor_area_id, "đơn vị hành chính kế thừa"))
    for successor in [op.successor_area, *op.other_areas.all()] if op.successor_area_id else []:
        if successor.valid_from is None:
            out.moves.append(Move(successor, "valid_from", None, op.effective_on.isoformat(),
                                  "đơn vị hành chính có hiệu lực"))
    lost = [m for m in out.moves if m.field == "area_id" and m.after is None]
    if lost:
        raise ValidationError(f"Còn {len(lost)} kiến nghị, đơn vị ở địa bàn bị giải thể chưa có địa bàn nhận: "
                              "chọn đơn vị hành chính kế thừa.")
    allowed = {op.successor_area_id, *op.other_areas.values_list("pk", flat=True)}
    if any(m.after not in allowed for m in out.moves if m.field == "area_id"):
        raise ValidationError("Phân chia kiến nghị chỉ được cho các đơn vị hành chính kế thừa của lần chia tách này.")
    return out


def _check_areas(kind, effective_on, areas, successor, others, new_name, new_parent):
    """Bad input for an areas' operation, refused in Vietnamese before anything is stored."""
    if not areas:
        raise ValidationError("Chọn ít nhất một đơn vị hành chính cần sắp xếp.")
    ended = [a.name for a in areas if a.valid_to or a.merged_into_id]
    if ended:
        raise ValidationError(f"Đơn vị hành chính đã hết hiệu lực không sắp xếp tiếp được: {', '.join(ended)}.")
    if kind in {Kind_.RENAME, Kind_.MOVE, Kind_.SPLIT} and len(areas) != 1:
        raise ValidationError("Đổi tên, chuyển, chia tách: chọn đúng một đơn vị hành chính.")
    if kind == Kind_.RENAME and not new_name.strip():
        raise ValidationError("Nhập tên mới.")
    if kind == Kind_.MOVE:
        if new_parent is None or new_parent.level != Area.Level.PROVINCE or new_parent.pk == areas[0].parent_id:
            raise ValidationError("Chọn tỉnh, thành phố mới (khác tỉnh hiện tại) cho đơn vị hành chính.")
        if areas[0].level != Area.Level.COMMUNE:
            raise ValidationError("Chỉ chuyển được xã, phường sang tỉnh khác.")
    if kind in {Kind_.MERGE, Kind_.SPLIT} and successor is None:
        raise ValidationError("Sáp nhập, chia tách cần đơn vị hành chính kế thừa.")
    if kind == Kind_.SPLIT and not others:
        raise ValidationError("Chia tách: một đơn vị hành chính thành ít nhất hai đơn vị kế thừa.")
    successors = [a for a in [successor, *others] if a is not None]
    for a in successors:
        if a in areas:
            raise ValidationError(f"“{a.name}” không thể vừa bị sáp nhập vừa là đơn vị kế thừa.")
        if a.valid_to or a.merged_into_id:
            raise ValidationError(f"Đơn vị hành chính kế thừa “{a.name}” đã hết hiệu lực.")
        if {x.parent_id for x in areas} != {a.parent_id} or {x.level for x in areas} != {a.level}:
            raise ValidationError("Đơn vị hành chính kế thừa phải cùng cấp, cùng tỉnh với các đơn vị được sắp xếp.")
    touched = [*areas, *successors]
    latest = max((o.effective_on for o in _applied_touching_areas(touched)), default=None)
    if latest and effective_on < latest:
        raise ValidationError(f"Ngày hiệu lực {effective_on:%d/%m/%Y} trước một sắp xếp đã áp dụng cho các đơn vị "
                              f"hành chính này ({latest:%d/%m/%Y}).")


def draft_areas(actor, *, kind: str, effective_on: date, areas: list[Area], successor: Area | None = None,
                others: list[Area] = (), new_name: str = "", new_parent: Area | None = None,
                shares: dict | None = None, note: str = "") -> Reorganisation:
    """An areas' operation, drafted for preview like a units' one; a split or dissolution that would leave an
    open petition without an area is refused here, nothing stored."""
    areas, others = list(areas), list(others)
    touched = [*areas, *others, *[a for a in (successor, new_parent) if a]]
    if not area_administers(Scope.of(actor), touched):
        raise Refused("Chỉ quản trị của tỉnh có các đơn vị hành chính này mới lập được sắp xếp.")
    _check_areas(kind, effective_on, areas, successor, others, new_name, new_parent)
    with transaction.atomic():
        op = Reorganisation(kind=kind, effective_on=effective_on, successor_area=successor, new_name=new_name.strip(),
                            new_parent_area=new_parent, shares=shares or {}, note=note, created_by=actor)
        by(op, actor).save()
        op.areas.set(areas)
        op.other_areas.set(others)
        plan(op)  # refused: the transaction is rolled back
    return op


def _unassigned(op: Reorganisation, planned: Plan) -> None:
    """A split or dissolution must leave no open work without an owner."""
    lost = [m for m in planned.moves if m.after is None and m.field not in {"successor_id", "active_to"}]
    if lost:
        raise ValidationError(f"Còn {len(lost)} việc đang thực hiện chưa có đơn vị nhận ({lost[0].what}): chọn "
                              "đơn vị kế thừa nhận phần còn lại.")
    allowed = {op.successor_id, *op.others.values_list("pk", flat=True)}
    if any(m.after not in allowed for m in planned.moves if m.field in {"lead_id", "unit_id", "responsible_unit_id",
                                                                         "receiving_unit_id"}):
        raise ValidationError("Phân chia việc chỉ được cho các đơn vị kế thừa của lần chia tách này.")


def _set(obj, attr: str, value, actor) -> None:
    if attr in {"active_to", "active_from", "valid_to", "valid_from"}:
        value = date.fromisoformat(value) if value else None
    setattr(obj, attr, value)
    by(obj, actor).save()


def apply(actor, op: Reorganisation, created: list[Unit] = ()) -> Plan:
    """One transaction: the open work to the successors, the units ended or changed, the log kept.
    `created`: successors made for this operation (the two-level step's new communes), closed on revert."""
    policy.require(actor, "apply", op)
    about_areas = op.about_areas
    if about_areas:
        _check_areas(op.kind, op.effective_on, [*op.areas.all()], op.successor_area, [*op.other_areas.all()],
                     op.new_name, op.new_parent_area)
    else:
        _check(op.kind, op.effective_on, [*op.predecessors.all()], op.successor, [*op.others.all()], op.new_name,
               op.new_parent)
    with transaction.atomic():
        op = Reorganisation.objects.select_for_update().get(pk=op.pk)
        policy.require(actor, "apply", op)
        planned = plan(op)
        if op.kind in ENDING and not about_areas:
            _unassigned(op, planned)
        log = [[Unit._meta.label, unit.pk, CREATED, None, None] for unit in created]
        for obj, _what in planned.removals:
            log.append([obj._meta.label, obj.pk, None, _fields(obj), None])
            by(obj, actor).delete()
        until = op.effective_on - timedelta(days=1)
        for m in planned.moves:
            fresh = type(m.obj).objects.get(pk=m.obj.pk)  # a row saved earlier in this loop (a unit) is re-read
            log.append([m.obj._meta.label, m.obj.pk, m.field, m.before, m.after])
            _set(fresh, m.field, m.after, actor)
            owner = OWNERS.get((m.obj._meta.label_lower, m.field))
            if owner:  # reports for a period before the date keep the work with the unit it then had
                former = FormerOwner.objects.create(label=m.obj._meta.label_lower, object_id=m.obj.pk, field=owner,
                                                    unit_id=m.before, until=until)
                log.append([FormerOwner._meta.label, former.pk, CREATED, None, None])
        successor = op.successor
        if successor is not None and successor.active_from is None and op.kind in ENDING:
            log.append(["org.Unit", successor.pk, "active_from", None, op.effective_on.isoformat()])
            successor.active_from = op.effective_on
            by(successor, actor).save()
        op.log, op.state, op.applied_by, op.applied_at = log, op.State.APPLIED, actor, timezone.now()
        by(op, actor).save()
        for task in Task.objects.filter(pk__in={m.obj.pk for m in planned.moves if isinstance(m.obj, Task)}):
            task_event(Kind.EDITED, task, actor, f"Chuyển sang đơn vị kế thừa theo {op}")
    return planned


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname != "id"}


def _undo_created(obj, actor) -> None:
    """A former owner goes; a unit made for the operation cannot (the operation's record names it): it is
    closed on the day it opened, so it was never active."""
    if isinstance(obj, Unit):
        obj.active_to = obj.active_from
        by(obj, actor).save()
    else:
        obj.delete()


def revert(actor, op: Reorganisation) -> None:
    """Undo the log in reverse, while no later applied operation touches the same units."""
    policy.require(actor, "revert", op)
    units = [*op.predecessors.all(), *[u for u in [op.successor] if u]]
    areas = [*op.areas.all(), *[a for a in [op.successor_area] if a]]
    if (_applied_touching(units).filter(applied_at__gt=op.applied_at).exists()
            or areas and _applied_touching_areas(areas).filter(applied_at__gt=op.applied_at).exists()):
        raise ValidationError("Một sắp xếp áp dụng sau đã dựa vào sắp xếp này: hoàn tác sắp xếp đó trước.")
    with transaction.atomic():
        for label, pk, attr, before, _after in reversed(op.log):
            model = apps.get_model(label)
            if attr == CREATED:
                _undo_created(model.objects.get(pk=pk), actor)
            elif attr is None:
                by(model(pk=pk, **before), actor).save(force_insert=True)
            else:
                _set(model.objects.get(pk=pk), attr, before, actor)
        op.state = op.State.REVERTED
        by(op, actor).save()
