"""Background reading of uploaded files (django.tasks; the django-tasks-db worker runs it)."""

from django.tasks import task

from .reading import read_draft


@task
def read_draft_job(draft_id: int) -> None:
    read_draft(draft_id)
