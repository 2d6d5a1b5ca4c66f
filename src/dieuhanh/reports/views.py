"""Báo cáo: ask for a report, watch its job, download it and earlier versions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dieuhanh.audit.exports import download
from dieuhanh.audit.log import record as audit
from dieuhanh.audit.models import Action
from dieuhanh.core import params
from dieuhanh.core.calendar import today
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.core.periods import choices, latest_report
from dieuhanh.documents import paper
from dieuhanh.documents.queries import visible_documents
from dieuhanh.meetings.queries import visible_meetings
from dieuhanh.org.models import Position, Unit
from dieuhanh.org.queries import Scope, current_positions
from dieuhanh.org.selection import chosen_unit
from dieuhanh.petitions.queries import visible_petitions
from dieuhanh.tasks.queries import visible_tasks

from . import policy, services, thematic
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


def _parties(data) -> tuple[Unit | None, Position | None]:
    """The addressee ("kinh_gui") and the signer ("nguoi_ky") asked for; a value that is no key names nobody."""
    return (Unit.objects.filter(pk=params.key(data.get("kinh_gui") or "") or 0).first(),
            Position.objects.filter(pk=params.key(data.get("nguoi_ky") or "") or 0).select_related("person").first())


@require_POST
def report_request(request):
    scope = Scope.of(request.user)
    unit = chosen_unit(request, scope)
    addressee, signer = _parties(request.POST)
    try:
        run = services.request_report(
            request.user, unit, request.POST.get("ky", ""), request.POST.get("dinh_dang", ""),
            addressee=addressee, signer=signer)
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


def _thematic(request, topic, back: str, name: str):
    """The form (reporting unit, addressee, signer) and, asked with ?dinh_dang=docx|pdf, the paper itself —
    built at once: one document's tasks are tens to hundreds of rows."""
    scope = Scope.of(request.user)
    unit = chosen_unit(request, scope)
    if "dinh_dang" not in request.GET:
        return render(request, "reports/thematic.html", {
            "topic": topic, "unit": unit, "back": back,
            "units": list({u.pk: u for u in [*(m.unit for m in scope.memberships), unit]}.values()),
            "addressees": unit.ancestors()[::-1], "signers": current_positions(unit)})
    addressee, signer = _parties(request.GET)
    try:
        if not policy.may_request(scope, unit):
            raise Refused("Bạn không có quyền lập báo cáo của đơn vị này.")
        services.check_parties(unit, addressee, signer)
        report = thematic.build(topic, visible_tasks(request.user), visible_petitions(request.user), unit, today())
        report.addressee, report.signer = addressee, signer
        kind = paper.format_asked(request)
        data = paper.write(thematic.as_paper(report), kind)
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
        return redirect(request.path + f"?don_vi={unit.pk}")
    return download(request, data, f"bao-cao-chuyen-de-{name}.{kind}", target=f"báo cáo chuyên đề {topic.name}",
                    detail=unit.name)


def thematic_document(request, pk):
    document = get_object_or_404(visible_documents(request.user).select_related("issuer"), pk=pk)
    return _thematic(request, thematic.of_document(document), reverse("document_detail", args=[pk]),
                     f"van-ban-{pk}")


def thematic_meeting(request, pk):
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    return _thematic(request, thematic.of_meeting(meeting), reverse("meeting_detail", args=[pk]), f"cuoc-hop-{pk}")
