"""`dieuhanh rescore --period 2026-11 --as quantri`: every official's month scored again from its products, after
the office changes DIEUHANH_SCORE_MIX, DIEUHANH_SCORE_LEADER_UNIT_SHARE or DIEUHANH_SCORE_EXCELLENT_CAP_PERCENT."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dieuhanh.performance import services


class Command(BaseCommand):
    help = "Chấm lại điểm tháng của mọi cán bộ, công chức từ sản phẩm (sau khi đổi cách tính của cơ quan)."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, action="append", help="tháng, ví dụ 2026-11 (lặp lại được)")
        parser.add_argument("--as", dest="username", required=True, help="tài khoản quản trị thực hiện")

    def handle(self, *args, period, username, **options):
        actor = get_user_model().objects.filter(username=username, is_superuser=True).first()
        if actor is None:
            raise CommandError(f"Không có tài khoản quản trị “{username}”.")
        for key in period:
            try:
                done = services.rescore_all(actor, key)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(f"{key}: {done.created} kết quả mới, {done.updated} thay đổi, {done.deleted} xóa.")
