"""The bell's list of notifications, and the "Đôn đốc" button of a task."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dieuhanh.tasks.queries import visible_tasks
from dieuhanh.web.feedback import fail
from dieuhanh.web.paging import paginate

from . import mail, services
from .models import Notification, Preference


def notification_list(request):
    page = paginate(request, Notification.objects.filter(user=request.user).select_related("task"))
    return render(request, "notify/list.html", {"page": page, "mail": mail.preference(request.user),
                                                "mail_choices": Preference.Mail.choices})


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
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    services.mark_read(request.user, ids)
    return redirect(request.POST.get("next") or "notification_list")


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
