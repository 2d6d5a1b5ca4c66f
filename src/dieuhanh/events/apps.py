from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "dieuhanh.events"
    label = "events"
    verbose_name = "Sự kiện nghiệp vụ"
