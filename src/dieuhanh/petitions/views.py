"""Staff pages for petitions: list, record, one petition with the actions its status allows, statistics.
Thin: load through the scoped queryset, call one service, redirect with a message or render."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dieuhanh.audit.exports import download
from dieuhanh.audit.log import record as audit
from dieuhanh.audit.models import Action
from dieuhanh.core import params
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.dates import parse_day
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.core.paging import paginate
from dieuhanh.discussion import files as talk_files
from dieuhanh.discussion import queries as talk
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope

from . import discussion, exports, policy, queries, rules, services
from .forms import AnswerForm, RecordForm, TransferForm
from .models import AnswerFile, Field, Petition

S = Petition.Status


def record_form(request, data=None, meeting=None) -> RecordForm:
    scope = Scope.of(request.user)
    receivers = scope.deciding_units().filter(active_to=None)
    if meeting is not None:
        receivers = receivers.filter(pk=meeting.host_unit_id)
    initial = {"source": Petition.Source.MEETING, "receiving_unit": meeting.host_unit_id} if meeting else {}
    return RecordForm(data, initial=initial, receivers=receivers, areas=queries.communes_of_trees(receivers),
                      units=scope.readable_units().filter(active_to=None))


def petition_list(request):
    g = request.GET
    petitions = queries.matching(queries.visible_petitions(request.user), g.get("q", ""))
    today = vn_today()
    if g.get("trang_thai") in S.values:
        petitions = petitions.filter(status=g["trang_thai"])
    if g.get("qua_han"):
        petitions = queries.overdue(petitions, today)
    if g.get("linh_vuc"):
        petitions = petitions.filter(field_id=params.key(g["linh_vuc"])) if params.key(g["linh_vuc"]) else petitions.none()
    if g.get("don_vi"):
        unit = Unit.objects.filter(pk=params.key(g["don_vi"])).first() if params.key(g["don_vi"]) else None
        if unit is None:
            petitions = petitions.none()
        elif g.get("cap_duoi"):  # the unit and the units below it
            petitions = petitions.filter(responsible_unit__path__startswith=unit.path)
        else:
            petitions = petitions.filter(responsible_unit=unit)
    for param, lookup in (("tu", "received_on__gte"), ("den", "received_on__lte"), ("tl_tu", "answered_on__gte"),
                          ("tl_den", "answered_on__lte")):
        day = parse_day(g.get(param, ""))
        if day:
            petitions = petitions.filter(**{lookup: day})
    if g.get("nguon") in Petition.Source.values:
        petitions = petitions.filter(source=g["nguon"])
    petitions = petitions.select_related("responsible_unit", "field").order_by("-received_on", "-id")
    if g.get("xuat") == "xlsx":  # the list as filtered; no citizen's contact details leave this way
        return download(request, exports.petition_sheet(petitions, today), f"kien-nghi-{today:%Y%m%d}.xlsx",
                        target="danh sách kiến nghị", detail=g.urlencode())
    page = paginate(request, petitions)
    for p in page.items:
        p.late = rules.days_late(p, today) if rules.is_overdue(p, today) else 0
    return render(request, "petitions/list.html", {
        "page": page, "statuses": S.choices, "fields": Field.objects.all(), "sources": Petition.Source.choices,
        "may_record": Scope.of(request.user).deciding_units().exists()})


def petition_create(request):
    form = record_form(request, request.POST or None)
    if not form.fields["receiving_unit"].queryset.exists():
        raise Refused("Bạn không có quyền tiếp nhận kiến nghị.")
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.record(request.user, form.to_input())
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, f"Đã tiếp nhận kiến nghị {petition.code}.")
            return redirect("petition_detail", pk=petition.pk)
    return render(request, "petitions/form.html", {"form": form})


def _petition_or_404(request, pk) -> Petition:
    return get_object_or_404(queries.visible_petitions(request.user).select_related(
        "receiving_unit", "responsible_unit", "field", "area", "meeting", "document", "duplicate_of",
        "reopened_from"), pk=pk)


def petition_detail(request, pk):
    petition = _petition_or_404(request, pk)
    today = vn_today()
    actions = policy.available_actions(request.user, petition)
    units = Unit.objects.filter(root_id=petition.tree_id, active_to=None) if petition.tree_id else Unit.objects.none()
    return render(request, "petitions/detail.html", {
        "p": petition, "actions": actions,
        "see_citizen": queries.may_see_citizen(request.user),
        "overdue": rules.is_overdue(petition, today), "days_late": rules.days_late(petition, today),
        "answers": petition.answers.select_related("unit", "author", "sent_by").prefetch_related("files"),
        "transfers": petition.transfers.select_related("from_unit", "to_unit", "by"),
        "follow_ups": petition.follow_ups.select_related("by"), "reopenings": petition.reopenings.all(),
        "duplicates": petition.duplicates.all(),
        "answer_form": AnswerForm(), "transfer_form": TransferForm(units=units),
        "urgencies": Petition.Urgency.choices,
        "discussion": talk.page_thread(discussion.place(petition), request.user,
                                       reverse("petition_comment", args=[petition.pk]), "comment" in actions),
    })


def _act(request, pk, operation, success: str):
    petition = _petition_or_404(request, pk)
    try:
        operation(petition)
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, success)
    return redirect("petition_detail", pk=petition.pk)


@require_POST
def petition_accept(request, pk):
    urgency = request.POST.get("urgency") if request.POST.get("urgency") in Petition.Urgency.values else None
    return _act(request, pk, lambda p: services.accept(request.user, p, urgency), "Đã tiếp nhận kiến nghị.")


@require_POST
def petition_transfer(request, pk):
    def go(petition):
        form = TransferForm(request.POST, units=Unit.objects.filter(active_to=None))
        if not form.is_valid():
            raise ValidationError("Hãy chọn đơn vị nhận.")
        services.transfer(request.user, petition, form.cleaned_data["unit"], form.cleaned_data["reason"])
    return _act(request, pk, go, "Đã chuyển kiến nghị.")


@require_POST
def petition_start(request, pk):
    return _act(request, pk, lambda p: services.start(request.user, p), "Đơn vị đã nhận xử lý.")


@require_POST
def petition_answer(request, pk):
    def go(petition):
        form = AnswerForm(request.POST, request.FILES)
        if not form.is_valid():
            raise ValidationError("Hãy nhập nội dung trả lời.")
        services.answer(request.user, petition, form.cleaned_data["text"], form.cleaned_data["resolved"],
                        files=request.FILES.getlist("files"))
    return _act(request, pk, go, "Đã trả lời kiến nghị.")


@require_POST
def petition_refuse(request, pk):
    return _act(request, pk, lambda p: services.refuse(request.user, p, request.POST.get("reason", "")),
                "Đã từ chối kiến nghị.")


@require_POST
def petition_send(request, pk):
    return _act(request, pk, lambda p: services.send_answer(request.user, p, request.POST.get("via", "")),
                "Đã ghi nhận việc gửi câu trả lời cho người kiến nghị.")


@require_POST
def petition_follow_up(request, pk):
    def go(petition):
        again = services.follow_up(request.user, petition, request.POST.get("satisfied") == "1",
                                   request.POST.get("text", ""))
        if again:
            messages.info(request, f"Đã mở lại thành kiến nghị {again.code}.")
    return _act(request, pk, go, "Đã ghi nhận ý kiến của người kiến nghị.")


@require_POST
def petition_merge(request, pk):
    def go(petition):
        code = request.POST.get("into", "").strip().upper()
        into = queries.visible_petitions(request.user).filter(code=code).first()
        if into is None:
            raise ValidationError(f"Không tìm thấy kiến nghị có mã “{code}”.")
        services.merge(request.user, petition, into)
    return _act(request, pk, go, "Đã gộp kiến nghị trùng.")


@require_POST
def petition_close(request, pk):
    return _act(request, pk, lambda p: services.close(request.user, p), "Đã đóng kiến nghị.")


@require_POST
def petition_publish(request, pk):
    public = request.POST.get("public") == "1"
    return _act(request, pk, lambda p: services.set_public(request.user, p, public, request.POST.get("reason", "")),
                "Đã duyệt công khai câu trả lời." if public else "Đã ghi nhận: không công khai câu trả lời.")


@require_POST
def petition_comment(request, pk):
    return _act(request, pk, lambda p: services.comment(
        request.user, p, request.POST.get("text", ""), request.FILES.getlist("files"), request.POST.getlist("units")),
        "Đã gửi ý kiến trao đổi.")


@require_POST
def petition_comment_edit(request, pk, comment_pk):
    return _act(request, pk, lambda p: services.edit_comment(request.user, p, comment_pk, request.POST.get("text", "")),
                "Đã sửa ý kiến.")


def petition_comment_file(request, pk, file_pk):
    return talk_files.download(request, _petition_or_404(request, pk), file_pk, f"kiến nghị #{pk}")


def answer_file(request, pk, file_pk):
    petition = _petition_or_404(request, pk)
    item = get_object_or_404(AnswerFile, pk=file_pk, answer__petition=petition)
    audit(Action.DOWNLOAD, request, target=f"kiến nghị #{petition.pk} (dữ liệu công dân)", detail=item.name)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type)


def _period(request) -> tuple[date | None, date | None, str]:
    year = request.GET.get("nam", "")
    if year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100:
        return date(int(year), 1, 1), date(int(year), 12, 31), year
    return None, None, ""


def petition_stats(request):
    petitions = queries.visible_petitions(request.user).filter(duplicate_of=None)
    start, end, year = _period(request)
    if start:
        petitions = petitions.filter(received_on__range=(start, end))
    today = vn_today()
    late = queries.overdue(petitions, today).select_related("responsible_unit").order_by("due_on", "id")[:200]
    for p in late:
        p.late = rules.days_late(p, today)
    return render(request, "petitions/stats.html", {
        "year": year, "total": petitions.count(),
        "by_status": queries.counts_by(petitions, "status", dict(S.choices)),
        "by_source": queries.counts_by(petitions, "source", dict(Petition.Source.choices)),
        "by_field": queries.counts_by(petitions, "field__name"),
        "by_unit": queries.counts_by(petitions, "responsible_unit__name"),
        "rates": queries.on_time_rates(petitions), "late": late,
        "years": range(today.year, today.year - 6, -1),
    })
