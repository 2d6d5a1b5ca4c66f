from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import Signal

from dieuhanh.core.text import clean

# Sent whenever an action is refused for the user's role, so that the audit log hears every refusal —
# also those a view catches and shows as a message — without the core knowing who listens.
refused = Signal()  # kwargs: message


class Refused(PermissionDenied):
    """A refusal for the role (a Vietnamese message), announced on `refused` as it is raised."""

    def __init__(self, message: str = "Bạn không có quyền thực hiện thao tác này."):
        super().__init__(message)
        refused.send(sender=Refused, message=message)


def checked_text(value: str | None, label: str, limit: int, required: bool = True) -> str:
    """Typed text, cleaned (NFC, one tone placement), or a Vietnamese refusal naming the field."""
    value = clean(value)
    if required and not value:
        raise ValidationError(f"{label} không được để trống.")
    if len(value) > limit:
        raise ValidationError(f"{label} dài quá {limit:,} ký tự.".replace(",", "."))
    return value


class NotNow(ValidationError):
    """The action is allowed for the role but not in the object's present state (a conflict, HTTP 409)."""


class StaleEdit(ValidationError):
    """Someone else changed the record after this user opened it."""

    def __init__(self):
        super().__init__(
            "Nhiệm vụ đã được người khác cập nhật sau khi bạn mở trang. Hãy tải lại trang để xem "
            "thay đổi mới nhất rồi thực hiện lại."
        )
