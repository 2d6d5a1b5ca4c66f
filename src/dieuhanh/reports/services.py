"""Asking for a report and building it in the background; one active job per unit, period and format."""


from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dieuhanh.core.calendar import today
from dieuhanh.core.errors import Refused
from dieuhanh.core.periods import PeriodError, parse_report_period
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope

from . import building, policy
from .jobs import build_report_job
from .models import ReportRun


def request_report(actor, unit: Unit, period: str, format: str) -> ReportRun:
    """A queued run, or the one already queued or running for the same report (asked twice at once)."""
    if not policy.may_request(Scope.of(actor), unit):
        raise Refused("Bạn không có quyền lập báo cáo của đơn vị này.")
    if format not in building.WRITERS:
        raise ValidationError("Định dạng phải là docx, xlsx hoặc pdf.")
    try:
        chosen = parse_report_period(period)
    except PeriodError as e:
        raise ValidationError(str(e)) from e
    if chosen.start > today():
        raise ValidationError(f"Kỳ báo cáo {chosen.label} chưa bắt đầu.")
    active = ReportRun.objects.filter(unit=unit, period=chosen.key, format=format, state__in=["queued", "running"])
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(unit=unit, period=chosen.key, format=format, requested_by=actor)
    except IntegrityError:
        return active.get()
    transaction.on_commit(lambda: build_report_job.enqueue(run.pk))
    return run
