"""Meeting pages: the list, recording one, and one meeting with everything that came out of it —
opinions, petitions and their answers, conclusions and how far their tasks have gone."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dieuhanh.core import params
from dieuhanh.core.calendar import VN_TZ
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.core.fulltext import matching_words
from dieuhanh.core.paging import paginate
from dieuhanh.documents.queries import visible_documents
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope
from dieuhanh.petitions import rules as petition_rules
from dieuhanh.petitions import services as petition_services
from dieuhanh.petitions.views import record_form
from dieuhanh.tasks.queries import visible_tasks, with_list_relations

from . import policy, services
from .forms import MeetingForm, OpinionForm
from .models import Meeting
from .queries import visible_meetings


def meeting_list(request):
    meetings = visible_meetings(request.user).select_related("host_unit")
    meetings = matching_words(meetings, request.GET.get("q", ""))
    if request.GET.get("hinh_thuc") in Meeting.Kind.values:
        meetings = meetings.filter(kind=request.GET["hinh_thuc"])
    page = paginate(request, meetings.order_by("-starts_at", "-id"))
    return render(request, "meetings/list.html", {
        "page": page, "kinds": Meeting.Kind.choices, "may_create": policy.hosting_units(request.user).exists()})


def meeting_create(request):
    scope = Scope.of(request.user)
    hosts = policy.hosting_units(request.user)
    if not hosts.exists():
        raise Refused("Bạn không có quyền ghi nhận cuộc họp.")
    form = MeetingForm(request.POST or None, hosts=hosts, units=scope.readable_units().filter(active_to=None))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        starts_at = d["starts_at"] if timezone.is_aware(d["starts_at"]) else d["starts_at"].replace(tzinfo=VN_TZ)
        try:
            meeting = services.create_meeting(
                request.user, kind=d["kind"], title=d["title"], starts_at=starts_at, host_unit=d["host_unit"],
                place=d["place"], chairs=d["chairs"], attendees=d["attendees"], agenda=d["agenda"],
                attending_units=list(d["attending_units"]))
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, "Đã ghi nhận cuộc họp.")
            return redirect("meeting_detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form})


def _meeting_or_404(request, pk) -> Meeting:
    return get_object_or_404(visible_meetings(request.user).select_related("host_unit"), pk=pk)


def meeting_detail(request, pk):
    meeting = _meeting_or_404(request, pk)
    scope = Scope.of(request.user)
    today = vn_today()
    conclusions = list(meeting.conclusions.select_related("issuer"))
    tasks = list(with_list_relations(visible_tasks(request.user).filter(document__in=conclusions, series=None))
                 .order_by("document_id", "id"))
    progress = Counter(t.status_on(today).label for t in tasks)
    petitions = list(meeting.petitions.select_related("responsible_unit").order_by("id"))
    for p in petitions:
        p.late = petition_rules.days_late(p, today) if petition_rules.is_overdue(p, today) else 0
    may_write = scope.may_decide_for(meeting.host_unit)
    units = Unit.objects.filter(root_id=meeting.tree_id, active_to=None)
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "opinions": meeting.opinions.select_related("unit"), "petitions": petitions,
        "conclusions": conclusions, "tasks": tasks, "progress": sorted(progress.items()), "today": today,
        "may_write": may_write, "opinion_form": OpinionForm(units=units),
        "petition_form": record_form(request, meeting=meeting) if may_write else None,
        "documents": visible_documents(request.user).filter(issuer__root_id=meeting.tree_id)
        .exclude(pk__in=[d.pk for d in conclusions]).order_by("-issued_on")[:50] if may_write else [],
        "attending": meeting.attending_units.all(), "presented": meeting.presented.all(),
    })


@require_POST
def meeting_opinion(request, pk):
    meeting = _meeting_or_404(request, pk)
    form = OpinionForm(request.POST, units=Unit.objects.filter(root_id=meeting.tree_id))
    if not form.is_valid():
        fail(request, ValidationError("Ý kiến cần người phát biểu và ý chính."))
    else:
        try:
            services.add_opinion(request.user, meeting, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, "Đã thêm ý kiến.")
    return redirect("meeting_detail", pk=meeting.pk)


@require_POST
def meeting_petition(request, pk):
    meeting = _meeting_or_404(request, pk)
    form = record_form(request, request.POST, meeting=meeting)
    if not form.is_valid():
        errors = [f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}".strip(": ")
                  for k, v in form.errors.items()]
        fail(request, ValidationError(errors))
    else:
        try:
            petition = petition_services.record(request.user, form.to_input(meeting=meeting))
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, f"Đã ghi nhận kiến nghị {petition.code}.")
    return redirect("meeting_detail", pk=meeting.pk)


@require_POST
def meeting_conclusion(request, pk):
    meeting = _meeting_or_404(request, pk)
    document = visible_documents(request.user).filter(pk=params.key(request.POST.get("document"))).first()
    if document is None:
        fail(request, ValidationError("Hãy chọn văn bản kết luận."))
    else:
        try:
            presented = request.POST.get("role") == "presented"
            services.link_document(request.user, meeting, document, presented=presented)
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, f"Đã gắn {'tài liệu' if presented else 'kết luận'} {document.symbol}.")
    return redirect("meeting_detail", pk=meeting.pk)
