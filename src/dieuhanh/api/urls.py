"""/api/v1/: the API's own sign-in is its token, so the site's login redirect does not apply to it."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import URLPattern, URLResolver, re_path

from .main import api


def _open(patterns):
    for p in patterns:
        if isinstance(p, URLResolver):
            _open(p.url_patterns)
        elif isinstance(p, URLPattern):
            p.callback = login_not_required(p.callback)
    return patterns


def unknown(request, rest=""):
    """Any other address under /api/v1/: the API's own 404 body, not the site's page."""
    return JsonResponse({"loi": "Không có địa chỉ này trong API.", "chi_tiet": []}, status=404)


urlpatterns = _open([*api.urls[0], re_path(r"^(?P<rest>.*)$", unknown)])
app_name = api.urls_namespace
