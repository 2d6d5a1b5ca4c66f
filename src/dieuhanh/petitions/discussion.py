"""A petition's discussion (trao đổi) between the receiving office and the unit handling it: who takes part
(the petition's "comment" rule), the two units offered as mentions, and who hears of any comment — the
handling unit when the office writes, the office otherwise. Citizens' details are never part of it."""

from django.urls import reverse

from dieuhanh.discussion.services import Place
from dieuhanh.org.models import Role
from dieuhanh.org.queries import Scope, people_to_tell

from . import policy
from .models import Petition


def place(petition: Petition) -> Place:
    units = [u for u in (petition.receiving_unit, petition.responsible_unit) if u is not None]
    unique = list({u.pk: u for u in units}.values())

    def tell(actor):
        if policy.manages(Scope.of(actor), petition):
            return people_to_tell([petition.responsible_unit], (Role.OFFICER, Role.LEADER))
        return people_to_tell([petition.receiving_unit], (Role.TRACKER, Role.LEADER))

    return Place(target=petition, link=reverse("petition_detail", args=[petition.pk]),
                 subject=f"{petition.code}: {petition.content}", units=unique,
                 takes_part=lambda user: policy.can(user, "comment", petition), tell=tell)
