"""Chỉ tiêu: the catalogue, one indicator's figures, entering a period's figures for a unit,
and the XLSX template, import and export."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from dieuhanh.audit.log import record as audit
from dieuhanh.audit.models import Action
from dieuhanh.core import periods
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.feedback import fail
from dieuhanh.core.files import check_upload
from dieuhanh.core.numbers import parse_decimal
from dieuhanh.core.paging import paginate
from dieuhanh.org.queries import Scope
from dieuhanh.org.selection import chosen_period, chosen_unit

from . import queries, services, xlsx
from .models import Actual, Target

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def indicator_list(request):
    scope = Scope.of(request.user)
    indicators = queries.matching(queries.visible_indicators(request.user), request.GET.get("q", ""))
    page = paginate(request, indicators.select_related("unit", "responsible").order_by("position", "code"))
    return render(request, "indicators/list.html", {"page": page, "unit": chosen_unit(request, scope),
                                                    "period": chosen_period(request)})


def indicator_detail(request, pk):
    scope = Scope.of(request.user)
    indicator = get_object_or_404(queries.visible_indicators(request.user).select_related("unit", "responsible"), pk=pk)
    unit = chosen_unit(request, scope)
    period = chosen_period(request)
    row = queries.indicator_rows([indicator], unit, period, vn_today())[0]
    in_subtree = {"unit__path__startswith": unit.path}
    actuals = (Actual.objects.filter(indicator=indicator, **in_subtree).select_related("unit", "document")
               .order_by("-period", "unit__path")[:200])
    targets = Target.objects.filter(indicator=indicator, **in_subtree).select_related("unit").order_by("-period", "unit__path")[:200]
    # The history of the chosen unit's subtree only, like the figures above: never other units' figures.
    changes = (Actual.history.filter(indicator_id=indicator.pk, **in_subtree).select_related("history_user", "unit")
               .order_by("-history_date")[:20])
    return render(request, "indicators/detail.html", {"indicator": indicator, "unit": unit, "period": period, "row": row,
                                                      "actuals": actuals, "targets": targets, "changes": changes})


def _decimal(raw: str) -> Decimal | None:
    if not (raw or "").strip():
        return None
    value = parse_decimal(raw)
    if value is None:
        raise ValidationError(f"“{raw}” không phải là số (viết như 11.710,5).")
    return value


def enter(request):
    """One unit, one period: plan and value of every indicator, saved together (all or nothing)."""
    scope = Scope.of(request.user)
    unit = chosen_unit(request, scope)
    period = chosen_period(request)
    indicators = list(queries.visible_indicators(request.user).filter(unit__root_id=unit.root_id)
                      .order_by("position", "code"))
    targets = {t.indicator_id: t for t in Target.objects.filter(unit=unit, period=period.key)}
    actuals = {a.indicator_id: a for a in Actual.objects.filter(unit=unit, period=period.key)}
    if request.method == "POST":
        try:
            with transaction.atomic():
                saved = 0
                for ind in indicators:
                    for prefix, current, write in (("kh", targets, services.set_target),
                                                   ("th", actuals, services.record_actual)):
                        value = _decimal(request.POST.get(f"{prefix}_{ind.pk}", ""))
                        den = _decimal(request.POST.get(f"{prefix}_mau_{ind.pk}", ""))
                        old = current.get(ind.pk)
                        if value is None or (old and old.value == value and old.denominator == den):
                            continue
                        try:
                            write(request.user, ind, unit, period.key, value, denominator=den)
                        except ValidationError as e:
                            raise ValidationError(f"{ind.code} — {' '.join(e.messages)}") from e
                        saved += 1
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, f"Đã lưu {saved} số liệu {period.label} của {unit.name}.")
            return redirect(f"{request.path}?don_vi={unit.pk}&ky={period.key}")
    rows = [{"indicator": i, "target": targets.get(i.pk), "actual": actuals.get(i.pk),
             "plan_input": request.POST.get(f"kh_{i.pk}") if request.method == "POST" else None,
             "actual_input": request.POST.get(f"th_{i.pk}") if request.method == "POST" else None}
            for i in indicators]
    return render(request, "indicators/enter.html", {
        "unit": unit, "period": period, "rows": rows, "period_choices": periods.choices(period.year),
        "years": range(vn_today().year, vn_today().year - 8, -1)})


def xlsx_template(request):
    response = HttpResponse(xlsx.template(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-chi-tieu.xlsx"'
    return response


def xlsx_export(request):
    scope = Scope.of(request.user)
    unit = chosen_unit(request, scope)
    period = chosen_period(request)
    data = xlsx.export(queries.visible_indicators(request.user), unit, period)
    audit(Action.EXPORT, request, target=f"chỉ tiêu {unit.name}", detail=f"kỳ {period.key}")
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{unit.code}-{period.key}.xlsx"'
    return response


def xlsx_import(request):
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("tep")
        try:
            if upload is None:
                raise ValidationError("Chưa chọn tệp Excel.")
            check_upload(upload, (".xlsx",))
            count = xlsx.import_file(upload.read(), request.user)
        except xlsx.ImportErrors as e:
            errors = e.messages
            messages.error(request, f"Tệp có {len(errors)} lỗi; chưa nhập số liệu nào.")
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, f"Đã nhập {count} dòng số liệu.")
            return redirect("indicator_list")
    return render(request, "indicators/import.html", {"errors": errors[:500], "more": max(0, len(errors) - 500)})
