"""Scoped reads of documents."""

from django.db.models import Q

from dieuhanh.org.queries import Scope
from dieuhanh.tasks.queries import visible_tasks

from .models import Document


def visible_documents(user):
    """Documents issued within the user's scope, or carrying tasks the user can see."""
    scope = Scope.of(user)
    if scope.is_superuser:
        return Document.objects.all()
    issuers = scope.readable_units().values("pk")
    with_tasks = visible_tasks(user).exclude(document=None).values("document_id")
    return Document.objects.filter(Q(issuer_id__in=issuers) | Q(pk__in=with_tasks))
