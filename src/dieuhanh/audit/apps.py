from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dieuhanh.audit"
    label = "audit"
    verbose_name = "Nhật ký an toàn thông tin"

    def ready(self):
        from dieuhanh.audit import listeners  # noqa: F401  (connects the signal receivers)
