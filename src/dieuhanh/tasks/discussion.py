"""A task's discussion (trao đổi) as the discussion app needs it described: who takes part (the task's
"comment" rule), the units offered as mentions (assigning, lead, coordinating), and who hears of any
comment — the other side: the lead's people when the assigning office writes, the office otherwise."""

from django.urls import reverse

from dieuhanh.discussion.services import Place
from dieuhanh.org.queries import Scope, people_to_tell

from . import policy
from .events import DECIDERS, doers
from .models import Task


def place(task: Task) -> Place:
    units = [task.assigned_by, task.lead, *(c.unit for c in task.coordinations.select_related("unit"))]
    unique = list({u.pk: u for u in units}.values())

    def tell(actor):
        if Scope.of(actor).may_decide_for(task.assigned_by):
            return doers(task)
        return people_to_tell([task.assigned_by], DECIDERS)

    return Place(target=task, link=reverse("task_detail", args=[task.pk]), subject=task.content,
                 takes_part=lambda user: policy.can(user, "comment", task), units=unique, tell=tell)
