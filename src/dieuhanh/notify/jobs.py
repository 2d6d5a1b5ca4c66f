"""Background jobs (django.tasks; the django-tasks-db worker runs them). A failed daily job is
enqueued again with a growing delay and stays visible, failed, in /quan-tri/ (task results)."""

from datetime import timedelta

from django.core.management import call_command
from django.tasks import task
from django.utils import timezone

from dieuhanh.audit.log import prune as prune_audit_log
from dieuhanh.core import calendar
from dieuhanh.events.services import deliver_pending
from dieuhanh.petitions import reminders as petition_reminders

from . import mail
from .services import run_daily

RETRIES = 5


def daily_work() -> None:
    deliver_pending()
    run_daily()
    petition_reminders.run_daily(calendar.today())
    mail.queue_digests(calendar.today())
    call_command("create_occurrences", verbosity=0)
    mail.send_pending()
    prune_audit_log()  # entries past DIEUHANH_AUDIT_KEEP_DAYS (at least 3 months are kept)


@task
def daily_job(attempt: int = 0) -> None:
    try:
        daily_work()
    except Exception:
        if attempt < RETRIES:
            daily_job.using(run_after=timezone.now() + timedelta(minutes=5 * 2 ** attempt)).enqueue(attempt + 1)
        raise


@task
def send_mail_job() -> None:
    deliver_pending()  # events whose commit hook never ran, then the outbox
    mail.send_pending()
