from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "dieuhanh.notify"
    label = "notify"
    verbose_name = "Đôn đốc, thông báo"
