"""Asking for a report and building it in the background; one active job per unit, period and format."""


from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dieuhanh.core.calendar import today
from dieuhanh.core.errors import Refused
from dieuhanh.core.periods import PeriodError, parse_report_period
from dieuhanh.org.models import Position, Unit
from dieuhanh.org.queries import Scope, current_positions

from . import building, policy
from .jobs import build_report_job
from .models import ReportRun


def check_parties(unit: Unit, addressee: Unit | None, signer: Position | None) -> None:
    """A report goes to a body above the unit ("Kính gửi") and is signed by someone holding a title there now."""
    if addressee is not None and addressee.pk not in {u.pk for u in unit.ancestors()}:
        raise ValidationError("Nơi gửi báo cáo phải là cơ quan cấp trên của đơn vị.")
    if signer is not None and signer.pk not in {p.pk for p in current_positions(unit)}:
        raise ValidationError("Người ký phải đang giữ chức vụ tại đơn vị lập báo cáo.")


def request_report(actor, unit: Unit, period: str, format: str, *, addressee: Unit | None = None,
                   signer: Position | None = None) -> ReportRun:
    """A queued run, or the one already queued or running for the same report (asked twice at once). The
    addressee ("Kính gửi") is a body above the unit; the signer holds a title in the unit now."""
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
    check_parties(unit, addressee, signer)
    active = ReportRun.objects.filter(unit=unit, period=chosen.key, format=format, state__in=["queued", "running"])
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(unit=unit, period=chosen.key, format=format, requested_by=actor,
                                           addressee=addressee, signer=signer)
    except IntegrityError:
        return active.get()
    transaction.on_commit(lambda: build_report_job.enqueue(run.pk))
    return run
