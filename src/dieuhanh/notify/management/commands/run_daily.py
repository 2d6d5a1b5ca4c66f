"""The daily work at once, without the scheduler (for cron or by hand)."""

from django.core.management.base import BaseCommand

from dieuhanh.notify.jobs import daily_work


class Command(BaseCommand):
    help = "Gửi nhắc việc (đôn đốc) của hôm nay, thư tổng hợp, tạo kỳ mới cho nhiệm vụ định kỳ, gửi thư đang chờ."

    def handle(self, *args, **options):
        daily_work()
        self.stdout.write("Đã chạy công việc hằng ngày.")
