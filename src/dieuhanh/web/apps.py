from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "dieuhanh.web"
    label = "web"
    verbose_name = "Giao diện"

    def ready(self):
        from django.db.models import fields
        from django.db.models.signals import post_migrate

        from dieuhanh.core import fulltext
        from dieuhanh.web import startup

        startup.install()
        # The search's trigram index on SQLite, checked after every migrate (core.fulltext says why).
        post_migrate.connect(fulltext.ensure, dispatch_uid="dieuhanh.fulltext")
        # Django 6.1's blank choice of every select ("- Select an option -") has no Vietnamese translation yet;
        # Django asks projects to set it here.
        fields.BLANK_CHOICE_LABEL = "— Chọn —"
