"""Finding jobs whose worker died, and telling their owners.

django-tasks-db marks a job RUNNING with the id of the worker that claimed it and nothing more; if that
worker is killed the job stays RUNNING for ever. Here a worker that has not beaten for
DIEUHANH_WORKER_LOST_AFTER_SECONDS is dead: its running jobs are marked failed, and `job_lost` lets the
app that owns each job repair its own record (a report run queued again or failed, a draft failed)."""

import logging
import os
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.dispatch import Signal
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dieuhanh.workers.models import Worker

log = logging.getLogger(__name__)

job_lost = Signal()  # kwargs: task_path, args, kwargs — sent once per job found dead


class WorkerLost(Exception):
    """The worker running the job stopped (killed or crashed) before it finished."""


def reap(now=None) -> int:
    now = now or timezone.now()
    lost_after = timedelta(seconds=settings.DIEUHANH_WORKER_LOST_AFTER_SECONDS)
    alive = set(Worker.objects.filter(beat_at__gte=now - lost_after).values_list("worker_id", flat=True))
    reaped = 0
    for result in DBTaskResult.objects.filter(status="RUNNING", started_at__lt=now - lost_after):
        owner = result.worker_ids[-1] if result.worker_ids else None
        if owner in alive:
            continue
        # Only this call moves the job out of RUNNING: a second reaper finds nothing to update.
        if not DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(status="FAILED", finished_at=now):
            continue
        result.refresh_from_db()
        result.set_failed(WorkerLost(f"Tiến trình nền {owner} dừng đột ngột khi đang chạy việc này."))
        log.warning("job %s (%s) lost with worker %s", result.pk, result.task_path, owner)
        args = result.args_kwargs or {}
        job_lost.send(sender=WorkerLost, task_path=result.task_path, args=args.get("args", []),
                      kwargs=args.get("kwargs", {}))
        reaped += 1
    Worker.objects.filter(beat_at__lt=now - lost_after * 10).delete()
    return reaped


def sweep_uploads(older_than_seconds: int = 3600) -> int:
    """Uploads Django spooled to disk for a request that was killed: removed after an hour."""
    removed = 0
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    for entry in folder.glob("*.upload*"):
        try:
            if time.time() - entry.stat().st_mtime > older_than_seconds:
                os.unlink(entry)
                removed += 1
        except OSError:
            continue
    return removed
