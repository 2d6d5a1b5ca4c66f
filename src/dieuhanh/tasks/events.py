"""The events of a task's workflow and who hears of each (issue rules):

- assigned, edited → the lead's and the coordinators' officers and leaders; delegated → the child's lead;
- progress reported, completion or extension requested → the assigning unit's trackers and leaders;
- accepted, returned, extension decided, paused, resumed, cancelled → the lead and the coordinators;
- acknowledged → nobody (it is kept in the task's history and the assigner's list of receipts).
"""

from django.urls import reverse

from dieuhanh.events.models import Kind
from dieuhanh.events.services import record, summary
from dieuhanh.org.models import Role
from dieuhanh.org.queries import people_to_tell

from .models import Task

DOERS = (Role.OFFICER, Role.LEADER)
DECIDERS = (Role.TRACKER, Role.LEADER)
TO_ASSIGNER = {Kind.PROGRESS, Kind.COMPLETION_REQUESTED, Kind.EXTENSION_REQUESTED}
TO_LEAD_ONLY = {Kind.DELEGATED}
TO_NOBODY = {Kind.ACKNOWLEDGED}


def doers(task: Task) -> list:
    """The lead's and the coordinators' officers and leaders — also who the reminders (đôn đốc) reach."""
    coordinators = [c.unit for c in task.coordinations.select_related("unit")]
    return people_to_tell([task.lead, *coordinators], DOERS)


def recipients(kind: str, task: Task) -> list:
    if kind in TO_NOBODY:
        return []
    if kind in TO_ASSIGNER:
        return people_to_tell([task.assigned_by], DECIDERS)
    if kind in TO_LEAD_ONLY:
        return people_to_tell([task.lead], DOERS)
    return doers(task)


def task_event(kind: str, task: Task, actor, note: str = ""):
    return record(kind, task, actor=actor, recipients=recipients(kind, task), text=summary(kind, task.content, note),
                  link=reverse("task_detail", args=[task.pk]))
