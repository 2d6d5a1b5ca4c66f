from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "dieuhanh.petitions"
    label = "petitions"
    verbose_name = "Kiến nghị, đề xuất"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Answer, Petition
        from .public_cache import published_changed

        for model in (Petition, Answer):
            post_save.connect(published_changed, sender=model, dispatch_uid=f"public-{model.__name__}-saved")
            post_delete.connect(published_changed, sender=model, dispatch_uid=f"public-{model.__name__}-deleted")
