from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dieuhanh.meetings"
    label = "meetings"
    verbose_name = "Buổi làm việc, hội nghị, đối thoại"
