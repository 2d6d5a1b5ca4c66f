"""Tổng quan: the leaders' screen for a unit and its subtree, its layout, and unit scorecards."""

from io import BytesIO

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dieuhanh.audit.exports import download
from dieuhanh.core import generation, params, periods
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.core.history import by
from dieuhanh.core.net import same_site
from dieuhanh.core.numbers import so
from dieuhanh.core.sheets import safe_row
from dieuhanh.indicators import services as indicator_services
from dieuhanh.indicators.queries import indicator_rows, visible_indicators
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope
from dieuhanh.org.selection import chosen_period, chosen_unit

from . import tally
from .models import DEFAULT_PANELS, PANELS, Layout
from .panels import BUILDERS, Board


def _layout(unit: Unit) -> tuple[list[str], list[int]]:
    """The unit's saved layout, else the nearest ancestor's, else the default."""
    chain = [int(p) for p in unit.path.strip("/").split("/")][::-1]  # the unit first, then upwards
    saved = {layout.unit_id: layout for layout in Layout.objects.filter(unit_id__in=chain)}
    for pk in chain:
        if pk in saved:
            return [p for p in saved[pk].panels if p in PANELS], saved[pk].indicator_ids
    return DEFAULT_PANELS, []


def dashboard(request):
    scope = Scope.of(request.user)
    today = vn_today()
    unit = chosen_unit(request, scope)
    period = chosen_period(request)
    panel_keys, indicator_ids = _layout(unit)
    board = Board(request.user, unit, period, today, indicator_ids, scope.may_decide_for(unit))

    def build() -> list[dict]:
        panels = []
        for key in panel_keys:
            data = BUILDERS[key](board)
            if data is not None:
                panels.append({"key": key, "title": PANELS[key], "template": f"dashboard/_{key}.html", "data": data})
        return panels

    # The panels as of the data's current generation: any change to the data computes them again.
    panels = generation.cached(f"dashboard:{request.user.pk}:{unit.pk}:{period.key}:{today}:{board.may_decide}:"
                               f"{','.join(panel_keys)}:{','.join(map(str, indicator_ids))}", build)
    ancestors = unit.ancestors() if unit.parent_id else []
    # Names for the select only: up to 300 rows, not worth a model instance each.
    children = list(unit.children.filter(active_to=None).order_by("name").values("pk", "name")[:300])
    return render(request, "dashboard/dashboard.html", {
        "board": board, "unit": unit, "period": period, "panels": panels, "ancestors": ancestors,
        "children": children, "years": range(today.year, today.year - 6, -1), "period_choices": periods.choices(period.year),
        "may_arrange": scope.may_decide_for(unit)})


@require_POST
def request_explanation(request):
    scope = Scope.of(request.user)
    unit = chosen_unit(request, scope)
    period = chosen_period(request)
    indicator = get_object_or_404(visible_indicators(request.user), pk=params.key(request.POST.get("chi_tieu")))
    rows = indicator_rows([indicator], unit, period, vn_today())
    row = rows[0]
    situation = (f"thực hiện {so(row.actual, 2)} {indicator.measure}, bằng {so(row.assessment.attainment, 1)}% "
                 f"mức cần đạt ({row.light_label.lower()})" if row.actual is not None
                 else "chưa có số liệu thực hiện")
    try:
        task = indicator_services.request_explanation(request.user, indicator, assigned_by=unit, period=period,
                                                      situation=situation)
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
        return redirect(same_site(request, request.POST.get("next"), "/tong-quan/"))
    messages.success(request, f"Đã giao {task.lead.name} giải trình chỉ tiêu “{indicator.name}”.")
    return redirect("task_detail", pk=task.pk)


def arrange(request):
    """Which panels, in which order, for which indicators — saved for the unit."""
    scope = Scope.of(request.user)
    unit = chosen_unit(request, scope)
    if not scope.may_decide_for(unit):
        raise Refused("Chỉ lãnh đạo, chuyên viên theo dõi của đơn vị được sắp xếp trang tổng quan.")
    panel_keys, indicator_ids = _layout(unit)
    indicators = list(visible_indicators(request.user).filter(unit__root_id=unit.root_id).order_by("position", "code"))
    if request.method == "POST":
        chosen = _ordered(request, "khoi", PANELS)
        known = {i.pk for i in indicators}
        chosen_indicators = [int(k) for k in _ordered(request, "chi_tieu", {str(pk): 1 for pk in known})]
        if not chosen:
            messages.error(request, "Cần chọn ít nhất một khối.")
        else:
            with transaction.atomic():
                layout = Layout.objects.select_for_update().filter(unit=unit).first() or Layout(unit=unit)
                layout.panels, layout.indicator_ids, layout.updated_by = chosen, chosen_indicators, request.user
                by(layout, request.user).save()
            messages.success(request, "Đã lưu bố cục trang tổng quan.")
            return redirect(f"/tong-quan/?don_vi={unit.pk}")
    order = {k: i for i, k in enumerate(panel_keys, start=1)}
    panels = [{"key": k, "label": v, "on": k in order, "order": order.get(k, "")} for k, v in PANELS.items()]
    panels.sort(key=lambda p: (not p["on"], p["order"] or 99))
    chosen_order = {pk: i for i, pk in enumerate(indicator_ids, start=1)}
    indicator_rows_ = [{"indicator": i, "on": i.pk in chosen_order, "order": chosen_order.get(i.pk, "")}
                       for i in indicators]
    return render(request, "dashboard/arrange.html", {"unit": unit, "panels": panels, "indicators": indicator_rows_})


def _ordered(request, prefix: str, allowed) -> list[str]:
    """Checked keys (`prefix`) sorted by their order box (`prefix`_thu_tu_KEY); unknown keys dropped."""
    keys = [k for k in request.POST.getlist(prefix) if k in allowed]

    def position(k):
        raw = request.POST.get(f"{prefix}_thu_tu_{k}", "")
        return params.number(raw, default=999, low=0, high=999)

    return sorted(dict.fromkeys(keys), key=position)


def scorecards(request):
    """Bảng điểm: for each unit leading tasks in the subtree, the period's concrete results."""
    scope = Scope.of(request.user)
    today = vn_today()
    unit = chosen_unit(request, scope)
    period = chosen_period(request)
    tallies = tally.by_lead(unit, period, today)
    units = Unit.objects.in_bulk(list(tallies))
    rows = []
    for pk, t in tallies.items():
        t.unit = units[pk]
        rows.append(t)
    order = request.GET.get("sap_xep", "ty_le")
    if order == "ten":
        rows.sort(key=lambda t: t.unit.path)
    else:
        rows.sort(key=lambda t: (t.on_time_rate is None, -(t.on_time_rate or 0), -t.total))
    if request.GET.get("xuat") == "xlsx":
        return download(request, _scorecards_xlsx(unit, period, rows), f"bang-diem-{period.key}.xlsx",
                        target=f"bảng điểm {unit.name}", detail=f"kỳ {period.key}")
    page = Paginator(rows, 100).get_page(request.GET.get("trang"))
    return render(request, "dashboard/scorecards.html", {
        "unit": unit, "period": period, "page": page, "total": tally.total(tallies), "order": order,
        "stale_days": settings.DIEUHANH_STALE_AFTER_DAYS,
        "years": range(today.year, today.year - 6, -1), "period_choices": periods.choices(period.year)})


SCORECARD_COLUMNS = ["Đơn vị", "Nhiệm vụ có hạn trong kỳ", "Hoàn thành đúng hạn", "Hoàn thành quá hạn",
                     "Đang quá hạn", "Tỷ lệ đúng hạn (%)", "Số ngày trễ bình quân", "Báo cáo tiến độ kịp thời (%)"]


def scorecard_values(t: tally.Tally) -> list:
    s = tally.Status
    rate = lambda v: round(v, 1) if v is not None else None  # noqa: E731
    return [t.unit.name, t.total, t.counts[s.DONE_ON_TIME], t.counts[s.DONE_LATE], t.counts[s.OVERDUE],
            rate(t.on_time_rate), rate(t.average_days_late), rate(t.report_rate)]


def _scorecards_xlsx(unit, period, rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Bảng điểm"
    ws.append(safe_row([f"Kết quả thực hiện nhiệm vụ {period.label} — {unit.name}"]))
    ws.append(safe_row(SCORECARD_COLUMNS))
    for t in rows:
        ws.append(safe_row(scorecard_values(t)))
    out = BytesIO()
    wb.save(out)
    return out.getvalue()

