from django.apps import AppConfig


class WorkersConfig(AppConfig):
    name = "dieuhanh.workers"
    label = "workers"
    verbose_name = "Tiến trình nền"
