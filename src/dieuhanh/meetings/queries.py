"""Meetings a user sees: those held by their units and the units below, or in provinces they read whole."""

from django.db.models import QuerySet

from dieuhanh.org.queries import Scope

from .models import Meeting


def visible_meetings(user) -> QuerySet[Meeting]:
    scope = Scope.of(user)
    if scope.is_superuser:
        return Meeting.objects.all()
    return Meeting.objects.filter(host_unit__in=scope.readable_units())
