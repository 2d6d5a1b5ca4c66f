"""Nông thôn mới: a province's communes on a day, and one commune's criteria, assessments and history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from dieuhanh.audit.log import record as audit
from dieuhanh.audit.models import Action
from dieuhanh.core import params
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.dates import parse_day
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.org.models import Area
from dieuhanh.org.queries import Scope

from . import policy, services
from .models import Assessment, Criterion, EvidenceFile, Level
from .status import Book, communes_of, summary


def _provinces(scope: Scope):
    """Provinces whose bodies the user may read."""
    areas = scope.readable_units().exclude(area=None).values("area")
    return Area.objects.filter(level=Area.Level.PROVINCE, legacy=False, pk__in=areas).order_by("name")


def ntm_index(request):
    provinces = list(_provinces(Scope.of(request.user)))
    if not provinces:
        raise Refused("Bạn không theo dõi tỉnh nào.")
    raw = request.GET.get("tinh", "")
    province = next((p for p in provinces if str(p.pk) == raw), provinces[0])
    day = min(parse_day(request.GET.get("ngay")) or vn_today(), vn_today())
    communes = communes_of(province, day)
    districts = sorted({c.parent for c in communes if c.parent_id != province.pk}, key=lambda d: d.name)
    district = next((d for d in districts if str(d.pk) == request.GET.get("huyen")), None)
    if district:  # before 1/7/2025: one district's communes ("14/30 xã" of Thạch Hà)
        communes = [c for c in communes if c.parent_id == district.pk]
    return render(request, "ntm/index.html", {
        "province": province, "provinces": provinces, "day": day, "districts": districts, "district": district,
        "summary": summary(province, day, communes, with_years=True)})


def _commune(request, pk) -> Area:
    area = get_object_or_404(Area.objects.select_related("parent", "parent__parent"), pk=pk, level=Area.Level.COMMUNE)
    if policy.province_of(area) not in _provinces(Scope.of(request.user)):
        raise Http404("Không tìm thấy xã hoặc bạn không có quyền xem.")
    return area


def ntm_commune(request, pk):
    area = _commune(request, pk)
    today = vn_today()
    province = policy.province_of(area)
    predecessors = list(area.merged_from.order_by("name"))
    book = Book(province, [area, *predecessors])
    status = book.status(area, today)
    if request.method == "POST":
        criterion = get_object_or_404(Criterion, pk=params.key(request.POST.get("tieu_chi")))
        day = parse_day(request.POST.get("ngay"))
        if day is None:
            messages.error(request, "Ngày đánh giá phải theo dạng dd/mm/yyyy.")
        else:
            try:
                services.assess(request.user, area, criterion, assessed_on=day, met=request.POST.get("dat") == "1",
                                note=request.POST.get("ghi_chu", ""), files=request.FILES.getlist("tep"))
            except (ValidationError, PermissionDenied) as error:
                fail(request, error)
            else:
                messages.success(request, f"Đã ghi đánh giá tiêu chí {criterion.number}.")
                return redirect("ntm_commune", pk=area.pk)
    criteria = []
    if status.rules:
        latest = {}
        for a in (Assessment.objects.filter(area=area, criterion__criteria_set=status.rules.criteria_set)
                  .select_related("criterion", "created_by").prefetch_related("files").order_by("assessed_on", "pk")):
            latest[a.criterion_id] = a
        for c in status.rules.criteria_set.criteria.filter(parent=None).order_by("position"):
            criteria.append({"criterion": c, "met": c.pk in status.met_ids, "latest": latest.get(c.pk)})
    history = [{"area": a, "reached": [(Level(lvl).label, day) for lvl, day in sorted(book.reached(a, today).items())]}
               for a in [area, *predecessors]]
    return render(request, "ntm/commune.html", {
        "area": area, "status": status, "criteria": criteria, "history": history, "today": today,
        "may_assess": policy.may_assess(Scope.of(request.user), area),
        "assessments": Assessment.objects.filter(area=area).select_related("criterion", "criterion__criteria_set")
        .order_by("-assessed_on", "-pk")[:50]})


def evidence(request, pk):
    f = get_object_or_404(EvidenceFile.objects.select_related("assessment__area"), pk=pk)
    _commune(request, f.assessment.area_id)
    audit(Action.DOWNLOAD, request, target=f"minh chứng nông thôn mới {f.assessment.area}", detail=f.name)
    return FileResponse(f.file.open("rb"), as_attachment=True, filename=f.name)
