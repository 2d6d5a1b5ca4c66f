"""Bulk actions on a task list (issue 17, item 3): accept, remind or export the tasks a user ticked. Each task goes
through the same service and policy as its own page, in its own transaction, so one refusal (out of scope, not
awaiting acceptance, a stale page) stops only that task; the page then says, task by task, what was done and
why the rest was not. Here, above tasks and notify, because it calls the services of both."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import render
from django.views.decorators.http import require_POST

from dieuhanh.audit.exports import download
from dieuhanh.core import params
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.feedback import reasons
from dieuhanh.core.net import same_site
from dieuhanh.notify import services as notify
from dieuhanh.tasks import exports, services
from dieuhanh.tasks.queries import TaskFilter

LIMIT = 200  # ticked on one page at a time; more is a filter's work (export the filtered list instead)


@dataclass
class Outcome:
    pk: int
    task: object  # None: not found or not visible to the user
    done: bool
    reason: str = ""


def _chosen(request) -> list[int]:
    keys = [params.key(v) for v in request.POST.getlist("chon")[:LIMIT]]
    return list(dict.fromkeys(k for k in keys if k))


ACTIONS = {
    "nghiem_thu": ("Nghiệm thu", lambda user, task, request: services.accept_completion(user, task)),
    "don_doc": ("Đôn đốc", lambda user, task, request: notify.remind(user, task, request.POST.get("noi_dung", ""))),
}


@require_POST
def task_bulk(request):
    back = same_site(request, request.POST.get("next"), "/nhiem-vu/")
    chosen = _chosen(request)
    action = request.POST.get("thao_tac", "")
    mine = TaskFilter().visible_to(request.user).filter(pk__in=chosen)  # of the ticked, what the user's list shows
    if action == "xuat":
        today = vn_today()
        return download(request, exports.task_sheet(mine.order_by("due_on", "id"), today,
                                                    f"Nhiệm vụ đã chọn — ngày {today:%d/%m/%Y}"),
                        f"nhiem-vu-da-chon-{today:%Y%m%d}.xlsx", target="nhiệm vụ đã chọn",
                        detail=f"{len(chosen)} nhiệm vụ được chọn")
    if action not in ACTIONS or not chosen:
        return render(request, "web/bulk.html", {"error": "Chọn ít nhất một nhiệm vụ và một thao tác.", "back": back},
                      status=400)
    label, run = ACTIONS[action]
    visible = {t.pk: t for t in mine.select_related("lead")}
    outcomes = []
    for pk in chosen:
        task = visible.get(pk)
        if task is None:
            outcomes.append(Outcome(pk, None, False, "Không tìm thấy nhiệm vụ hoặc bạn không có quyền xem."))
            continue
        try:
            with transaction.atomic():
                run(request.user, task, request)
        except (PermissionDenied, ValidationError) as error:
            outcomes.append(Outcome(pk, task, False, " ".join(reasons(error))))
        else:
            outcomes.append(Outcome(pk, task, True))
    return render(request, "web/bulk.html", {"label": label, "outcomes": outcomes, "back": back,
                                             "done": sum(o.done for o in outcomes)})
