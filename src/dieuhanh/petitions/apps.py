from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "dieuhanh.petitions"
    label = "petitions"
    verbose_name = "Kiến nghị, đề xuất"
