"""A discussion as its page reads it: oldest first, with files and the names mentioned, and whether
the reader may still edit each comment (the policy's answer, so the template compares nothing)."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from . import policy
from .models import Comment, CommentFile


@dataclass(frozen=True)
class Thread:
    """What the discussion section of a page shows: the comments, where to post (edits and files are under
    that address), whether the reader may post, and the units a comment may mention."""

    comments: list
    url: str
    may_post: bool
    units: Sequence
    edit_minutes: int = settings.DIEUHANH_COMMENT_EDIT_MINUTES


def comments_on(target) -> QuerySet[Comment]:
    return Comment.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)


def thread(target, user) -> list[Comment]:
    comments = list(comments_on(target).select_related("author")
                    .prefetch_related("files", "mentioned_units", "mentioned_users"))
    now = timezone.now()
    for c in comments:
        c.may_edit = policy.may_edit(user, c, now)
    return comments


def page_thread(place, user, url: str, may_post: bool) -> Thread:
    """The discussion section of the object's page (`place` as its app describes it, see services.Place)."""
    return Thread(thread(place.target, user), url, may_post, place.units)


def comment_file(target, file_id: int) -> CommentFile | None:
    return CommentFile.objects.filter(pk=file_id, comment__in=comments_on(target)).first()
