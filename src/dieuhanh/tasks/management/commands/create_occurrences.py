from django.core.management.base import BaseCommand

from dieuhanh.core import calendar
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services import ensure_occurrences
from dieuhanh.tasks.status import PERIODIC, State


class Command(BaseCommand):
    help = "Tạo kỳ mới cho các nhiệm vụ định kỳ đến hôm nay (chạy hằng ngày)."

    def handle(self, *args, **options):
        today = calendar.today()
        created = sum(
            ensure_occurrences(series, today)
            for series in Task.objects.filter(recurrence__in=PERIODIC, state=State.OPEN, series=None)
        )
        self.stdout.write(f"Đã tạo {created} kỳ nhiệm vụ.")
