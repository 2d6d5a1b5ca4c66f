from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dieuhanh.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục từ một tệp sao lưu của `dieuhanh backup` (kiểm tra mã SHA-256 trước)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--replace", action="store_true", help="thay cơ sở dữ liệu đang có dữ liệu")

    def handle(self, *args, archive, replace, **options):
        try:
            manifest = restore(archive, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã khôi phục bản sao lưu lúc {manifest['created']}: cơ sở dữ liệu và "
                          f"{len(manifest['files'])} tệp. Chạy `dieuhanh migrate` nếu phiên bản phần mềm mới hơn.")
