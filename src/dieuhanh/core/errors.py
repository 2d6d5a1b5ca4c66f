from django.core.exceptions import ValidationError

from dieuhanh.core.text import clean


def checked_text(value: str | None, label: str, limit: int, required: bool = True) -> str:
    """Typed text, cleaned (NFC, one tone placement), or a Vietnamese refusal naming the field."""
    value = clean(value)
    if required and not value:
        raise ValidationError(f"{label} không được để trống.")
    if len(value) > limit:
        raise ValidationError(f"{label} dài quá {limit:,} ký tự.".replace(",", "."))
    return value


class StaleEdit(ValidationError):
    """Someone else changed the record after this user opened it."""

    def __init__(self):
        super().__init__(
            "Nhiệm vụ đã được người khác cập nhật sau khi bạn mở trang. Hãy tải lại trang để xem "
            "thay đổi mới nhất rồi thực hiện lại."
        )
