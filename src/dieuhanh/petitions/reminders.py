"""Petitions nearing or past their answer date remind the unit handling them, as tasks do: before the
date, on it, then every M working days — read from the precomputed next reminder, claimed with a
compare-and-swap so that two workers or a rerun send nothing twice."""

from datetime import date, timedelta

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
        latest, day, kind = None, petition.next_reminder_on, petition.next_reminder_kind
        while day is not None and day <= today:  # a job that was down sends the latest reminder, once
            latest = (kind, day)
            day, kind = schedule.next_on_or_after(petition.due_on, None, day + timedelta(days=1))
        with transaction.atomic():
            claimed = Petition.objects.filter(pk=petition.pk, next_reminder_on=petition.next_reminder_on,
                                              next_reminder_kind=petition.next_reminder_kind).update(
                next_reminder_on=day, next_reminder_kind=kind)
            if claimed and latest:
                note = f"hạn trả lời {petition.due_on:%d/%m/%Y}"
                petition_event(KINDS[latest[0]], petition, None, note)
                sent += 1
    return sent
