"""Background reading of uploaded files (django.tasks; `dieuhanh worker` runs it)."""

from django.dispatch import receiver
from django.tasks import task

from dieuhanh.workers.reaper import job_lost

from .reading import lost_reading, read_draft


@task
def read_draft_job(draft_id: int) -> None:
    read_draft(draft_id)


@receiver(job_lost)
def _worker_died(sender, task_path, args, kwargs, **extra):
    if task_path == read_draft_job.module_path and args:
        lost_reading(int(args[0]))
