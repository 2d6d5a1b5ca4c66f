from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dieuhanh.ops.backup import BackupError, create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp đính kèm vào một tệp .tar.gz (kèm mã kiểm tra SHA-256)."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, help="thư mục ghi tệp sao lưu (mặc định: $DIEUHANH_VAR/backup)")
        parser.add_argument("--keep", type=int, default=0, help="chỉ giữ N bản mới nhất trong thư mục (0: giữ hết)")

    def handle(self, *args, out, keep, **options):
        try:
            archive, checksum = create(out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if keep:
            older = sorted(archive.parent.glob("dieuhanh-*.tar.gz"))[:-keep]
            for old in older:
                old.unlink()
                old.with_name(old.name + ".sha256").unlink(missing_ok=True)
        self.stdout.write(f"{archive}\nSHA-256 {checksum}")
