from django.apps import AppConfig


class ReorgConfig(AppConfig):
    name = "dieuhanh.reorg"
    label = "reorg"
    verbose_name = "Sắp xếp tổ chức"
