from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "dieuhanh.org"
    label = "org"
    verbose_name = "Tổ chức"
