"""Background building of reports (django.tasks; the django-tasks-db worker runs it)."""

from django.tasks import task

from .building import build_run


@task
def build_report_job(run_id: int) -> None:
    run = build_run(run_id)
    retry_at = getattr(run, "retry_at", None)
    if retry_at is not None:  # a failure to build, tried again later
        build_report_job.using(run_after=retry_at).enqueue(run_id)
