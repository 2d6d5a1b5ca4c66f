from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "dieuhanh.web"
    label = "web"
    verbose_name = "Giao diện"

    def ready(self):
        from django.db.models import fields

        from dieuhanh.web import startup

        startup.install()
        # Django 6.1's blank choice of every select ("- Select an option -") has no Vietnamese translation yet;
        # Django asks projects to set it here.
        fields.BLANK_CHOICE_LABEL = "— Chọn —"
