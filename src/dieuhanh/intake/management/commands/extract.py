from django.core.management.base import BaseCommand, CommandError

from dieuhanh.intake.cli import run


class Command(BaseCommand):
    help = "Trích xuất văn bản, nhiệm vụ, số liệu, cán bộ, kiến nghị từ tệp (.txt, .docx, .pdf, ảnh)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--json", action="store_true", dest="print_json", help="in JSON ra màn hình")
        parser.add_argument("--out", help="thư mục ghi <tên tệp>.json")

    def handle(self, *args, files, print_json: bool, out, **options):
        failed = run(files, print_json, out, self.stdout, self.stderr)
        if failed:
            raise CommandError(f"{failed} tệp không đọc được.")
