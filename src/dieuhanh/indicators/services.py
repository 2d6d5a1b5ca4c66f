"""Everything that changes indicators, plans and reported values: one transaction each, the
actor's role checked, bad input refused in Vietnamese before anything is written."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from dieuhanh.core import calendar, periods
from dieuhanh.core.errors import Refused
from dieuhanh.core.history import by
from dieuhanh.core.text import clean, fold
from dieuhanh.events.models import Kind
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope
from dieuhanh.tasks.services import TaskDraft, assign_tasks

from .models import Actual, Indicator, Target
from .policy import may_add, may_plan, may_report


def next_code() -> str:
    """CT00001, CT00002 …: a code for an indicator first met in a document."""
    taken = Indicator.objects.filter(code__regex=r"^CT[0-9]{5}$").order_by("-code").values_list("code", flat=True)
    last = taken.first()
    return f"CT{int(last[2:]) + 1 if last else 1:05d}"


@transaction.atomic
def add_indicator(actor, *, unit: Unit, name: str, measure: str = "", allow_negative: bool = False) -> Indicator:
    """A new indicator in the unit's catalogue, refused when the catalogue already has it (same name
    without diacritics and same measure): a figure must land on the series it belongs to."""
    if not may_add(Scope.of(actor), unit):
        raise Refused(f"Bạn không có quyền thêm chỉ tiêu cho {unit.name}.")
    name, measure = clean(name), clean(measure)
    if not name:
        raise ValidationError("Chưa nhập tên chỉ tiêu.")
    if len(name) > 300 or len(measure) > 40:
        raise ValidationError("Tên chỉ tiêu tối đa 300 ký tự, đơn vị tính tối đa 40 ký tự.")
    same = Indicator.objects.filter(unit__root_id=unit.root_id, name_folded=fold(name), measure=measure).first()
    if same:
        raise ValidationError(f"Đã có chỉ tiêu “{same.name}” ({same.code}); hãy chọn chỉ tiêu này.")
    indicator = by(Indicator(code=next_code(), unit=unit, name=name, measure=measure,
                             min_value=None if allow_negative else Decimal(0)), actor)
    indicator.save()
    return indicator


def checked_figure(indicator: Indicator, unit: Unit, period: str, value, denominator):
    try:
        period = periods.parse(period).key
    except periods.PeriodError as e:
        raise ValidationError(str(e)) from e
    if unit.root_id != indicator.unit.root_id:
        raise ValidationError(f"Đơn vị “{unit.name}” không thuộc phạm vi theo dõi chỉ tiêu “{indicator.name}”.")
    if value is None:
        raise ValidationError("Chưa nhập giá trị.")
    value = Decimal(value)
    indicator.check_value(value)
    if indicator.kind == Indicator.Kind.RATIO and denominator is None:
        raise ValidationError(f"Chỉ tiêu “{indicator.name}” là tỷ số x/y: cần nhập cả mẫu số.")
    if denominator is not None:
        denominator = Decimal(denominator)
        if denominator <= 0:
            raise ValidationError("Mẫu số phải lớn hơn 0.")
        if value > denominator:
            raise ValidationError(f"Tử số {value.normalize():f} lớn hơn mẫu số {denominator.normalize():f}.")
    return period, value, denominator


def _write(model, actor, indicator, unit, period, values: dict):
    row = model.objects.select_for_update().filter(indicator=indicator, unit=unit, period=period).first()
    if row is None:
        row = model(indicator=indicator, unit=unit, period=period, created_by=actor)
    for name, value in values.items():
        setattr(row, name, value)
    by(row, actor).save()
    return row


@transaction.atomic
def record_actual(actor, indicator: Indicator, unit: Unit, period: str, value, *, denominator=None, document=None,
                  source=Actual.Source.ENTRY, reported_by: str = "", note: str = "", stated_percent_of_plan=None,
                  stated_change_percent=None) -> Actual:
    """One value per indicator, unit and period: a second report corrects the first (history keeps both)."""
    if not may_report(Scope.of(actor), indicator, unit):
        raise Refused("Bạn không có quyền báo cáo số liệu của đơn vị này.")
    period, value, denominator = checked_figure(indicator, unit, period, value, denominator)
    return _write(Actual, actor, indicator, unit, period, {
        "value": value, "denominator": denominator, "document": document, "source": source,
        "reported_by": clean(reported_by)[:200], "note": clean(note)[:300],
        "stated_percent_of_plan": stated_percent_of_plan, "stated_change_percent": stated_change_percent})


@transaction.atomic
def set_target(actor, indicator: Indicator, unit: Unit, period: str, value, *, denominator=None, document=None,
               note: str = "") -> Target:
    if not may_plan(Scope.of(actor), indicator, unit):
        raise Refused("Bạn không có quyền giao kế hoạch chỉ tiêu cho đơn vị này.")
    period, value, denominator = checked_figure(indicator, unit, period, value, denominator)
    return _write(Target, actor, indicator, unit, period, {
        "value": value, "denominator": denominator, "document": document, "note": clean(note)[:300]})


@transaction.atomic
def request_explanation(actor, indicator: Indicator, *, assigned_by: Unit, period: periods.Period, situation: str):
    """"Yêu cầu giải trình": a tracked task for the unit responsible for the indicator."""
    lead = indicator.responsible_unit
    if lead.root_id != assigned_by.root_id:
        raise ValidationError(f"Đơn vị chịu trách nhiệm “{lead.name}” không thuộc phạm vi của “{assigned_by.name}”.")
    today = calendar.today()
    content = (f"Giải trình việc thực hiện chỉ tiêu “{indicator.name}” {period.label}: {clean(situation)}; "
               f"nêu nguyên nhân và giải pháp bảo đảm hoàn thành kế hoạch.")
    draft = TaskDraft(content=content, lead=lead,
                      deadline=calendar.add_working_days(today, settings.DIEUHANH_EXPLANATION_DAYS))
    return assign_tasks(actor, assigned_by=assigned_by, drafts=[draft], issued_on=today,
                        event=Kind.EXPLANATION_REQUESTED)[0]
