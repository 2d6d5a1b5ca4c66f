"""Changes to a programme, each one transaction through the policy with history: the commendation proposals at
its end (by the office's rules: on-time rate and tasks due), and the leader's decision on each."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dieuhanh.core.history import by

from . import queries
from .models import Commendation, Programme
from .policy import commendation_policy, policy


@transaction.atomic
def propose_commendations(actor, programme: Programme, today: date) -> list[Commendation]:
    """The units that meet the programme's rules (`queries.candidates`: on-time rate over enough tasks due, and
    its targets met where the programme requires it); proposed once (a unit already proposed keeps its row and
    decision)."""
    policy.require(actor, "propose", programme)
    made = []
    held = set(programme.commendations.values_list("unit_id", flat=True))
    for c in queries.candidates(programme, today):
        if c.unit.pk in held or c.reasons:
            continue
        row = Commendation(programme=programme, unit=c.unit, tasks_due=c.tally.due,
                           on_time_rate=Decimal(str(round(c.tally.on_time_rate, 2))))
        by(row, actor).save()
        made.append(row)
    return made


@transaction.atomic
def decide(actor, commendation: Commendation, *, accept: bool, note: str = "") -> Commendation:
    commendation = Commendation.objects.select_for_update().select_related("programme__lead").get(pk=commendation.pk)
    commendation_policy.require(actor, "decide", commendation)
    if not accept and not note.strip():
        raise ValidationError("Ghi lý do không khen thưởng.")
    commendation.decision = Commendation.Decision.ACCEPTED if accept else Commendation.Decision.DECLINED
    commendation.decided_by, commendation.decided_at, commendation.note = actor, timezone.now(), note.strip()
    by(commendation, actor).save()
    return commendation
