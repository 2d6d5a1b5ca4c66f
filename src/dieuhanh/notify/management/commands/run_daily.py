"""The daily jobs (07:00 by the scheduler, or by cron): reminders and recurring tasks' next instances."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from dieuhanh.notify.services import run_daily


class Command(BaseCommand):
    help = "Gửi nhắc việc (đôn đốc) tự động của hôm nay và tạo kỳ mới cho nhiệm vụ định kỳ."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã gửi {run_daily()} lượt đôn đốc.")
        call_command("create_occurrences", stdout=self.stdout)
