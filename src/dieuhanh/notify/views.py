"""The bell's list of notifications, and the "Đôn đốc" button of a task."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dieuhanh.core import params
from dieuhanh.core.feedback import fail
from dieuhanh.core.net import same_site
from dieuhanh.core.paging import paginate
from dieuhanh.petitions.models import Petition
from dieuhanh.petitions.queries import visible_petitions
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.queries import visible_tasks

from . import mail, services
from .models import Notification, Preference


def notification_list(request):
    page = paginate(request, Notification.objects.filter(user=request.user).select_related("task"))
    return render(request, "notify/list.html", {"page": page, "mail": mail.preference(request.user),
                                                "mail_choices": Preference.Mail.choices})


# What a notification may open: the object, if the reader may still see it.
VISIBLE = {Task: visible_tasks, Petition: visible_petitions}


def _still_visible(user, note: Notification) -> bool:
    if note.event_id is None:
        return note.task_id is None or visible_tasks(user).filter(pk=note.task_id).exists()
    model = note.event.target_type.model_class()
    visible = VISIBLE.get(model)
    return visible is None or visible(user).filter(pk=note.event.target_id).exists()


def notification_open(request, pk):
    """Reading a notification opens its object; one the reader may no longer see (a task moved to another
    unit, a petition transferred away) opens a page that says so, not an error."""
    note = get_object_or_404(Notification.objects.select_related("event__target_type"), pk=pk, user=request.user)
    services.mark_read(request.user, [note.pk])
    safe = note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()})
    if safe and _still_visible(request.user, note):
        return redirect(note.link)
    return render(request, "notify/gone.html", {"note": note})


@require_POST
def mail_preference(request):
    choice = request.POST.get("mail")
    if choice not in Preference.Mail.values:
        messages.error(request, "Lựa chọn nhận thư không hợp lệ.")
    else:
        Preference.objects.update_or_create(user=request.user, defaults={"mail": choice})
        messages.success(request, f"Đã lưu: {Preference.Mail(choice).label.lower()}.")
    return redirect("notification_list")


@require_POST
def notification_read(request):
    ids = [k for k in map(params.key, request.POST.getlist("id")[:500]) if k] or None
    services.mark_read(request.user, ids)
    return redirect(same_site(request, request.POST.get("next"), "notification_list"))


@require_POST
def task_remind(request, pk):
    task = get_object_or_404(visible_tasks(request.user), pk=pk)
    try:
        reminder = services.remind(request.user, task, request.POST.get("message", ""))
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    else:
        messages.success(request, f"Đã đôn đốc {reminder.recipients} người của các đơn vị thực hiện.")
    return redirect("task_detail", pk=task.pk)
