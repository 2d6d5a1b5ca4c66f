"""The unit and the period a page is asked for (`?don_vi=…&ky=…`), shared by the dashboard and
the indicator pages."""

from django.http import Http404

from dieuhanh.core import params, periods
from dieuhanh.core.calendar import today
from dieuhanh.core.errors import Refused
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope


def chosen_unit(request, scope: Scope) -> Unit:
    """The unit asked for if the user may read it (else 404); without one, the user's highest unit."""
    raw = request.GET.get("don_vi") or request.POST.get("don_vi") or ""
    readable = scope.readable_units()
    if raw.strip().isdigit():
        unit = readable.filter(pk=params.key(raw)).first() if params.key(raw) else None
        if unit is None:
            raise Http404("Không tìm thấy đơn vị hoặc bạn không có quyền xem.")
        return unit
    unit = (Unit.objects.filter(pk__in=scope.own_unit_ids).order_by("depth", "path").first()
            or readable.order_by("depth", "path").first())
    if unit is None:
        raise Refused("Tài khoản chưa thuộc đơn vị nào.")
    return unit


def one_of(request, units: list[Unit]) -> Unit | None:
    """The unit asked for (`?don_vi=`) among these, else the first of them; None when there are none."""
    wanted = params.key(request.GET.get("don_vi") or request.POST.get("don_vi") or "")
    return next((u for u in units if u.pk == wanted), units[0] if units else None)


def chosen_period(request) -> periods.Period:
    """The period asked for; without a valid one, the latest report period."""
    try:
        return periods.parse(request.GET.get("ky") or request.POST.get("ky") or "")
    except periods.PeriodError:
        return periods.latest_report(today())
