from django.core.management.base import BaseCommand

from dieuhanh.tasks.services import recompute_due_dates


class Command(BaseCommand):
    help = "Tính lại thời hạn hiệu lực (ngày làm việc) sau khi thay đổi lịch nghỉ."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã cập nhật {recompute_due_dates()} nhiệm vụ.")
