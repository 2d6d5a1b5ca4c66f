"""Kế hoạch tuần/tháng of an official, and the leader's page of a unit's products and scores: thin views over
`services` and the policy."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dieuhanh.audit.exports import download
from dieuhanh.core import params, periods
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.dates import parse_day
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.core.files import check_upload
from dieuhanh.core.numbers import parse_decimal
from dieuhanh.core.paging import paginate_list
from dieuhanh.documents import paper
from dieuhanh.org.models import WORK_ROLES, Unit
from dieuhanh.org.queries import Scope
from dieuhanh.org.selection import one_of
from dieuhanh.petitions.models import Petition
from dieuhanh.tasks.models import Task

from . import form, queries, scoring, services, xlsx
from .models import MonthlyResult, Product
from .policy import policy, reads, unit_policy


def _period(request) -> periods.Period:
    try:
        return services.month(request.GET.get("ky") or request.POST.get("ky") or "")
    except ValidationError:
        today = vn_today()
        return periods.Period(today.year, "month", today.month)


def _work_unit(request) -> Unit:
    """The unit the official plans for: the one asked, among their working memberships; else the first."""
    units = [m.unit for m in Scope.of(request.user).memberships if m.role in WORK_ROLES]
    if not units:
        raise Refused("Tài khoản chưa là cán bộ, công chức của đơn vị nào.")
    return one_of(request, units)


def _week(request, period) -> date | None:
    """?tuan=dd/mm/yyyy: the week (Monday to Sunday) of that day, when it falls in the month."""
    day = parse_day(request.GET.get("tuan"))
    if day is None:
        return None
    monday = periods.week_start(day)
    return monday if monday <= period.end and monday + timedelta(days=6) >= period.start else None


def work_plan(request):
    """Kế hoạch tuần/tháng: the month's products (or one week's), the kept score, proposals from the unit's work."""
    period, unit = _period(request), _work_unit(request)
    week = _week(request, period)
    view = queries.month_view(request.user, period, week)
    for p in view.products:
        p.actions = policy.available_actions(request.user, p)
    today = vn_today()
    weeks = sorted({periods.week_start(d) for d in (period.start + timedelta(days=n) for n in range(period.end.day))})
    return render(request, "performance/plan.html", {
        "period": period, "unit": unit, "view": view, "week": week, "weeks": weeks,
        "week_end": week + timedelta(days=6) if week else None,
        "proposals": services.proposals(request.user, unit, period.key, week),
        "kinds": Product.Kind.choices, "today": today})


def _back(request, period, unit=None):
    target = "unit_plans" if request.POST.get("trang") == "don-vi" else "work_plan"
    query = f"?ky={period.key}" + (f"&don_vi={unit.pk}" if unit else "")
    week = parse_day(request.POST.get("tuan"))  # back to the week the official was planning
    if week and target == "work_plan":
        query += f"&tuan={week:%d/%m/%Y}"
    return redirect(reverse(target) + query)


@require_POST
def add_product(request):
    period, unit = _period(request), _work_unit(request)
    g = request.POST
    # A task the unit leads or coordinates: the proposals offer both.
    task = (Task.objects.filter(Q(lead=unit) | Q(coordinations__unit=unit), pk=params.key(g.get("nhiem_vu") or ""))
            .first() if g.get("nhiem_vu") else None)
    petition = (Petition.objects.filter(pk=params.key(g.get("kien_nghi") or ""), responsible_unit=unit).first()
                if g.get("kien_nghi") else None)
    due_on = parse_day(g.get("han"))
    try:
        if due_on is None:
            raise ValidationError("Hạn không hợp lệ (dd/mm/yyyy).")
        weight = parse_decimal(g.get("trong_so") or "1")
        services.plan(request.user, unit=unit, period=period.key, title=g.get("ten", ""), due_on=due_on,
                      weight=weight, kind=g.get("loai") if g.get("loai") in Product.Kind.values else Product.Kind.OTHER,
                      task=task, petition=petition)
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, "Đã đưa sản phẩm vào kế hoạch.")
    return _back(request, period, unit)


def _product(request, pk) -> Product:
    """A product its official or a leader of its unit may see; others get 404."""
    product = get_object_or_404(Product.objects.select_related("unit", "official"), pk=pk)
    if not reads(request.user, product.official_id, product.unit):
        raise Http404("Không tìm thấy sản phẩm hoặc bạn không có quyền xem.")
    return product


@require_POST
def complete_product(request, pk):
    product = _product(request, pk)
    g = request.POST
    try:
        upload = request.FILES.get("minh_chung")
        if upload:
            check_upload(upload, allowed=(".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg"))
        done_on = parse_day(g.get("ngay"))
        if done_on is None:
            raise ValidationError("Ngày hoàn thành không hợp lệ (dd/mm/yyyy).")
        services.complete(request.user, product, done_on=done_on, evidence=upload, link=g.get("duong_dan", ""),
                          cause=g.get("nguyen_nhan", ""))
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, "Đã báo hoàn thành; chờ lãnh đạo xác nhận.")
    return _back(request, services.month(product.period))


@require_POST
def decide_product(request, pk):
    """The leader: confirm, return (with the reason and whether it had a major error), confirm the cause."""
    product = _product(request, pk)
    step = request.POST.get("buoc")
    try:
        if step == "xac_nhan":
            services.confirm(request.user, product)
        elif step == "tra_lai":
            services.return_product(request.user, product, reason=request.POST.get("ly_do", ""),
                                    major_error=request.POST.get("sai_sot_lon") == "1")
        elif step == "nguyen_nhan":
            services.confirm_cause(request.user, product)
        elif step == "giao_lai":
            to = get_user_model().objects.filter(pk=params.key(request.POST.get("cong_chuc") or "") or 0).first()
            services.reassign(request.user, product, to, request.POST.get("ly_do", ""))
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, "Đã ghi nhận.")
    return _back(request, services.month(product.period), product.unit)


def _sheet_period(request) -> periods.Period:
    """A month, a quarter or a year (2026-11, 2026-Q4, 2026); this month when absent or wrong."""
    try:
        period = periods.parse(request.GET.get("ky") or request.POST.get("ky") or "")
    except periods.PeriodError:
        period = None
    if period is None or period.kind not in ("month", "quarter", "year"):
        today = vn_today()
        period = periods.Period(today.year, "month", today.month)
    return period


def _led_unit(request) -> tuple[Unit, list[Unit]]:
    scope = Scope.of(request.user)
    units = [m.unit for m in scope.memberships if unit_policy.can(request.user, "score", m.unit)]
    unit = one_of(request, units)
    if unit is None:
        raise Refused("Chỉ lãnh đạo đơn vị mới xem được bảng điểm của đơn vị.")
    return unit, units


def unit_plans(request):
    """A leader's page: the unit's officials and their month (products waiting for a decision, general points,
    the grade to confirm with the 20% check on "xuất sắc"), or their quarter or year rolled from the months."""
    period = _sheet_period(request)
    unit, units = _led_unit(request)
    rows = queries.unit_sheet(unit, period, viewer=request.user)
    for row in rows:
        for p in row.products:
            p.actions = policy.available_actions(request.user, p)
    if request.GET.get("xuat") == "xlsx":
        return download(request, xlsx.score_sheet(unit, period, rows), f"bang-diem-{unit.code}-{period.key}.xlsx",
                        target=f"bảng điểm {unit.name}", detail=f"kỳ {period.key}")
    grades = [row.grade for row in rows if row.grade]
    return render(request, "performance/unit.html", {
        "unit": unit, "units": units, "period": period, "rows": rows, "monthly": period.kind == "month",
        "colleagues": [r.official for r in rows],
        "months": period.month_periods(), "grade_choices": list(scoring.Grade.LABELS.items()),
        "cap": scoring.cap_check(grades, services.office_rules())})


@require_POST
def confirm_grades(request):
    """The leader confirms the month's grades of the unit's officials (each at most what the score allows)."""
    period = _period(request)
    unit, _units = _led_unit(request)
    chosen = {}
    for name, value in request.POST.items():
        if name.startswith("xep_loai_") and (pk := params.key(name.removeprefix("xep_loai_"))):
            chosen[pk] = value
    try:
        if not chosen:
            raise ValidationError("Chưa chọn mức xếp loại nào.")
        services.confirm_grades(request.user, unit, period.key, chosen)
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, f"Đã xác nhận xếp loại {period.label} của {len(chosen)} người.")
    return redirect(reverse("unit_plans") + f"?ky={period.key}&don_vi={unit.pk}")


def ranking(request):
    """The units under a body ranked by their officials' average score for a month, a quarter or a year."""
    period = _sheet_period(request)
    scope = Scope.of(request.user)
    roots = [m.unit for m in scope.memberships if unit_policy.can(request.user, "rank", m.unit)]
    root = one_of(request, roots)
    if root is None:
        raise Refused("Chỉ lãnh đạo, cán bộ theo dõi của đơn vị hoặc cấp trên mới xem được xếp hạng.")
    kind = request.GET.get("loai") if request.GET.get("loai") in Unit.Kind.values else ""
    page = paginate_list(request, queries.ranking(root, period, kind))
    return render(request, "performance/ranking.html", {
        "root": root, "roots": roots, "period": period, "page": page, "kind": kind, "kinds": Unit.Kind.choices,
        "grades": list(scoring.Grade.LABELS.items())})


@require_POST
def general_points(request):
    period = _period(request)
    unit = get_object_or_404(Unit, pk=params.key(request.POST.get("don_vi") or "") or 0)
    official = get_object_or_404(get_user_model(), pk=params.key(request.POST.get("cong_chuc") or "") or 0)
    try:
        services.set_general_points(request.user, official, unit, period.key, parse_decimal(request.POST.get("diem")))
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, "Đã chấm điểm tiêu chí chung.")
    return redirect(reverse("unit_plans") + f"?ky={period.key}&don_vi={unit.pk}")


def score_form(request, official):
    """The month's phiếu đánh giá of one official as DOCX or PDF: the official themself or a leader of the unit."""
    period = _period(request)
    result = get_object_or_404(MonthlyResult.objects.select_related("official", "unit", "confirmed_by"),
                               official_id=official, period=period.key)
    if not reads(request.user, result.official_id, result.unit):
        raise Http404("Không tìm thấy phiếu đánh giá hoặc bạn không có quyền xem.")
    products = list(Product.objects.filter(official_id=official, period=period.key))
    made = form.score_form(result, period, products, vn_today())
    kind = paper.format_asked(request)
    return download(request, paper.write(made, kind), f"phieu-danh-gia-{result.official.username}-{period.key}.{kind}",
                    target=f"phiếu đánh giá {result.official.username}", detail=f"kỳ {period.key}")
