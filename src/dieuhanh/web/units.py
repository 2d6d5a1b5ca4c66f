from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from dieuhanh.core import params
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.dates import parse_day
from dieuhanh.core.fulltext import matching_words
from dieuhanh.core.paging import paginate
from dieuhanh.org import picker
from dieuhanh.org.models import Position, Unit
from dieuhanh.org.queries import Scope, active_on
from dieuhanh.tasks.queries import visible_tasks
from dieuhanh.tasks.status import Group, group_q


def unit_list(request):
    units = Scope.of(request.user).readable_units().select_related("parent")
    q = request.GET.get("q", "")[:200]
    units = matching_words(units, q, field="name_folded")
    page = paginate(request, units.order_by("path"), per_page=50)
    return render(request, "org/unit_list.html", {"page": page, "q": q})


def group_counts(tasks, today) -> dict[str, int]:
    """Counts by report group, all tasks and key tasks (nhiệm vụ trọng tâm) apart, in one query."""
    counts = {g.value: Count("pk", filter=group_q(g.value, today)) for g in Group}
    counts |= {f"key_{g.value}": Count("pk", filter=group_q(g.value, today) & Q(is_key=True)) for g in Group}
    return tasks.aggregate(**counts)


def unit_detail(request, pk):
    scope = Scope.of(request.user)
    unit = get_object_or_404(scope.readable_units().select_related("parent", "area", "successor"), pk=pk)
    today = vn_today()
    led = visible_tasks(request.user).filter(lead_id__in=unit.subtree().values("pk"))
    counts = group_counts(led, today)
    groups = [(g, counts[g.value], counts[f"key_{g.value}"]) for g in Group]
    children = paginate(request, unit.children.order_by("name"), per_page=60)
    positions = Position.objects.filter(unit=unit, ended_on__isnull=True).select_related("person")
    return render(request, "org/unit_detail.html", {
        "unit": unit, "ancestors": unit.ancestors(), "children": children, "positions": positions,
        "groups": groups, "total": sum(n for _, n, _ in groups), "key_total": sum(k for _, _, k in groups),
        "today": today,
    })




def _pool(scope: Scope, name: str):
    """Where a picker searches: "giao" the units the user assigns for, "duoi:<id>" the units below one the
    user reads (a task's lead delegating), else every unit the user reads."""
    if name == "giao":
        return scope.deciding_units()
    if name == "tat-ca":  # a petition may be transferred to any working unit, in any province
        return Unit.objects.all()
    readable = scope.readable_units()
    if name.startswith("duoi:") and (top := readable.filter(pk=params.key(name[5:])).first()):
        return readable.filter(path__startswith=top.path).exclude(pk=top.pk)
    return readable


def unit_picker(request):
    """htmx: the options of a unit picker for what was typed — within the field's pool (units the user
    reads, or those they assign for), working on the day given (today by default)."""
    scope = Scope.of(request.user)
    g = request.GET
    pool = _pool(scope, g.get("pham_vi", ""))
    units = active_on(pool, parse_day(g.get("ngay")) or vn_today())
    chosen = [k for k in (params.key(v) for v in g.getlist(g.get("ten", ""))[:50]) if k]
    found = picker.search(units, g.get("q", "")[:200], chosen)
    for u in found:
        u.label = picker.label(u)
    return render(request, "org/_picker_options.html", {"groups": picker.grouped(found), "chosen": set(chosen),
                                                        "multiple": g.get("nhieu") == "1"})
