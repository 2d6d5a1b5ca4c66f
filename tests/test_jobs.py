"""Jobs that survive their worker: a job whose worker stopped beating is failed (the report run queued
again or failed, the draft failed visibly), never left "running"; and, with real processes, kill -9."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import databases
from dieuhanh.core.scratch import SCRATCH_PREFIX
from dieuhanh.intake.jobs import read_draft_job
from dieuhanh.intake.models import Draft
from dieuhanh.reports import services as report_services
from dieuhanh.reports.jobs import build_report_job
from dieuhanh.reports.models import ReportRun
from dieuhanh.workers import reaper
from dieuhanh.workers.models import Worker

FILES = Path(__file__).parent / "files"


def _running(job, *args, worker_id="w-dead", started_ago=timedelta(minutes=5)):
    """A job claimed by a worker, as django-tasks-db leaves it when that worker dies mid-job."""
    result = DBTaskResult.objects.get(pk=job.enqueue(*args).id)
    DBTaskResult.objects.filter(pk=result.pk).update(status="RUNNING", worker_ids=[worker_id],
                                                     started_at=timezone.now() - started_ago)
    return result


def test_a_dead_workers_report_run_is_queued_again_then_failed_and_never_blocks_a_new_one(province):
    run = report_services.request_report(province.tracker, province.root, "2026-9M", "xlsx")
    for attempt in range(1, 4):
        ReportRun.objects.filter(pk=run.pk).update(state=ReportRun.State.RUNNING)
        lost = _running(build_report_job, run.pk)
        assert reaper.reap() == 1
        lost.refresh_from_db()
        assert lost.status == "FAILED" and lost.exception_class_path.endswith("WorkerLost")
        run.refresh_from_db()
        assert run.attempts == attempt
    assert run.state == ReportRun.State.FAILED and "dừng đột ngột" in run.error
    assert DBTaskResult.objects.filter(task_path=build_report_job.module_path, status="READY").count() == 2
    again = report_services.request_report(province.tracker, province.root, "2026-9M", "xlsx")
    assert again.pk != run.pk and again.state == ReportRun.State.QUEUED


def test_a_dead_workers_reading_fails_the_draft_visibly_with_how_far_it_got(province, settings, tmp_path):
    draft = Draft.objects.create(created_by=province.tracker, issuer=province.root, pages_done=3, pages_total=3000,
                                 source=SimpleUploadedFile("tb.pdf", b"%PDF-1.4"), source_name="tb.pdf")
    _running(read_draft_job, draft.pk)
    assert reaper.reap() == 1
    draft.refresh_from_db()
    assert draft.state == Draft.State.FAILED and "ở trang 3/3000" in draft.error and not draft.source


def test_a_live_workers_job_and_a_just_started_one_are_left_alone(province):
    Worker.objects.create(worker_id="w-live", host="h", pid=1, beat_at=timezone.now())
    run = report_services.request_report(province.tracker, province.root, "2026-9M", "xlsx")
    _running(build_report_job, run.pk, worker_id="w-live")
    _running(build_report_job, run.pk, worker_id="w-new", started_ago=timedelta(seconds=1))
    assert reaper.reap() == 0
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 2


# --- With real processes: a worker killed with kill -9, and another one that takes over ----------------


def _worker(url: str, var: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "DIEUHANH_VAR": str(var), "DIEUHANH_WORKER_BEAT_SECONDS": "1",
           "DIEUHANH_WORKER_LOST_AFTER_SECONDS": "3", "DIEUHANH_SECRET_KEY": "fault-test-" + "f" * 60,
           "DJANGO_SETTINGS_MODULE": "dieuhanh.settings"}
    return subprocess.Popen([sys.executable, "-m", "dieuhanh.cli", "worker", "--interval", "0.2", "-v", "0"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (value := check()) is not None:
            return value
        time.sleep(0.3)
    pytest.fail(f"sau {seconds:.0f} giây vẫn chưa: {what}")


@pytest.mark.django_db(transaction=True)
def test_kill_minus_nine_a_worker_mid_read_and_the_next_one_finishes_or_fails_both_jobs(
        province, settings, tmp_path, need_program):
    need_program("pdfunite", "poppler-utils")
    need_program("tesseract", "tesseract-ocr tesseract-ocr-vie")
    need_program("/usr/bin/chromium", "chromium")
    settings.MEDIA_ROOT = tmp_path / "media"  # where the workers (DIEUHANH_VAR=tmp_path) find the upload
    scan = tmp_path / "scan-4-trang.pdf"
    subprocess.run(["pdfunite", *[str(FILES / "notice-scan.pdf")] * 4, str(scan)], check=True)
    draft = Draft.objects.create(created_by=province.tracker, issuer=province.root, source_name=scan.name,
                                 source=SimpleUploadedFile(scan.name, scan.read_bytes()))
    read_draft_job.enqueue(draft.pk)  # first in the queue: the job the worker will be killed in
    run = ReportRun.objects.create(unit=province.root, period="2026-9M", format="pdf", requested_by=province.tracker)
    build_report_job.enqueue(run.pk)
    url = databases.new_database(tmp_path, "fault", copy=True)

    first = _worker(url, tmp_path)
    try:
        pages = _draft_pages(url, draft.pk)
        _wait(lambda: True if pages() >= 1 else None, 60, "worker 1 reads page 1 of 4")
        first.send_signal(signal.SIGKILL)
        first.wait()
        left = [p for p in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}{first.pid}-*")]
        assert left, "the killed reader leaves its page images (that is what the next worker sweeps)"
        second = _worker(url, tmp_path)
        try:
            states = _wait(lambda: _final_states(url, draft.pk, run.pk), 90, "both jobs finish or fail visibly")
        finally:
            second.terminate()
            second.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    draft_state, draft_error, run_state = states
    assert draft_state == "failed" and "dừng đột ngột ở trang" in draft_error
    assert run_state == "done"
    assert not list(Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}{first.pid}-*"))


def _draft_pages(url: str, pk: int):
    def pages():
        with databases.connect(url) as c:
            return c.execute(f"SELECT pages_done FROM intake_draft WHERE id = {int(pk)}").fetchone()[0]
    return pages


def _final_states(url: str, draft_pk: int, run_pk: int):
    with databases.connect(url) as c:
        draft = c.execute(f"SELECT state, error FROM intake_draft WHERE id = {int(draft_pk)}").fetchone()
        run = c.execute(f"SELECT state FROM reports_reportrun WHERE id = {int(run_pk)}").fetchone()
    if draft[0] != "reading" and run[0] in ("done", "failed"):
        return draft[0], draft[1], run[0]
    return None


def test_the_admin_queues_a_failed_run_again_and_stops_a_reading_that_will_not_finish(province, client, settings):
    from django.contrib.auth import get_user_model

    settings.DIEUHANH_DEMO = True  # no second factor to enter for this administrator
    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    run = ReportRun.objects.create(unit=province.root, period="2026-9M", format="xlsx", state=ReportRun.State.FAILED,
                                   attempts=3, error="Tiến trình nền dừng đột ngột")
    response = client.post("/quan-tri/reports/reportrun/", {"action": "queue_again", "_selected_action": [run.pk]})
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.state == ReportRun.State.QUEUED and run.attempts == 0
    assert DBTaskResult.objects.filter(task_path=build_report_job.module_path, status="READY").count() == 1
    draft = Draft.objects.create(created_by=province.tracker, issuer=province.root, pages_done=3, pages_total=3000)
    client.post("/quan-tri/intake/draft/", {"action": "stop", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.state == Draft.State.FAILED and "Quản trị viên đã dừng" in draft.error
    assert client.get("/quan-tri/workers/worker/").status_code == 200
