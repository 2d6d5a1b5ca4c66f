from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "dieuhanh.programmes"
    verbose_name = "Chương trình, phong trào thi đua"
