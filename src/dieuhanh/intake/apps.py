from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "dieuhanh.intake"
    label = "intake"
    verbose_name = "Tiếp nhận văn bản"

    def ready(self):
        # A reader killed mid-OCR left page images behind: nothing of a document outlives its reading.
        from dieuhanh.core.scratch import sweep_scratch

        from . import jobs  # noqa: F401  (hears of jobs lost with their worker)

        sweep_scratch()
