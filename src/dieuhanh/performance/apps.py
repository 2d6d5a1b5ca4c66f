from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "dieuhanh.performance"
    verbose_name = "Kế hoạch công tác và đánh giá công chức"
