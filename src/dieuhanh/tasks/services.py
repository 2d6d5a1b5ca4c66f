"""Everything that changes tasks. Each operation is one transaction, checks the actor's role
and refuses bad input with a Vietnamese message before anything is written."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg
from django.utils import timezone

from dieuhanh.core import calendar, generation
from dieuhanh.core.errors import Refused, StaleEdit, checked_text
from dieuhanh.core.files import check_upload
from dieuhanh.core.history import by
from dieuhanh.core.text import clean, fold
from dieuhanh.discussion import services as talk
from dieuhanh.events.models import Kind
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope

from . import discussion, policy
from .events import task_event
from .models import CompletionRequest, Coordination, Decision, Evidence, Extension, ProgressReport, Task
from .periods import periods_between
from .status import PERIODIC, Recurrence, State

EVIDENCE_TYPES = (".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg")


@dataclass
class TaskDraft:
    """What a person asks for when assigning one task."""

    content: str
    lead: Unit
    coordinators: list[Unit] = field(default_factory=list)
    deadline: date | None = None
    working_days: int | None = None
    recurrence: str = ""
    is_key: bool = False
    starts_on: date | None = None  # a recurring task's first period; default: the day it is given


def _search_text(task: Task, lead: Unit, coordinators) -> str:
    """What the list's search box reads: the content, the units, and the document's symbol and number, which
    every row prints ("45-TB/TU", "1029")."""
    names = " ".join(u.name for u in [lead, *coordinators])
    symbol = task.document.symbol if task.document_id else ""
    return fold(f"{task.content} {names} {symbol}")


def _validate_draft(scope: Scope, assigned_by: Unit, draft: TaskDraft, issued_on: date, *, within: Unit | None = None):
    content = clean(draft.content)
    if not content:
        raise ValidationError("Nội dung nhiệm vụ không được để trống.")
    units = [draft.lead, *draft.coordinators]
    for unit in units:
        if unit.root_id != assigned_by.root_id or not scope.can_read_unit(unit):
            raise ValidationError(f"Đơn vị “{unit.name}” nằm ngoài phạm vi bạn được giao việc.")
        if within is not None and not unit.is_within(within):
            raise ValidationError(f"Đơn vị “{unit.name}” không trực thuộc “{within.name}”.")
        if not unit.is_active:
            raise ValidationError(f"Đơn vị “{unit.name}” đã ngừng hoạt động.")
    if draft.lead in draft.coordinators:
        raise ValidationError("Đơn vị chủ trì không đồng thời là đơn vị phối hợp.")
    recurrence = draft.recurrence or ""
    if recurrence not in Recurrence.values:
        raise ValidationError("Kiểu lặp lại không hợp lệ.")
    deadline = draft.deadline
    if draft.working_days is not None:
        if draft.working_days <= 0:
            raise ValidationError("Số ngày làm việc phải lớn hơn 0.")
        deadline = calendar.add_working_days(issued_on, draft.working_days)
    if deadline and deadline < issued_on:
        raise ValidationError(
            f"Thời hạn {deadline:%d/%m/%Y} không được trước ngày giao {issued_on:%d/%m/%Y}."
        )
    if not deadline and not recurrence:
        raise ValidationError("Nhiệm vụ cần có thời hạn, số ngày làm việc, hoặc là nhiệm vụ thường xuyên/định kỳ.")
    if draft.starts_on and draft.starts_on < issued_on:
        raise ValidationError(f"Kỳ đầu ({draft.starts_on:%d/%m/%Y}) không được trước ngày giao {issued_on:%d/%m/%Y}.")
    return content, deadline, recurrence


def _add_coordinator(task: Task, unit: Unit, actor):
    """A coordinating unit, carrying the task's state and effective deadline (mirrored by _save)."""
    by(Coordination(task=task, unit=unit, state=task.state, due_on=task.due_on), actor).save()


def _insert_task(actor, *, assigned_by, draft, content, deadline, recurrence, issued_on, document=None, parent=None):
    task = Task(
        content=content, document=document, assigned_by=assigned_by, lead=draft.lead, tree_id=assigned_by.root_id,
        issued_on=issued_on, deadline=deadline if recurrence not in PERIODIC else None,
        deadline_working_days=draft.working_days, recurrence=recurrence, parent=parent, is_key=draft.is_key,
        starts_on=draft.starts_on if recurrence in PERIODIC else None,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    task.due_on = calendar.effective_deadline(task.deadline) if task.deadline else None
    task.search_text = _search_text(task, draft.lead, draft.coordinators)
    by(task, actor).save()
    for unit in draft.coordinators:
        _add_coordinator(task, unit, actor)
    if recurrence in PERIODIC:
        ensure_occurrences(task, calendar.today(), actor=actor)
    return task


@transaction.atomic
def assign_tasks(actor, *, assigned_by: Unit, drafts: list[TaskDraft], issued_on: date, document=None,
                 event: str = Kind.ASSIGNED) -> list[Task]:
    """Create several tasks at once (all or none); `event` names the step for those told of it (a
    plain assignment, or a request for an explanation of an indicator)."""
    scope = Scope.of(actor)
    if not policy.may_assign_for(actor, assigned_by):
        raise Refused("Bạn không có quyền giao nhiệm vụ thay mặt đơn vị này.")
    if not drafts:
        raise ValidationError("Chưa có nhiệm vụ nào để giao.")
    checked = [_validate_draft(scope, assigned_by, d, issued_on) for d in drafts]
    tasks = [
        _insert_task(actor, assigned_by=assigned_by, draft=d, content=c, deadline=dl, recurrence=r,
                     issued_on=issued_on, document=document)
        for d, (c, dl, r) in zip(drafts, checked)
    ]
    for task in tasks:
        task_event(event, task, actor)
    return tasks


@transaction.atomic
def delegate(actor, parent: Task, drafts: list[TaskDraft]) -> list[Task]:
    """The lead unit splits its task into sub-tasks for its lower units."""
    scope = Scope.of(actor)
    parent = _locked(parent)
    policy.require(actor, "delegate", parent)
    issued_on = calendar.today()
    children = []
    for draft in drafts:
        content, deadline, recurrence = _validate_draft(scope, parent.lead, draft, issued_on, within=parent.lead)
        if draft.lead.pk == parent.lead_id:
            raise ValidationError("Nhiệm vụ con phải giao cho đơn vị cấp dưới.")
        if parent.deadline and deadline and deadline > parent.deadline:
            raise ValidationError("Thời hạn nhiệm vụ con không được sau thời hạn của nhiệm vụ cha.")
        children.append(_insert_task(
            actor, assigned_by=parent.lead, draft=draft, content=content, deadline=deadline, recurrence=recurrence,
            issued_on=issued_on, document=parent.document, parent=parent,
        ))
    for child in children:
        task_event(Kind.DELEGATED, child, actor)
    return children


def ensure_occurrences(series: Task, until: date, *, actor=None) -> int:
    """Create the missing occurrence of every period from the series' start to `until`."""
    if series.recurrence not in PERIODIC or series.state != State.OPEN:
        return 0
    existing = set(series.occurrences.values_list("period_key", flat=True))
    coordinators = list(series.coordinators.all())
    created = 0
    start = series.starts_on or series.issued_on
    for key, _first, last in periods_between(series.recurrence, start, until):
        if key in existing:
            continue
        occurrence = Task(
            content=f"{series.content} (kỳ {key})", document=series.document, assigned_by=series.assigned_by,
            lead=series.lead, tree=series.tree, issued_on=max(start, _first), deadline=last,
            due_on=calendar.effective_deadline(last), series=series, period_key=key, is_key=series.is_key,
            created_by=series.created_by, acknowledged_at=series.acknowledged_at, acknowledged_by=series.acknowledged_by,
        )
        occurrence.search_text = _search_text(occurrence, series.lead, coordinators)
        by(occurrence, actor).save()
        for unit in coordinators:
            _add_coordinator(occurrence, unit, actor)
        created += 1
    return created


def _locked(task: Task, expected_version: int | None = None) -> Task:
    fresh = Task.objects.select_for_update().select_related("lead", "assigned_by").get(pk=task.pk)
    if expected_version is not None and str(fresh.version) != str(expected_version).strip():
        raise StaleEdit()  # a changed record, or a tampered form: either way, reload and redo
    return fresh


def _save(task: Task, actor, fields: list[str]):
    # The row is locked by _locked(), so incrementing here cannot race.
    task.version += 1
    by(task, actor).save(update_fields=[*fields, "version", "updated_at"])
    if {"state", "due_on"} & set(fields):
        Coordination.objects.filter(task=task).update(state=task.state, due_on=task.due_on)


def _is_coordinator(task: Task, unit_ids) -> bool:
    return Coordination.objects.filter(task=task, unit_id__in=unit_ids).exists()


def _reporting_unit(scope: Scope, task: Task) -> Unit:
    """The unit a report speaks for: the lead when the user works there, else their coordinating unit
    (policy "report" has already allowed one of the two)."""
    if scope.may_work_for(task.lead):
        return task.lead
    return Coordination.objects.filter(task=task, unit_id__in=scope.work_unit_ids).select_related("unit").first().unit


def _attach(actor, files, **owner):
    checked = [check_upload(f, EVIDENCE_TYPES) for f in files or []]
    for c in checked:
        by(Evidence(file=c.upload, name=c.name, content_type=c.content_type, size=c.size, **owner), actor).save()


def _check_files(files):
    for f in files or []:
        check_upload(f, EVIDENCE_TYPES)


@transaction.atomic
def report_progress(actor, task: Task, *, percent: int, text: str, files=(), expected_version=None) -> ProgressReport:
    scope = Scope.of(actor)
    task = _locked(task, expected_version)
    policy.require(actor, "report", task)
    unit = _reporting_unit(scope, task)
    text = clean(text)
    if not text:
        raise ValidationError("Nội dung báo cáo không được để trống.")
    try:
        percent = int(percent)
    except (TypeError, ValueError):
        raise ValidationError("Tiến độ phải là số từ 0 đến 100.")
    if not 0 <= percent <= 100:
        raise ValidationError("Tiến độ phải là số từ 0 đến 100.")
    _check_files(files)
    today = calendar.today()
    report = by(ProgressReport(task=task, unit=unit, author=actor, percent=percent, text=text, reported_on=today), actor)
    report.save()
    _attach(actor, files, report=report)
    if unit.pk == task.lead_id:
        task.progress = percent
        task.last_report_on = today
        _save(task, actor, ["progress", "last_report_on", *_received(task, actor)])
        _roll_up(task, actor)
    task_event(Kind.PROGRESS, task, actor, f"{unit.name}: {percent}% — {text}")
    return report


def _roll_up(task: Task, actor):
    """A parent's progress is the plain average of its children's (the one rule, written once)."""
    parent = task.parent
    while parent is not None:
        avg = parent.children.exclude(state=State.CANCELLED).aggregate(a=Avg("progress"))["a"] or 0
        Task.objects.filter(pk=parent.pk).update(progress=round(avg))
        parent = parent.parent


@transaction.atomic
def request_completion(actor, task: Task, *, note: str, files=(), expected_version=None) -> CompletionRequest:
    task = _locked(task, expected_version)
    policy.require(actor, "request_completion", task)
    note = clean(note)
    if not note:
        raise ValidationError("Hãy nêu kết quả thực hiện khi đề nghị hoàn thành.")
    _check_files(files)
    today = calendar.today()
    request = by(CompletionRequest(task=task, requested_by=actor, requested_on=today, note=note), actor)
    request.save()
    _attach(actor, files, completion=request)
    task.state, task.requested_done_on, task.returned_at = State.AWAITING, today, None
    task.progress, task.last_report_on = 100, today
    _save(task, actor, ["state", "requested_done_on", "returned_at", "progress", "last_report_on", *_received(task, actor)])
    _roll_up(task, actor)
    task_event(Kind.COMPLETION_REQUESTED, task, actor, note)
    return request


def _pending_completion(task: Task) -> CompletionRequest:
    request = task.completion_requests.filter(decision=Decision.PENDING).first()
    if request is None:
        raise ValidationError("Nhiệm vụ không có đề nghị hoàn thành đang chờ nghiệm thu.")
    return request


@transaction.atomic
def accept_completion(actor, task: Task, *, note: str = "", expected_version=None) -> Task:
    """Nghiệm thu, with the assigner's remark when given (kept as the decision's note, told to the lead)."""
    task = _locked(task, expected_version)
    policy.require(actor, "accept", task)
    note = checked_text(note, "Ý kiến nghiệm thu", 2000, required=False)
    request = _pending_completion(task)
    request.decision, request.decided_by, request.decided_at, request.reason = (
        Decision.ACCEPTED, actor, timezone.now(), note)
    by(request, actor).save()
    # The completion date is the date of the report that confirmed it (STANDARDS §7).
    task.state, task.done_on = State.DONE, request.requested_on
    _save(task, actor, ["state", "done_on"])
    task_event(Kind.ACCEPTED, task, actor, note)
    return task


@transaction.atomic
def return_completion(actor, task: Task, *, reason: str, expected_version=None) -> Task:
    task = _locked(task, expected_version)
    policy.require(actor, "return", task)
    reason = clean(reason)
    if not reason:
        raise ValidationError("Hãy nêu lý do trả lại.")
    request = _pending_completion(task)
    request.decision, request.decided_by, request.decided_at, request.reason = (
        Decision.REFUSED, actor, timezone.now(), reason)
    by(request, actor).save()
    task.state, task.requested_done_on, task.returned_at, task.state_reason = State.OPEN, None, timezone.now(), reason
    _save(task, actor, ["state", "requested_done_on", "returned_at", "state_reason"])
    task_event(Kind.RETURNED, task, actor, reason)
    return task


@transaction.atomic
def request_extension(actor, task: Task, *, new_deadline: date, reason: str, expected_version=None) -> Extension:
    task = _locked(task, expected_version)
    policy.require(actor, "request_extension", task)
    reason = clean(reason)
    if not reason:
        raise ValidationError("Hãy nêu lý do đề nghị gia hạn.")
    if not new_deadline or new_deadline <= task.deadline:
        raise ValidationError("Thời hạn đề nghị phải sau thời hạn hiện tại.")
    extension = by(Extension(task=task, requested_by=actor, old_deadline=task.deadline, new_deadline=new_deadline,
                              reason=reason), actor)
    extension.save()
    task_event(Kind.EXTENSION_REQUESTED, task, actor, f"đến {new_deadline:%d/%m/%Y}: {reason}")
    return extension


@transaction.atomic
def decide_extension(actor, extension: Extension, *, approve: bool, note: str = "") -> Extension:
    task = _locked(extension.task)
    policy.require(actor, "decide_extension", task)
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    if extension.decision != Decision.PENDING:
        raise ValidationError("Đề nghị gia hạn này đã được xử lý.")
    note = clean(note)
    if not approve and not note:
        raise ValidationError("Hãy nêu lý do không đồng ý gia hạn.")
    extension.decision = Decision.ACCEPTED if approve else Decision.REFUSED
    extension.decided_by, extension.decided_at, extension.decision_note = actor, timezone.now(), note
    by(extension, actor).save()
    if approve:
        task.deadline = extension.new_deadline
        task.due_on = calendar.effective_deadline(task.deadline)
        _save(task, actor, ["deadline", "due_on"])
    verdict = f"đồng ý gia hạn đến {extension.new_deadline:%d/%m/%Y}" if approve else "không đồng ý gia hạn"
    task_event(Kind.EXTENSION_DECIDED, task, actor, f"{verdict}{': ' + note if note else ''}")
    return extension


def _received(task: Task, actor) -> list[str]:
    """A lead unit that reports on a task it never acknowledged has, plainly, received it."""
    if task.acknowledged_at is not None:
        return []
    task.acknowledged_at, task.acknowledged_by = timezone.now(), actor
    return ["acknowledged_at", "acknowledged_by"]


@transaction.atomic
def acknowledge(actor, task: Task) -> Task:
    """Đã tiếp nhận: someone of the lead unit confirms the unit has the task (who and when in history)."""
    task = _locked(task)
    policy.require(actor, "acknowledge", task)
    task.acknowledged_at, task.acknowledged_by = timezone.now(), actor
    _save(task, actor, ["acknowledged_at", "acknowledged_by"])
    task_event(Kind.ACKNOWLEDGED, task, actor)
    return task


def _set_state(actor, task, *, action, new_state, reason, what, expected_version):
    task = _locked(task, expected_version)
    policy.require(actor, action, task)
    reason = clean(reason)
    if not reason and new_state != State.OPEN:
        raise ValidationError(f"Hãy nêu lý do {what}.")
    task.state, task.state_reason = new_state, reason
    _save(task, actor, ["state", "state_reason"])
    task_event(STATE_EVENTS[action], task, actor, reason)
    return task


STATE_EVENTS = {"pause": Kind.PAUSED, "resume": Kind.RESUMED, "cancel": Kind.CANCELLED}


@transaction.atomic
def pause(actor, task, *, reason, expected_version=None):
    return _set_state(actor, task, action="pause", new_state=State.PAUSED, reason=reason, what="tạm dừng",
                      expected_version=expected_version)


@transaction.atomic
def resume(actor, task, *, expected_version=None):
    return _set_state(actor, task, action="resume", new_state=State.OPEN, reason="", what="tiếp tục",
                      expected_version=expected_version)


@transaction.atomic
def cancel(actor, task, *, reason, expected_version=None):
    return _set_state(actor, task, action="cancel", new_state=State.CANCELLED, reason=reason, what="dừng thực hiện",
                      expected_version=expected_version)


@transaction.atomic
def edit_task(actor, task: Task, *, expected_version, content: str, deadline: date | None, is_key: bool,
              coordinators: list[Unit], remind_days_before: int | None = None) -> Task:
    """The assigning unit corrects a task; a stale edit is refused, not silently overwritten."""
    scope = Scope.of(actor)
    task = _locked(task, expected_version)
    policy.require(actor, "edit", task)
    draft = TaskDraft(content=content, lead=task.lead, coordinators=coordinators, deadline=deadline,
                      recurrence=task.recurrence)
    content, deadline, _ = _validate_draft(scope, task.assigned_by, draft, task.issued_on)
    task.content, task.deadline, task.is_key = content, deadline, is_key
    task.remind_days_before = remind_days_before
    task.due_on = calendar.effective_deadline(deadline) if deadline else None
    task.search_text = _search_text(task, task.lead, coordinators)
    _save(task, actor, ["content", "deadline", "due_on", "is_key", "search_text", "remind_days_before"])
    current = set(task.coordinations.values_list("unit_id", flat=True))
    wanted = {u.pk for u in coordinators}
    for c in task.coordinations.filter(unit_id__in=current - wanted):
        by(c, actor).delete()
    for unit in coordinators:
        if unit.pk not in current:
            _add_coordinator(task, unit, actor)
    task_event(Kind.EDITED, task, actor)
    return task


def recompute_due_dates(batch: int = 5000) -> int:
    """Refresh the cached effective deadline after the holiday calendar changed."""
    changed = 0
    rows = Task.objects.exclude(deadline=None).values_list("pk", "deadline", "due_on").iterator(chunk_size=batch)
    for pk, deadline, due_on in rows:
        effective = calendar.effective_deadline(deadline)
        if effective != due_on:
            Task.objects.filter(pk=pk).update(due_on=effective)
            Coordination.objects.filter(task_id=pk).update(due_on=effective)
            changed += 1
    if changed:
        generation.bump()  # rows changed by update() send no signal: the cached pages must not outlive them
    return changed


@transaction.atomic
def comment(actor, task: Task, text: str, files=(), unit_ids=()):
    """A comment in the task's discussion, with files and mentions (discussion.services.post)."""
    policy.require(actor, "comment", task)
    return talk.post(actor, discussion.place(task), text, files, unit_ids)


@transaction.atomic
def edit_comment(actor, task: Task, comment_id: int, text: str):
    policy.require(actor, "comment", task)
    return talk.edit(actor, discussion.place(task), comment_id, text)
