"""Who may change a comment: its author alone, within the edit window (DIEUHANH_COMMENT_EDIT_MINUTES) —
long enough to mend a typo, short enough that a reply never answers words that later changed. Who may
take part at all is the owning app's rule (its "comment" action)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Comment


def edit_window() -> timedelta:
    return timedelta(minutes=settings.DIEUHANH_COMMENT_EDIT_MINUTES)


def may_edit(user, comment: Comment, now=None) -> bool:
    now = now or timezone.now()
    return comment.author_id == getattr(user, "pk", None) and now - comment.created_at <= edit_window()
