"""Background building of reports (django.tasks; the django-tasks-db worker runs it)."""

from django.tasks import task

from .services import build_run


@task
def build_report_job(run_id: int) -> None:
    build_run(run_id)
