from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "dieuhanh.discussion"
    label = "discussion"
    verbose_name = "Trao đổi"
