from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "dieuhanh.web"
    label = "web"
    verbose_name = "Giao diện"

    def ready(self):
        from dieuhanh.web import startup

        startup.install()
