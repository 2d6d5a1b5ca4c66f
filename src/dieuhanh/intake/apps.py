from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "dieuhanh.intake"
    label = "intake"
    verbose_name = "Tiếp nhận văn bản"

    def ready(self):
        # A reader killed mid-OCR left page images behind: nothing of a document outlives its reading.
        from .readers import sweep_scratch

        sweep_scratch()
