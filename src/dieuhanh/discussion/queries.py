"""A discussion as its page reads it: oldest first, with files and the names mentioned, and whether
the reader may still edit each comment (the policy's answer, so the template compares nothing)."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
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


def thread(target, user) -> list[Comment]:
    comments = list(Comment.objects.filter(target_type=ContentType.objects.get_for_model(target),
                                           target_id=target.pk)
                    .select_related("author").prefetch_related("files", "mentioned_units", "mentioned_users"))
    now = timezone.now()
    for c in comments:
        c.may_edit = policy.may_edit(user, c, now)
    return comments


def comment_file(target, file_id: int) -> CommentFile | None:
    return CommentFile.objects.filter(pk=file_id, comment__target_type=ContentType.objects.get_for_model(target),
                                      comment__target_id=target.pk).first()
