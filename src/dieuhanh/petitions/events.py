"""The events of a petition and who hears of each: routed or transferred → the receiving unit's officers
and leaders; answered → the petition's tracker (the office that received it: trackers and leaders); rated
by the citizen → that office and the unit that answered."""

from django.urls import reverse

from dieuhanh.events.models import Kind
from dieuhanh.events.services import record, summary
from dieuhanh.org.models import Role
from dieuhanh.org.queries import people_to_tell

from .models import Petition


def petition_event(kind: str, petition: Petition, actor, note: str = ""):
    if kind == Kind.PETITION_ANSWERED:
        people = people_to_tell([petition.receiving_unit], (Role.TRACKER, Role.LEADER))
    elif kind == Kind.PETITION_RATED:
        people = (people_to_tell([petition.receiving_unit], (Role.TRACKER, Role.LEADER))
                  + people_to_tell([petition.responsible_unit], (Role.OFFICER, Role.LEADER)))
    else:
        people = people_to_tell([petition.responsible_unit], (Role.OFFICER, Role.LEADER))
    return record(kind, petition, actor=actor, recipients=people, text=summary(kind, petition.content, note),
                  link=reverse("petition_detail", args=[petition.pk]))
