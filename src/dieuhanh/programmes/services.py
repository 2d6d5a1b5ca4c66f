"""Changes to a programme, each one transaction through the policy with history: the commendation proposals at
its end (by the office's rules: on-time rate and tasks due), and the leader's decision on each."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dieuhanh.core.history import by
from dieuhanh.dashboard import tally
from dieuhanh.tasks.models import Task

from .models import Commendation, Programme
from .policy import policy


@transaction.atomic
def propose_commendations(actor, programme: Programme, today: date) -> list[Commendation]:
    """The units whose programme tasks were done on time at the rate the programme asks, over at least as many
    tasks due; proposed once (a unit already proposed keeps its row and decision)."""
    policy.require(actor, "propose", programme)
    tallies = tally.of_tasks(Task.objects.filter(programmes=programme), today)
    made = []
    held = set(programme.commendations.values_list("unit_id", flat=True))
    for unit_id, t in tallies.items():
        if unit_id in held or t.due < programme.min_tasks_due or t.on_time_rate < programme.min_on_time_rate:
            continue
        c = Commendation(programme=programme, unit_id=unit_id, on_time_rate=Decimal(str(round(t.on_time_rate, 2))),
                         tasks_due=t.due)
        by(c, actor).save()
        made.append(c)
    return made


@transaction.atomic
def decide(actor, commendation: Commendation, *, accept: bool, note: str = "") -> Commendation:
    commendation = Commendation.objects.select_for_update().select_related("programme__lead").get(pk=commendation.pk)
    policy.require(actor, "decide", commendation)
    if not accept and not note.strip():
        raise ValidationError("Ghi lý do không khen thưởng.")
    commendation.decision = Commendation.Decision.ACCEPTED if accept else Commendation.Decision.DECLINED
    commendation.decided_by, commendation.decided_at, commendation.note = actor, timezone.now(), note.strip()
    by(commendation, actor).save()
    return commendation
