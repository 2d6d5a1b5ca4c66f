"""Bulk actions on a list (issue 17, item 3): accept, remind or export the tasks a user ticked; take in, close or
export the petitions. Each item goes through the same service and policy as its own page, in its own
transaction, so one refusal (out of scope, not in the state the action needs, a stale page) stops only that
item; the page then says, item by item, what was done and why the rest was not. Here, above tasks, petitions and
notify, because it calls the services of all three."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dieuhanh.audit.exports import download
from dieuhanh.core import params
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.feedback import reasons
from dieuhanh.core.net import same_site
from dieuhanh.notify import services as notify
from dieuhanh.petitions import services as petitions
from dieuhanh.petitions.exports import petition_sheet
from dieuhanh.petitions.queries import visible_petitions
from dieuhanh.tasks import exports, services
from dieuhanh.tasks.queries import TaskFilter

LIMIT = 200  # ticked on one page at a time; more is a filter's work (export the filtered list instead)


@dataclass
class Outcome:
    pk: int
    title: str  # "" when not found or not visible to the user
    sub: str
    link: str
    done: bool
    reason: str = ""


def _chosen(request) -> list[int]:
    keys = [params.key(v) for v in request.POST.getlist("chon")[:LIMIT]]
    return list(dict.fromkeys(k for k in keys if k))


TASK_ACTIONS = {
    "nghiem_thu": ("Nghiệm thu", lambda user, task, request: services.accept_completion(user, task)),
    "don_doc": ("Đôn đốc", lambda user, task, request: notify.remind(user, task, request.POST.get("noi_dung", ""))),
}
PETITION_ACTIONS = {
    "tiep_nhan": ("Tiếp nhận", lambda user, petition, request: petitions.accept(user, petition)),
    "dong": ("Đóng", lambda user, petition, request: petitions.close(user, petition)),
}


def _each(request, chosen: list[int], visible: dict, run, describe, missing: str) -> list[Outcome]:
    """`run` on each chosen item the user may see, each in its own transaction; the refusals with their reasons."""
    outcomes = []
    for pk in chosen:
        item = visible.get(pk)
        if item is None:
            outcomes.append(Outcome(pk, "", "", "", False, missing))
            continue
        title, sub, link = describe(item)
        try:
            with transaction.atomic():
                run(request.user, item, request)
        except (PermissionDenied, ValidationError) as error:
            outcomes.append(Outcome(pk, title, sub, link, False, " ".join(reasons(error))))
        else:
            outcomes.append(Outcome(pk, title, sub, link, True))
    return outcomes


def _run(request, actions: dict, visible_items, describe, noun: str, back: str):
    chosen = _chosen(request)
    action = request.POST.get("thao_tac", "")
    if action not in actions or not chosen:
        return render(request, "web/bulk.html", {"error": f"Chọn ít nhất một {noun} và một thao tác.", "back": back},
                      status=400)
    label, run = actions[action]
    visible = {item.pk: item for item in visible_items.filter(pk__in=chosen)}
    outcomes = _each(request, chosen, visible, run, describe,
                     f"Không tìm thấy {noun} hoặc bạn không có quyền xem.")
    return render(request, "web/bulk.html", {"label": label, "noun": noun, "outcomes": outcomes, "back": back,
                                             "done": sum(o.done for o in outcomes)})


@require_POST
def task_bulk(request):
    back = same_site(request, request.POST.get("next"), "/nhiem-vu/")
    mine = TaskFilter().visible_to(request.user)  # of the ticked, what the user's list shows
    if request.POST.get("thao_tac") == "xuat":
        chosen, today = _chosen(request), vn_today()
        return download(request, exports.task_sheet(mine.filter(pk__in=chosen).order_by("due_on", "id"), today,
                                                    f"Nhiệm vụ đã chọn — ngày {today:%d/%m/%Y}"),
                        f"nhiem-vu-da-chon-{today:%Y%m%d}.xlsx", target="nhiệm vụ đã chọn",
                        detail=f"{len(chosen)} nhiệm vụ được chọn")
    return _run(request, TASK_ACTIONS, mine.select_related("lead"),
                lambda t: (t.content, t.lead.name, reverse("task_detail", args=[t.pk])), "nhiệm vụ", back)


@require_POST
def petition_bulk(request):
    back = same_site(request, request.POST.get("next"), "/kien-nghi/")
    mine = visible_petitions(request.user)
    if request.POST.get("thao_tac") == "xuat":  # no citizen's contact details leave this way, as the list's export
        chosen, today = _chosen(request), vn_today()
        return download(request, petition_sheet(mine.filter(pk__in=chosen).select_related("responsible_unit", "field")
                                                .order_by("-received_on", "-id"), today),
                        f"kien-nghi-da-chon-{today:%Y%m%d}.xlsx", target="kiến nghị đã chọn",
                        detail=f"{len(chosen)} kiến nghị được chọn")
    return _run(request, PETITION_ACTIONS, mine.select_related("responsible_unit"),
                lambda p: (f"{p.code} {p.content}", p.responsible_unit.name if p.responsible_unit_id else "",
                           reverse("petition_detail", args=[p.pk])), "kiến nghị", back)
