"""Programme pages: the list, and one programme's progress, ranking, indicators and commendations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dieuhanh.audit.exports import download
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.feedback import fail
from dieuhanh.core.paging import paginate
from dieuhanh.dashboard.tally import COUNTED
from dieuhanh.documents import paper
from dieuhanh.tasks.status import CSS_OF

from . import queries, report, services
from .models import Commendation
from .policy import commendation_policy, policy


def programme_list(request):
    programmes = queries.visible_programmes(request.user).select_related("lead")
    return render(request, "programmes/list.html", {"page": paginate(request, programmes, per_page=30)})


def programme_detail(request, pk):
    programme = get_object_or_404(queries.visible_programmes(request.user).select_related("lead", "document"), pk=pk)
    today = vn_today()
    progress = queries.progress(programme, request.user, today)
    base = reverse("task_list") + f"?chuong_trinh={programme.pk}"
    statuses = [{"label": s.label, "css": CSS_OF[s], "count": progress.total.counts[s],
                 "link": f"{base}&trang_thai={s.value}"} for s in COUNTED]
    commendations = list(programme.commendations.select_related("unit", "decided_by"))
    for c in commendations:
        c.programme = programme
        c.actions = commendation_policy.available_actions(request.user, c)
    may_propose = policy.can(request.user, "propose", programme)
    return render(request, "programmes/detail.html", {
        "programme": programme, "progress": progress, "statuses": statuses, "all_link": base,
        "commendations": commendations, "may_propose": may_propose,
        "left_out": [c for c in queries.candidates(programme, today, progress) if c.reasons] if may_propose else []})


def programme_report(request, pk):
    """The programme's report as DOCX or PDF, in the layout of the office's other reports."""
    programme = get_object_or_404(queries.visible_programmes(request.user).select_related("lead__area"), pk=pk)
    today = vn_today()
    made = report.as_paper(programme, queries.progress(programme, request.user, today),
                           list(programme.commendations.select_related("unit")), today)
    kind = paper.format_asked(request)
    return download(request, paper.write(made, kind), f"bao-cao-chuong-trinh-{programme.pk}.{kind}",
                    target=f"báo cáo chương trình {programme.pk}", detail=programme.name)


@require_POST
def propose(request, pk):
    programme = get_object_or_404(queries.visible_programmes(request.user), pk=pk)
    try:
        made = services.propose_commendations(request.user, programme, vn_today())
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, f"Đã lập {len(made)} đề nghị khen thưởng theo tiêu chí của chương trình.")
    return redirect("programme_detail", pk=programme.pk)


@require_POST
def decide(request, pk, commendation_pk):
    programme = get_object_or_404(queries.visible_programmes(request.user), pk=pk)
    commendation = get_object_or_404(Commendation, pk=commendation_pk, programme=programme)
    try:
        services.decide(request.user, commendation, accept=request.POST.get("quyet_dinh") == "khen",
                        note=request.POST.get("ghi_chu", ""))
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, "Đã ghi quyết định khen thưởng.")
    return redirect("programme_detail", pk=programme.pk)
