"""Building a report run: claimed once, built, kept; a failure goes back to the queue a few times (the
job enqueues the retry), then shows on the page; the one who asked is told either way."""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dieuhanh.core.calendar import today
from dieuhanh.core.periods import parse_report_period
from dieuhanh.events.models import Kind
from dieuhanh.events.services import record, summary

from . import content, docx, pdf, xlsx
from .models import ReportRun

log = logging.getLogger(__name__)
WRITERS = {"docx": docx.render, "xlsx": xlsx.render, "pdf": pdf.render}
RETRIES = 3


def build_run(run_id: int) -> ReportRun:
    """Claim the run (compare-and-swap, so two workers never build it twice), build and keep the file.
    A failed run goes back to the queue with `retry_at` set; the job enqueues it again then."""
    if not ReportRun.objects.filter(pk=run_id, state=ReportRun.State.QUEUED).update(state=ReportRun.State.RUNNING):
        return ReportRun.objects.get(pk=run_id)
    run = ReportRun.objects.select_related("unit", "addressee", "signer__person").get(pk=run_id)
    try:
        report = content.build(run.unit, parse_report_period(run.period), today())
        report.addressee, report.signer = run.addressee, run.signer
        data = WRITERS[run.format](report)
    except Exception as error:  # noqa: BLE001 — any failure is retried, then shown on the page, and logged
        log.exception("report run %s failed", run_id)
        run.attempts += 1
        run.error = str(error)[:2000]
        if run.attempts < RETRIES:  # again in 1, 2, 4 minutes
            run.state = ReportRun.State.QUEUED
            run.save()
            run.retry_at = timezone.now() + timedelta(minutes=2 ** (run.attempts - 1))
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


def lost_run(run_id: int) -> ReportRun | None:
    """Its worker died while building: back to the queue while attempts remain (returned, for the job to
    enqueue), else failed where the requester sees it. Either way the report can be asked for again."""
    run = ReportRun.objects.filter(pk=run_id, state=ReportRun.State.RUNNING).select_related("unit").first()
    if run is None:
        return None
    run.attempts += 1
    run.error = "Tiến trình nền dừng đột ngột khi đang lập báo cáo."
    if run.attempts < RETRIES:
        run.state = ReportRun.State.QUEUED
        run.save()
        return run
    run.state, run.finished_at = ReportRun.State.FAILED, timezone.now()
    with transaction.atomic():
        run.save()
        _tell_requester(run)
    return None


def _tell_requester(run: ReportRun) -> None:
    """The one who asked hears that the report is ready, or could not be built."""
    if run.requested_by is None:
        return
    done = run.state == ReportRun.State.DONE
    kind = Kind.REPORT_READY if done else Kind.REPORT_FAILED
    what = f"{run.unit.name}, kỳ {run.period}, tệp {run.format.upper()}"
    record(kind, run, actor=None, recipients=[run.requested_by], text=summary(kind, what),
           link=reverse("report_index"))
