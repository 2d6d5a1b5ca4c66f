"""The user's API tokens page: make one (its text shown once), revoke one; and where the API's documentation is."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dieuhanh.core import params
from dieuhanh.core.feedback import fail
from dieuhanh.org.models import Unit

from . import policy, tokens
from .queries import manageable_tokens, token_choices


def token_list(request, made=None, text=""):
    rows = list(manageable_tokens(request.user).select_related("user", "unit")[:200])
    for token in rows:
        token.may_revoke = policy.can(request.user, "revoke", token)
    return render(request, "api/tokens.html", {"tokens": rows, "choices": token_choices(request.user),
                                               "made": made, "text": text})


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
