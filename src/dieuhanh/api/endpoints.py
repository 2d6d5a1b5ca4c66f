"""The API's endpoints: thin as views are — parse, call one scoped query or one service, return its result."""

from datetime import date
from typing import Literal

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Header, Query, Router, Schema
from ninja.errors import ValidationError as InputError
from ninja.pagination import CursorPagination, paginate

from dieuhanh.core import calendar
from dieuhanh.core.fulltext import matching_words
from dieuhanh.documents.queries import visible_documents
from dieuhanh.indicators.models import Actual
from dieuhanh.indicators.queries import visible_indicators
from dieuhanh.notify import services as notify
from dieuhanh.org.queries import Scope
from dieuhanh.petitions import services as petitions
from dieuhanh.petitions.queries import visible_petitions
from dieuhanh.tasks import policy as task_policy
from dieuhanh.tasks import services as tasks
from dieuhanh.tasks.models import Extension, Task
from dieuhanh.tasks.queries import TaskFilter, visible_tasks
from dieuhanh.tasks.status import Group, Status

from .schemas import (
    AnswerIn,
    CompletionIn,
    DecisionIn,
    DocumentOut,
    Error,
    ExtensionIn,
    ExtensionOut,
    IndicatorOut,
    Key,
    NoteIn,
    NotificationOut,
    PetitionOut,
    ProgressIn,
    ReadIn,
    ReasonIn,
    TaskDetail,
    TaskOut,
    UnitOut,
    ValueOut,
)

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 412: Error, 413: Error, 422: Error, 429: Error}
PAGE = {"page_size": 50, "max_page_size": 200}


class Pages(CursorPagination):
    """Cursor pages; a cursor that is not one of ours names no page (404), as an unknown address would."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        try:
            self.Cursor.from_encoded_param(pagination.cursor)
        except InputError:
            raise Http404 from None
        return super().paginate_queryset(queryset, pagination, request, **params)


def _page(ordering=("-id",)):
    return paginate(Pages, ordering=ordering, **PAGE)


# --- units, documents ------------------------------------------------------------------------------

units = Router(tags=["Đơn vị"])


@units.get("/", response={200: list[UnitOut], **ERRORS}, summary="Các đơn vị trong phạm vi")
@_page(("path",))
def unit_list(request, q: str = ""):
    readable = Scope.of(request.user).readable_units()
    return matching_words(readable, q, field="name_folded") if q else readable


documents = Router(tags=["Văn bản"])


@documents.get("/", response={200: list[DocumentOut], **ERRORS}, summary="Văn bản chỉ đạo")
@_page()
def document_list(request, q: str = ""):
    return matching_words(visible_documents(request.user), q).select_related("issuer")


@documents.get("/{document_id}", response={200: DocumentOut, **ERRORS}, summary="Một văn bản")
def document_detail(request, document_id: Key):
    return get_object_or_404(visible_documents(request.user).select_related("issuer"), pk=document_id)


# --- tasks ------------------------------------------------------------------------------------------

task_router = Router(tags=["Nhiệm vụ"])


class TaskQuery(Schema):
    q: str = ""
    unit: Key | None = None
    status: Literal[tuple(Status.values)] | None = None  # type: ignore[valid-type]
    group: Literal[tuple(Group.values)] | None = None  # type: ignore[valid-type]
    due_from: date | None = None
    due_to: date | None = None
    document: Key | None = None
    assigned_by: Key | None = None
    key_only: bool = False
    mine: Literal["chu_tri", "lam", "giao"] | None = None


def _unit(request, pk):
    return Scope.of(request.user).readable_units().filter(pk=pk).first() if pk else None


def _task_filter(request, f: TaskQuery) -> TaskFilter:
    """The task list page's filters, named in English; a unit outside the scope filters to nothing."""
    return TaskFilter(q=f.q[:200], unit=_unit(request, f.unit), status=f.status or "", group=f.group or "",
                      due_from=f.due_from, due_to=f.due_to, document_id=f.document,
                      assigned_by=_unit(request, f.assigned_by), key_only=f.key_only, mine=f.mine or "")


def _with_relations(queryset):
    return queryset.select_related("lead", "assigned_by", "document").prefetch_related("coordinators")


@task_router.get("/", response={200: list[TaskOut], **ERRORS}, summary="Nhiệm vụ, lọc như trang danh sách")
@_page()
def task_list(request, filters: Query[TaskQuery]):
    flt = _task_filter(request, filters)
    if (filters.unit and flt.unit is None) or (filters.assigned_by and flt.assigned_by is None):
        return Task.objects.none()
    return _with_relations(flt.apply(flt.visible_to(request.user), calendar.today(), request.user))


def _task(request, task_id: Key) -> Task:
    return get_object_or_404(_with_relations(visible_tasks(request.user)), pk=task_id)


def _detail(request, task: Task, status: int = 200):
    """The task as it is now, with what the token's user may do with it and its latest reports."""
    task = _task(request, task.pk)
    task.actions = sorted(task_policy.available_actions(request.user, task))
    task.recent_reports = list(task.reports.select_related("unit").order_by("-created_at", "-id")[:20])
    return status, task


@task_router.get("/{task_id}", response={200: TaskDetail, **ERRORS}, summary="Một nhiệm vụ (ETag là phiên bản)")
def task_detail(request, task_id: Key, response: HttpResponse):
    status, task = _detail(request, _task(request, task_id))
    response["ETag"] = f'"{task.version}"'
    return status, task


def _version(if_match: str | None) -> str | None:
    return if_match.strip().strip('W/').strip('"') if if_match else None


IF_MATCH = Header(None, alias="If-Match", description="Phiên bản đã đọc (ETag); khác phiên bản hiện tại thì bị từ chối (412)")


@task_router.post("/{task_id}/acknowledge", response={200: TaskDetail, **ERRORS}, summary="Xác nhận đã tiếp nhận")
def acknowledge(request, task_id: Key):
    return _detail(request, tasks.acknowledge(request.user, _task(request, task_id)))


@task_router.post("/{task_id}/progress", response={201: TaskDetail, **ERRORS}, summary="Báo cáo tiến độ")
def report(request, task_id: Key, body: ProgressIn, if_match: str | None = IF_MATCH):
    report = tasks.report_progress(request.user, _task(request, task_id), percent=body.percent, text=body.text,
                                   expected_version=_version(if_match))
    return _detail(request, report.task, 201)


@task_router.post("/{task_id}/completion-request", response={201: TaskDetail, **ERRORS},
                  summary="Đề nghị hoàn thành")
def request_completion(request, task_id: Key, body: CompletionIn, if_match: str | None = IF_MATCH):
    done = tasks.request_completion(request.user, _task(request, task_id), note=body.note,
                                    expected_version=_version(if_match))
    return _detail(request, done.task, 201)


@task_router.post("/{task_id}/accept", response={200: TaskDetail, **ERRORS}, summary="Nghiệm thu hoàn thành")
def accept(request, task_id: Key, body: NoteIn, if_match: str | None = IF_MATCH):
    return _detail(request, tasks.accept_completion(request.user, _task(request, task_id), note=body.note,
                                                    expected_version=_version(if_match)))


@task_router.post("/{task_id}/return", response={200: TaskDetail, **ERRORS}, summary="Trả lại đề nghị hoàn thành")
def give_back(request, task_id: Key, body: ReasonIn, if_match: str | None = IF_MATCH):
    return _detail(request, tasks.return_completion(request.user, _task(request, task_id), reason=body.reason,
                                                    expected_version=_version(if_match)))


@task_router.post("/{task_id}/extension-request", response={201: ExtensionOut, **ERRORS}, summary="Đề nghị gia hạn")
def request_extension(request, task_id: Key, body: ExtensionIn, if_match: str | None = IF_MATCH):
    return 201, tasks.request_extension(request.user, _task(request, task_id), new_deadline=body.new_deadline,
                                        reason=body.reason, expected_version=_version(if_match))


@task_router.post("/extensions/{extension_id}/decision", response={200: ExtensionOut, **ERRORS},
                  summary="Quyết định gia hạn")
def decide_extension(request, extension_id: Key, body: DecisionIn):
    extension = get_object_or_404(Extension.objects.filter(task__in=visible_tasks(request.user)), pk=extension_id)
    return tasks.decide_extension(request.user, extension, approve=body.approve, note=body.note)


# --- petitions --------------------------------------------------------------------------------------

petition_router = Router(tags=["Kiến nghị"])


def _petitions(request):
    return visible_petitions(request.user).select_related("receiving_unit", "responsible_unit").prefetch_related(
        "answers__unit")


@petition_router.get("/", response={200: list[PetitionOut], **ERRORS}, summary="Kiến nghị trong phạm vi")
@_page()
def petition_list(request, q: str = ""):
    return matching_words(_petitions(request), q)


@petition_router.get("/{petition_id}", response={200: PetitionOut, **ERRORS}, summary="Một kiến nghị")
def petition_detail(request, petition_id: Key):
    return get_object_or_404(_petitions(request), pk=petition_id)


@petition_router.post("/{petition_id}/answer", response={201: PetitionOut, **ERRORS}, summary="Trả lời kiến nghị")
def answer(request, petition_id: Key, body: AnswerIn):
    petitions.answer(request.user, get_object_or_404(_petitions(request), pk=petition_id), body.text)
    return 201, get_object_or_404(_petitions(request), pk=petition_id)


# --- indicators, notifications ---------------------------------------------------------------------

indicator_router = Router(tags=["Chỉ tiêu"])


@indicator_router.get("/", response={200: list[IndicatorOut], **ERRORS}, summary="Chỉ tiêu trong phạm vi")
@_page()
def indicator_list(request):
    return visible_indicators(request.user)


@indicator_router.get("/{indicator_id}/values", response={200: list[ValueOut], **ERRORS},
                      summary="Số liệu thực hiện của các đơn vị trong phạm vi")
@_page()
def indicator_values(request, indicator_id: Key, period: str = "", unit: Key | None = None):
    indicator = get_object_or_404(visible_indicators(request.user), pk=indicator_id)
    readable = Scope.of(request.user).readable_units()
    values = Actual.objects.filter(indicator=indicator, unit__in=readable.values("pk")).select_related("unit")
    if period:
        values = values.filter(period=period[:20])
    if unit:
        values = values.filter(unit_id=unit)
    return values


notification_router = Router(tags=["Thông báo"])


@notification_router.get("/", response={200: list[NotificationOut], **ERRORS}, summary="Thông báo của người dùng")
@_page()
def notification_list(request, unread: bool = False):
    mine = notify.unread(request.user) if unread else request.user.notifications.all()
    return mine


class Marked(Schema):
    marked: int


@notification_router.post("/read", response={200: Marked, **ERRORS}, summary="Đánh dấu đã đọc")
def mark_read(request, body: ReadIn):
    return {"marked": notify.mark_read(request.user, body.ids or None)}


def register(api) -> None:
    api.add_router("/units", units)
    api.add_router("/documents", documents)
    api.add_router("/tasks", task_router)
    api.add_router("/petitions", petition_router)
    api.add_router("/indicators", indicator_router)
    api.add_router("/notifications", notification_router)
