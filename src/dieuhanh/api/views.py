"""The user's API tokens page: make one (its text shown once), revoke one; the private calendar address and its feed."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dieuhanh.core import params
from dieuhanh.core.feedback import fail
from dieuhanh.org.models import Unit

from . import calendar, policy, tokens
from .queries import manageable_tokens, token_choices


def token_list(request, made=None, text="", calendar_address=""):
    rows = list(manageable_tokens(request.user).select_related("user", "unit")[:200])
    for token in rows:
        token.may_revoke = policy.can(request.user, "revoke", token)
    return render(request, "api/tokens.html", {"tokens": rows, "choices": token_choices(request.user),
                                               "made": made, "text": text, "calendar_address": calendar_address})


@require_POST
def token_create(request):
    unit_id, _, role = request.POST.get("pham_vi", "").partition(":")
    unit = Unit.objects.filter(pk=params.key(unit_id)).first()
    try:
        if unit is None:
            raise ValidationError("Hãy chọn phạm vi của khóa.")
        made, text = tokens.issue(request.user, user=request.user, name=request.POST.get("ten", ""), unit=unit,
                                  role=role, days=params.key(request.POST.get("so_ngay")) or 0)
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
        return redirect("api_tokens")
    return token_list(request, made, text)  # the only time the text is shown: not a redirect


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(manageable_tokens(request.user), pk=pk)
    try:
        tokens.revoke(request.user, token)
    except (ValidationError, PermissionDenied) as error:
        fail(request, error)
    return redirect("api_tokens")


@require_POST
def calendar_key(request):
    key = calendar.new_key(request.user)
    address = request.build_absolute_uri(reverse("calendar_feed", args=[key]))
    return token_list(request, calendar_address=address)


@login_not_required
def calendar_feed(request, key):
    user = calendar.owner(key)
    if user is None:
        raise Http404("Địa chỉ lịch không còn hiệu lực.")
    response = HttpResponse(calendar.feed(user, request.build_absolute_uri("/").rstrip("/")),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="han-nhiem-vu.ics"'
    return response
