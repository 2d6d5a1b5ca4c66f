from django.core.exceptions import ValidationError


class StaleEdit(ValidationError):
    """Someone else changed the record after this user opened it."""

    def __init__(self):
        super().__init__(
            "Nhiệm vụ đã được người khác cập nhật sau khi bạn mở trang. Hãy tải lại trang để xem "
            "thay đổi mới nhất rồi thực hiện lại."
        )
