from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "dieuhanh.notify"
    label = "notify"
    verbose_name = "Đôn đốc, thông báo"

    def ready(self):
        from dieuhanh.events.services import subscribe

        from .services import deliver_event

        subscribe(deliver_event)
