from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dieuhanh.api"
    label = "api"
    verbose_name = "Giao diện lập trình (API)"

    def ready(self):
        from dieuhanh.events.services import subscribe

        from .webhooks import on_event

        subscribe(on_event)
