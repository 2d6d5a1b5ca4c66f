from django.apps import AppConfig


class NtmConfig(AppConfig):
    name = "dieuhanh.ntm"
    label = "ntm"
    verbose_name = "Nông thôn mới"
