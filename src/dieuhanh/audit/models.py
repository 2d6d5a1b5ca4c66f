"""The audit log (TCVN 11930:2017 level 3): who did what security-relevant thing, when and from where.
Rows are only ever added — the admin shows them read-only — and pruned after the kept period."""

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    LOGIN = "login", "Đăng nhập"
    LOGOUT = "logout", "Đăng xuất"
    LOGIN_FAILED = "login_failed", "Đăng nhập sai"
    LOCKED_OUT = "locked_out", "Khóa tài khoản/địa chỉ do đăng nhập sai"
    UNLOCKED = "unlocked", "Mở khóa đăng nhập"
    REFUSED = "refused", "Bị từ chối quyền"
    PASSWORD_CHANGED = "password_changed", "Đổi mật khẩu"
    PASSWORD_RESET = "password_reset", "Yêu cầu đặt lại mật khẩu"
    TWO_FACTOR = "two_factor", "Xác thực hai lớp"
    SESSIONS_ENDED = "sessions_ended", "Đăng xuất mọi nơi"
    ROLE_CHANGED = "role_changed", "Thay đổi vai trò, nhóm quyền"
    ADMIN_CHANGE = "admin_change", "Thay đổi trong trang quản trị"
    EXPORT = "export", "Xuất dữ liệu"
    DOWNLOAD = "download", "Tải tệp"
    API_TOKEN = "api_token", "Tạo, thu hồi khóa API"
    API_CALL = "api_call", "Gọi API bằng khóa"


class AuditEntry(models.Model):
    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người dùng", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    username = models.CharField("tên đăng nhập", max_length=150, blank=True)  # kept when the user is deleted
    ip = models.GenericIPAddressField("địa chỉ", null=True, blank=True)
    action = models.CharField("hành động", max_length=20, choices=Action.choices)
    path = models.CharField("đường dẫn", max_length=300, blank=True)
    target = models.CharField("đối tượng", max_length=300, blank=True)
    detail = models.TextField("chi tiết", blank=True)

    class Meta:
        verbose_name = "mục nhật ký"
        verbose_name_plural = "nhật ký an toàn thông tin"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"], name="audit_user_at"),
                   models.Index(fields=["action", "-at"], name="audit_action_at")]
        permissions = [("export_auditentry", "Có thể xuất nhật ký an toàn thông tin")]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.username or '—'} {self.get_action_display()}"
