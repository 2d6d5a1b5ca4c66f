from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "dieuhanh.intake"
    label = "intake"
    verbose_name = "Tiếp nhận văn bản"

    def ready(self):
        # Page images a killed reader left behind are swept where OCR runs: at each worker's start
        # (`dieuhanh worker`) and before each PDF read — not on every process's start-up.
        from . import jobs  # noqa: F401  (hears of jobs lost with their worker)
