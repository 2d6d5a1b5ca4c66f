"""Petitions nearing or past their answer date remind the unit handling them, as tasks do: before the
date, on it, then every M working days — read from the precomputed next reminder, claimed with a
compare-and-swap so that two workers or a rerun send nothing twice."""

from datetime import date

from django.db import transaction

from dieuhanh.events.models import Kind
from dieuhanh.tasks import schedule

from .events import petition_event
from .models import Petition

KINDS = {schedule.BEFORE: Kind.PETITION_DUE_SOON, schedule.DUE: Kind.PETITION_DUE, schedule.OVERDUE: Kind.PETITION_OVERDUE}


def run_daily(today: date) -> int:
    sent = 0
    due = (Petition.objects.filter(status__in=Petition.OPEN_STATUSES, next_reminder_on__lte=today)
           .select_related("responsible_unit", "receiving_unit").order_by("next_reminder_on", "id"))
    for petition in due.iterator():
        with transaction.atomic():
            reminders = schedule.claim_due(petition, today,
                                           lambda day: schedule.next_on_or_after(petition.due_on, None, day))
            if reminders:  # a job that was down sends the latest reminder, once
                kind, _day = reminders[-1]
                petition_event(KINDS[kind], petition, None, f"hạn trả lời {petition.due_on:%d/%m/%Y}")
                sent += 1
    return sent
