"""Who may change a comment: its author alone, within the edit window (DIEUHANH_COMMENT_EDIT_MINUTES) —
long enough to mend a typo, short enough that a reply never answers words that later changed. Who may
take part at all is the owning app's rule (its "comment" action)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from dieuhanh.core.errors import Refused

from .models import Comment


def edit_window() -> timedelta:
    return timedelta(minutes=settings.DIEUHANH_COMMENT_EDIT_MINUTES)


def _is_author(user, comment: Comment) -> bool:
    return comment.author_id == getattr(user, "pk", None)


def _in_window(comment: Comment, now) -> bool:
    return (now or timezone.now()) - comment.created_at <= edit_window()


def may_edit(user, comment: Comment, now=None) -> bool:
    return _is_author(user, comment) and _in_window(comment, now)


def require_edit(user, comment: Comment) -> None:
    """Refuse in the service: someone else's comment (PermissionDenied), then a closed window."""
    if not _is_author(user, comment):
        raise Refused("Chỉ người viết được sửa ý kiến của mình.")
    if not _in_window(comment, None):
        raise ValidationError(f"Chỉ sửa được ý kiến trong {settings.DIEUHANH_COMMENT_EDIT_MINUTES} phút sau khi gửi.")
