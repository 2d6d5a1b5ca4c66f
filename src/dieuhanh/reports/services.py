"""Asking for a report and building it in the background; one active job per unit, period and format."""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dieuhanh.events.models import Kind
from dieuhanh.events.services import record
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope
from dieuhanh.periods import PeriodError, parse_report_period
from dieuhanh.tasks.calendar import today

from . import content, docx, pdf, xlsx
from .models import ReportRun

log = logging.getLogger(__name__)
WRITERS = {"docx": docx.render, "xlsx": xlsx.render, "pdf": pdf.render}
RETRIES = 3


def request_report(actor, unit: Unit, period: str, format: str) -> ReportRun:
    """A queued run, or the one already queued or running for the same report (asked twice at once)."""
    if not Scope.of(actor).can_read_unit(unit):
        raise PermissionDenied("Bạn không có quyền lập báo cáo của đơn vị này.")
    if format not in WRITERS:
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
    from .jobs import build_report_job

    transaction.on_commit(lambda: build_report_job.enqueue(run.pk))
    return run


def build_run(run_id: int) -> ReportRun:
    """Claim the run (compare-and-swap, so two workers never build it twice), build and keep the file."""
    if not ReportRun.objects.filter(pk=run_id, state=ReportRun.State.QUEUED).update(state=ReportRun.State.RUNNING):
        return ReportRun.objects.get(pk=run_id)
    run = ReportRun.objects.select_related("unit").get(pk=run_id)
    try:
        report = content.build(run.unit, parse_report_period(run.period), today())
        data = WRITERS[run.format](report)
    except Exception as error:  # noqa: BLE001 — any failure is retried, then shown on the page, and logged
        log.exception("report run %s failed", run_id)
        run.attempts += 1
        run.error = str(error)[:2000]
        if run.attempts < RETRIES:  # again in 1, 2, 4 minutes
            run.state = ReportRun.State.QUEUED
            run.save()
            from .jobs import build_report_job

            later = timezone.now() + timedelta(minutes=2 ** (run.attempts - 1))
            transaction.on_commit(lambda: build_report_job.using(run_after=later).enqueue(run.pk))
            return run
        run.state = ReportRun.State.FAILED
    else:
        run.file.save(f"bao-cao-{run.unit.code}-{run.period}.{run.format}", ContentFile(data), save=False)
        run.state = ReportRun.State.DONE
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save()
        _tell_requester(run)
    return run


def _tell_requester(run: ReportRun) -> None:
    """The one who asked hears that the report is ready, or could not be built."""
    if run.requested_by is None:
        return
    done = run.state == ReportRun.State.DONE
    kind = Kind.REPORT_READY if done else Kind.REPORT_FAILED
    what = f"{run.unit.name}, kỳ {run.period}, tệp {run.format.upper()}"
    record(kind, run, actor=None, recipients=[run.requested_by], text=f"{Kind(kind).label}: {what}",
           link=reverse("report_index"))
