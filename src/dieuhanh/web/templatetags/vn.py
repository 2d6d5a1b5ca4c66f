"""Vietnamese formats in templates: 11.710,5 and dd/mm/yyyy."""

from datetime import date, datetime
from urllib.parse import urlencode

from babel.numbers import format_decimal
from django import template

from dieuhanh.tasks.calendar import VN_TZ

register = template.Library()


@register.filter
def so(value, digits: int | None = None):
    """11710.5 → "11.710,5" (babel's vi locale)."""
    if value is None or value == "":
        return ""
    if digits is None:
        return format_decimal(value, locale="vi")
    places = int(digits)
    return format_decimal(value, format="#,##0" + ("." + "0" * places if places else ""), locale="vi")


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
