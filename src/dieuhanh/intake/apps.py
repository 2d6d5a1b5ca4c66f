from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "dieuhanh.intake"
    label = "intake"
    verbose_name = "Tiếp nhận văn bản"
