"""Vietnamese formats in templates: 11.710,5 and dd/mm/yyyy."""

from datetime import date, datetime
from urllib.parse import urlencode

from django import template

from dieuhanh.core.calendar import VN_TZ
from dieuhanh.core.numbers import so
from dieuhanh.core.text import person_name

register = template.Library()
register.filter("so", so)  # 11.710,5 — written once, in core.numbers


@register.filter
def nguoi(user, missing="—"):
    """A person as pages name them (core.text.person_name); `missing` for nobody."""
    return person_name(user, missing)


@register.filter
def ngay(value):
    if not value:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters changed (for pagination and filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(list(params.items()))
