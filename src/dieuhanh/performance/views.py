"""Kế hoạch tuần/tháng of an official, and the leader's page of a unit's products and scores: thin views over
`services` and the policy."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dieuhanh.audit.log import record as audit
from dieuhanh.audit.models import Action
from dieuhanh.core import params, periods
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.dates import parse_day
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.core.files import ALLOWED, check_upload
from dieuhanh.core.numbers import parse_decimal
from dieuhanh.org.models import WORK_ROLES, Unit
from dieuhanh.org.queries import Scope
from dieuhanh.petitions.models import Petition
from dieuhanh.tasks.models import Task

from . import scoring, services, xlsx
from .models import Product
from .policy import policy


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
    wanted = params.key(request.GET.get("don_vi") or request.POST.get("don_vi") or "")
    return next((u for u in units if u.pk == wanted), units[0])


def work_plan(request):
    period, unit = _period(request), _work_unit(request)
    result = services.month_score(request.user, period.key)
    for p in result.products:
        p.actions = policy.available_actions(request.user, p)
    return render(request, "performance/plan.html", {
        "period": period, "unit": unit, "result": result, "proposals": services.proposals(request.user, unit, period.key),
        "grade_label": scoring.Grade.LABELS.get(result.score.grade) if result.score else "",
        "kinds": Product.Kind.choices, "today": vn_today()})


def _back(request, period, unit=None):
    target = "unit_plans" if request.POST.get("trang") == "don-vi" else "work_plan"
    query = f"?ky={period.key}" + (f"&don_vi={unit.pk}" if unit else "")
    return redirect(reverse(target) + query)


@require_POST
def add_product(request):
    period, unit = _period(request), _work_unit(request)
    g = request.POST
    task = Task.objects.filter(pk=params.key(g.get("nhiem_vu") or ""), lead=unit).first() if g.get("nhiem_vu") else None
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
    if product.official_id != request.user.pk and not Scope.of(request.user).leads(product.unit):
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
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, "Đã ghi nhận.")
    return _back(request, services.month(product.period), product.unit)


def unit_plans(request):
    """A leader's page: the unit's officials, their month's score, the products waiting for a decision, the
    general points, and the 20% check on "xuất sắc" before confirming."""
    scope, period = Scope.of(request.user), _period(request)
    units = [m.unit for m in scope.memberships if scope.leads(m.unit)]
    wanted = params.key(request.GET.get("don_vi") or "")
    unit = next((u for u in units if u.pk == wanted), units[0] if units else None)
    if unit is None:
        raise Refused("Chỉ lãnh đạo đơn vị mới xem được bảng điểm của đơn vị.")
    officials = get_user_model().objects.filter(memberships__unit=unit).exclude(pk=request.user.pk).distinct()
    rows = []
    for official in officials.order_by("first_name", "username"):
        result = services.month_score(official, period.key)
        for p in result.products:
            p.actions = policy.available_actions(request.user, p)
        rows.append({"official": official, "result": result,
                     "grade": scoring.Grade.LABELS.get(result.score.grade) if result.score else "—"})
    if request.GET.get("xuat") == "xlsx":
        audit(Action.EXPORT, request, target=f"bảng điểm {unit.name}", detail=f"kỳ {period.key}")
        response = HttpResponse(xlsx.score_sheet(unit, period, rows), content_type=ALLOWED[".xlsx"])
        response["Content-Disposition"] = f'attachment; filename="bang-diem-{unit.code}-{period.key}.xlsx"'
        return response
    grades = [r["result"].score.grade for r in rows if r["result"].score]
    return render(request, "performance/unit.html", {"unit": unit, "units": units, "period": period, "rows": rows,
                                                     "cap": scoring.cap_check(grades, services.office_rules())})


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
