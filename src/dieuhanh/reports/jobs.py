"""Background building of reports (django.tasks; `dieuhanh worker` runs it)."""

from django.dispatch import receiver
from django.tasks import task

from dieuhanh.workers.reaper import job_lost

from .building import build_run, lost_run


@task
def build_report_job(run_id: int) -> None:
    run = build_run(run_id)
    retry_at = getattr(run, "retry_at", None)
    if retry_at is not None:  # a failure to build, tried again later
        build_report_job.using(run_after=retry_at).enqueue(run_id)


@receiver(job_lost)
def _worker_died(sender, task_path, args, kwargs, **extra):
    if task_path == build_report_job.module_path and args:
        if lost_run(int(args[0])) is not None:
            build_report_job.enqueue(int(args[0]))
