"""`dieuhanh worker`: django-tasks-db's db_worker with a heartbeat, so that a job left behind by a
killed worker is found (by any other worker or the scheduler) and failed or retried within a minute or
two. Starting also removes what dead processes left: their jobs, scratch files, spooled uploads."""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Command as DBWorker

from dieuhanh.core.scratch import sweep_scratch
from dieuhanh.workers import reaper
from dieuhanh.workers.models import Worker

log = logging.getLogger(__name__)


class Command(DBWorker):
    help = "Chạy tiến trình nền (đọc tệp, lập báo cáo, gửi thư, đôn đốc) có nhịp tim để phát hiện tiến trình chết."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=None)  # ours names the host and process, for the admin and the logs

    def handle(self, *args, **options):
        if not options.get("worker_id"):
            options["worker_id"] = f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(6)}"
        worker_id = options["worker_id"]
        Worker.objects.update_or_create(worker_id=worker_id, defaults={
            "host": socket.gethostname()[:255], "pid": os.getpid(), "beat_at": timezone.now()})
        sweep_scratch()
        reaper.sweep_uploads()
        reaper.reap()
        stop = threading.Event()
        beat = threading.Thread(target=self._beat, args=(worker_id, stop), daemon=True, name="heartbeat")
        beat.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            Worker.objects.filter(worker_id=worker_id).delete()

    @staticmethod
    def _beat(worker_id: str, stop: threading.Event) -> None:
        """Every few seconds, on its own database connection: alive; and look for dead workers' jobs."""
        every = settings.DIEUHANH_WORKER_BEAT_SECONDS
        while not stop.wait(every):
            try:
                close_old_connections()
                Worker.objects.filter(worker_id=worker_id).update(beat_at=timezone.now())
                reaper.reap()
            except Exception:  # noqa: BLE001 — a database hiccup must not kill the heartbeat
                log.exception("heartbeat of %s failed; trying again", worker_id)
            finally:
                connection.close()
