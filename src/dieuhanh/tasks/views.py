"""Task pages. Thin: load through a scoped queryset, call one service, redirect or render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from dieuhanh.audit.exports import download
from dieuhanh.audit.log import record as audit
from dieuhanh.audit.models import Action
from dieuhanh.core import generation, params
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.dates import parse_day
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.core.paging import first_windows, paginate
from dieuhanh.discussion import files as talk_files
from dieuhanh.discussion import queries as talk
from dieuhanh.org.queries import Scope, active_on

from . import discussion, exports, policy, services
from .forms import (
    STATUS_CHOICES,
    CompletionForm,
    EditTaskForm,
    ExtensionForm,
    ProgressForm,
    ReasonForm,
    StandaloneTaskForm,
    TaskDraftFormSet,
)
from .models import Coordination, Decision, Evidence, Extension, Task
from .queries import TaskFilter, inbox_sections, visible_tasks, with_list_relations
from .status import Group
from .timeline import timeline


def _filter_from(request, scope: Scope) -> TaskFilter:
    g = request.GET
    readable = scope.readable_units()

    def unit(param):
        pk = params.key(g.get(param))
        return readable.filter(pk=pk).first() if pk else None

    document_id = params.key(g.get("van_ban"))
    return TaskFilter(
        q=g.get("q", "")[:200], unit=unit("don_vi"), status=g.get("trang_thai", ""), group=g.get("nhom", ""),
        due_from=parse_day(g.get("han_tu", "")), due_to=parse_day(g.get("han_den", "")),
        document_id=document_id, assigned_by=unit("don_vi_giao"), key_only=g.get("trong_tam") == "1",
        stale_only=g.get("chua_cap_nhat") == "1", lead_only=g.get("vai_tro") == "chu_tri",
        lead=unit("chu_tri"), mine=g.get("cua_toi", "") if g.get("cua_toi") in {"chu_tri", "lam", "giao"} else "",
        open_only=g.get("dang_thuc_hien") == "1", unacknowledged=g.get("chua_tiep_nhan") == "1",
        issued_to=parse_day(g.get("giao_den", "")), returned_only=g.get("bi_tra_lai") == "1",
        programme_id=params.key(g.get("chuong_trinh")),
    )


def task_list(request):
    scope = Scope.of(request.user)
    today = vn_today()
    flt = _filter_from(request, scope)
    tasks = flt.apply(flt.visible_to(request.user), today, request.user).order_by("due_on", "id")
    if request.GET.get("xuat") == "xlsx":
        described = flt.describe()
        title = f"Danh sách nhiệm vụ{' — ' + described if described else ''} — ngày {today:%d/%m/%Y}"
        return download(request, exports.task_sheet(tasks, today, title), f"nhiem-vu-{today:%Y%m%d}.xlsx",
                        target="danh sách nhiệm vụ", detail=described)
    printing = request.GET.get("in") == "1"  # the whole list (up to PRINT_ROWS) on A4, printed at once
    page = paginate(request, with_list_relations(tasks), per_page=PRINT_ROWS if printing else 25)
    context = {"page": page, "filter": flt, "today": today, "status_choices": STATUS_CHOICES,
               "group_choices": Group.choices, "print_now": printing}
    template = "tasks/_task_rows.html" if request.htmx and request.htmx.target == "task-results" else "tasks/task_list.html"
    return render(request, template, context)


PRINT_ROWS = 1000
INBOX_CAP = 1000  # an inbox section counts up to this, then says "hơn 1.000"


def inbox(request):
    today = vn_today()

    def build() -> str:
        sections = inbox_sections(request.user, today)
        lists = [with_list_relations(s.filter.apply(s.filter.visible_to(request.user), today, request.user))
                 .order_by("due_on", "id") for s in sections]
        blocks = [{"key": section.key, "title": section.title, "count": min(count, INBOX_CAP),
                   "capped": count > INBOX_CAP, "items": items,
                   "link": f"{reverse('task_list')}?{section.filter.query()}"}
                  for section, (items, count) in zip(sections, first_windows(lists, 10, cap=INBOX_CAP), strict=True)]
        return render_to_string("tasks/_inbox_blocks.html", {"blocks": blocks, "today": today})

    # As of the data's generation: any change to tasks, units or memberships computes the sections again,
    # so a count never lags behind the list its link opens. Kept as the HTML they render to: a page of
    # forty rows is smaller and quicker to keep than the rows.
    blocks = generation.cached(f"inbox-html:{request.user.pk}:{today}", build)
    own = Scope.of(request.user).memberships
    return render(request, "tasks/inbox.html", {"blocks": mark_safe(blocks), "today": today, "own": own})


def _task_or_404(request, pk) -> Task:
    return get_object_or_404(visible_tasks(request.user).select_related("lead", "assigned_by", "document", "parent",
                                                                        "series"), pk=pk)


def task_detail(request, pk):
    task = _task_or_404(request, pk)
    coordinations = list(Coordination.objects.filter(task=task).select_related("unit"))
    actions = policy.available_actions(request.user, task)
    # Only the children (and occurrences) this user may open: a coordinator of the parent does not see a
    # delegated child's content, lead or progress unless that child involves them too.
    visible = visible_tasks(request.user)
    children = with_list_relations(visible.filter(parent=task)).order_by("due_on", "id")
    occurrences = visible.filter(series=task).order_by("-period_key")[:12] if task.is_series else []
    context = {
        "task": task, "today": vn_today(), "coordinations": coordinations, "actions": actions,
        "children": children, "occurrences": occurrences,
        "timeline": timeline(task), "discussion": talk.page_thread(
            discussion.place(task), request.user, reverse("task_comment", args=[task.pk]), "comment" in actions),
        "pending_extension": task.extensions.filter(decision=Decision.PENDING).first(),
        "progress_form": ProgressForm(), "completion_form": CompletionForm(), "reason_form": ReasonForm(),
        "extension_form": ExtensionForm(),
        # The edit and delegate forms list every unit of the tree (thousands of options): they are loaded
        # when their section is opened (GET on their own URL), not with every view of the task.
    }
    return render(request, "tasks/task_detail.html", context)


def _act(request, pk, action, success: str):
    """Run one service for a task the user can see; report the outcome as a message."""
    task = _task_or_404(request, pk)
    try:
        action(task)
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, success)
    return redirect("task_detail", pk=task.pk)


def _version(request):
    return request.POST.get("version") or None


@require_POST
def report(request, pk):
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, pk, form)
    d = form.cleaned_data
    files = [d["file"]] if d.get("file") else []
    return _act(request, pk, lambda t: services.report_progress(
        request.user, t, percent=d["percent"], text=d["text"], files=files, expected_version=_version(request)),
        "Đã gửi báo cáo tiến độ.")


@require_POST
def request_completion(request, pk):
    form = CompletionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, pk, form)
    d = form.cleaned_data
    files = [d["file"]] if d.get("file") else []
    return _act(request, pk, lambda t: services.request_completion(
        request.user, t, note=d["note"], files=files, expected_version=_version(request)),
        "Đã gửi đề nghị hoàn thành. Chờ đơn vị giao nghiệm thu.")


@require_POST
def acknowledge(request, pk):
    return _act(request, pk, lambda t: services.acknowledge(request.user, t), "Đã xác nhận tiếp nhận nhiệm vụ.")


@require_POST
def accept(request, pk):
    return _act(request, pk, lambda t: services.accept_completion(
        request.user, t, note=request.POST.get("note", ""), expected_version=_version(request)),
        "Đã nghiệm thu: nhiệm vụ hoàn thành.")


@require_POST
def comment(request, pk):
    return _act(request, pk, lambda t: services.comment(
        request.user, t, request.POST.get("text", ""), request.FILES.getlist("files"), request.POST.getlist("units")),
        "Đã gửi ý kiến trao đổi.")


@require_POST
def edit_comment(request, pk, comment_pk):
    return _act(request, pk, lambda t: services.edit_comment(request.user, t, comment_pk, request.POST.get("text", "")),
                "Đã sửa ý kiến.")


def comment_file(request, pk, file_pk):
    return talk_files.download(request, _task_or_404(request, pk), file_pk, f"nhiệm vụ #{pk}")


def _with_reason(request, pk, service, success):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _invalid(request, pk, form)
    reason = form.cleaned_data["reason"]
    return _act(request, pk, lambda t: service(request.user, t, reason=reason, expected_version=_version(request)),
                success)


@require_POST
def return_completion(request, pk):
    return _with_reason(request, pk, services.return_completion, "Đã trả lại đề nghị hoàn thành.")


@require_POST
def pause(request, pk):
    return _with_reason(request, pk, services.pause, "Đã tạm dừng nhiệm vụ.")


@require_POST
def cancel(request, pk):
    return _with_reason(request, pk, services.cancel, "Đã dừng thực hiện nhiệm vụ.")


@require_POST
def resume(request, pk):
    return _act(request, pk, lambda t: services.resume(request.user, t, expected_version=_version(request)),
                "Nhiệm vụ tiếp tục thực hiện.")


@require_POST
def request_extension(request, pk):
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, pk, form)
    d = form.cleaned_data
    return _act(request, pk, lambda t: services.request_extension(
        request.user, t, new_deadline=d["new_deadline"], reason=d["reason"], expected_version=_version(request)),
        "Đã gửi đề nghị gia hạn.")


@require_POST
def decide_extension(request, pk, extension_pk):
    task = _task_or_404(request, pk)
    extension = get_object_or_404(Extension, pk=extension_pk, task=task)
    approve = request.POST.get("decision") == "approve"
    note = request.POST.get("note", "")
    return _act(request, pk, lambda t: services.decide_extension(request.user, extension, approve=approve, note=note),
                "Đã đồng ý gia hạn." if approve else "Đã không đồng ý gia hạn.")


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    task = _task_or_404(request, pk)
    units = active_on(Scope.of(request.user).readable_units().filter(root_id=task.tree_id), vn_today())
    if request.method == "GET":  # htmx: the form, when its section is opened
        if not policy.can(request.user, "edit", task):
            raise Refused("Bạn không thể sửa nhiệm vụ này.")
        coordinating = list(Coordination.objects.filter(task=task).values_list("unit_id", flat=True))
        form = EditTaskForm(units=units, initial={
            "content": task.content, "deadline": task.deadline, "is_key": task.is_key, "version": task.version,
            "remind_days_before": task.remind_days_before, "coordinators": coordinating})
        return render(request, "tasks/_edit_form.html", {"task": task, "edit_form": form})
    form = EditTaskForm(request.POST, units=units)
    if not form.is_valid():
        return _invalid(request, pk, form)
    d = form.cleaned_data
    return _act(request, pk, lambda t: services.edit_task(
        request.user, t, expected_version=d["version"], content=d["content"], deadline=d["deadline"],
        is_key=d["is_key"], coordinators=list(d["coordinators"]), remind_days_before=d["remind_days_before"]),
        "Đã cập nhật nhiệm vụ.")


@require_http_methods(["GET", "POST"])
def delegate(request, pk):
    task = _task_or_404(request, pk)
    units = active_on(task.lead.subtree().exclude(pk=task.lead_id), vn_today())
    pool = f"duoi:{task.lead_id}"  # the pickers search below the lead only
    if request.method == "GET":  # htmx: the form, when its section is opened
        if not policy.can(request.user, "delegate", task):
            raise Refused("Bạn không thể giao nhiệm vụ con cho nhiệm vụ này.")
        return render(request, "tasks/_delegate_form.html",
                      {"task": task, "delegate_formset": TaskDraftFormSet(prefix="con", units=units, pool=pool)})
    formset = TaskDraftFormSet(request.POST, prefix="con", units=units, pool=pool)
    if not formset.is_valid():
        return _invalid(request, pk, formset)
    drafts = [f.draft() for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    return _act(request, pk, lambda t: services.delegate(request.user, t, drafts), "Đã giao nhiệm vụ cho đơn vị cấp dưới.")


def _invalid(request, pk, form):
    """Show a form's (or formset's) errors as messages on the task page."""
    if isinstance(form.errors, list):  # a formset: one dict per row, plus its own errors
        texts = [t for row in form.errors for errs in row.values() for t in errs] + list(form.non_form_errors())
    else:
        texts = [t for errs in form.errors.values() for t in errs]
    for text in texts:
        messages.error(request, text)
    return redirect("task_detail", pk=_task_or_404(request, pk).pk)


def task_create(request):
    scope = Scope.of(request.user)
    deciding = scope.deciding_units()
    if not deciding.exists():
        raise Refused("Bạn không có quyền giao nhiệm vụ.")
    units = active_on(scope.readable_units(), vn_today())  # open work goes to units working today
    form = StandaloneTaskForm(request.POST or None, units=units, deciding=active_on(deciding, vn_today()),
                              initial={"issued_on": vn_today()})
    if request.method == "POST" and form.is_valid():
        try:
            [task] = services.assign_tasks(request.user, assigned_by=form.cleaned_data["assigned_by"],
                                           drafts=[form.draft()], issued_on=form.cleaned_data["issued_on"])
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, "Đã giao nhiệm vụ.")
            return redirect("task_detail", pk=task.pk)
    return render(request, "tasks/task_form.html", {"form": form})


def draft_row(request):
    """htmx: one more empty task row for the document form."""
    index = params.number(request.GET.get("index"), default=-1, low=-1, high=500)
    if index < 0:
        raise Http404
    prefix = request.GET.get("prefix", "nv")
    if prefix not in {"nv", "con"}:
        raise Http404
    formset = TaskDraftFormSet(prefix=prefix, units=active_on(Scope.of(request.user).readable_units(), vn_today()))
    form = formset.empty_form
    form.prefix = f"{prefix}-{index}"
    return render(request, "tasks/_draft_row.html", {"form": form, "index": index})



def evidence(request, pk, evidence_pk):
    task = _task_or_404(request, pk)
    item = get_object_or_404(Evidence.objects.filter(Q(report__task=task) | Q(completion__task=task)), pk=evidence_pk)
    audit(Action.DOWNLOAD, request, target=f"nhiệm vụ #{task.pk}", detail=item.name)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type)
