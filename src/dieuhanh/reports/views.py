"""Báo cáo: ask for a report, watch its job, download it and earlier versions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dieuhanh.audit.log import record as audit
from dieuhanh.audit.models import Action
from dieuhanh.core import params
from dieuhanh.core.calendar import today
from dieuhanh.core.feedback import fail
from dieuhanh.core.periods import choices, latest_report
from dieuhanh.org.models import Position, Unit
from dieuhanh.org.queries import Scope, current_positions
from dieuhanh.org.selection import chosen_unit

from . import services
from .models import ReportRun


def _runs(scope: Scope):
    return ReportRun.objects.filter(unit__in=scope.readable_units()).select_related("unit", "requested_by")


def report_index(request):
    scope = Scope.of(request.user)
    unit = chosen_unit(request, scope)
    this_year = today().year
    return render(request, "reports/index.html", {
        "unit": unit, "children": unit.children.filter(active_to=None).order_by("name")[:300],
        "period": request.GET.get("ky") or latest_report(today()).key, "formats": ReportRun.Format.choices,
        "periods": choices(this_year) + choices(this_year - 1), "addressees": unit.ancestors()[::-1],
        "signers": current_positions(unit), "runs": _runs(scope).filter(unit=unit)[:30]})


@require_POST
def report_request(request):
    scope = Scope.of(request.user)
    unit = chosen_unit(request, scope)
    try:
        run = services.request_report(
            request.user, unit, request.POST.get("ky", ""), request.POST.get("dinh_dang", ""),
            addressee=Unit.objects.filter(pk=params.key(request.POST.get("kinh_gui") or "") or 0).first(),
            signer=Position.objects.filter(pk=params.key(request.POST.get("nguoi_ky") or "") or 0).first())
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, f"Đang lập báo cáo {run.get_format_display()} kỳ {run.period}; "
                                  "trang tự cập nhật khi xong.")
    return redirect(f"/bao-cao/?don_vi={unit.pk}")


def report_status(request, pk):
    run = get_object_or_404(_runs(Scope.of(request.user)), pk=pk)
    return render(request, "reports/_run.html", {"run": run})


def report_file(request, pk):
    run = get_object_or_404(_runs(Scope.of(request.user)), pk=pk)
    if run.state != ReportRun.State.DONE:
        raise Http404("Báo cáo chưa lập xong.")
    audit(Action.DOWNLOAD, request, target=f"báo cáo {run.unit.name} kỳ {run.period}", detail=run.format)
    return FileResponse(run.file.open("rb"), as_attachment=True, filename=run.file.name.rsplit("/", 1)[-1])
