from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "dieuhanh.ops"
    label = "ops"
    verbose_name = "Vận hành"
