from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dieuhanh.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"

    def ready(self):
        from . import jobs  # noqa: F401  (hears of jobs lost with their worker)
