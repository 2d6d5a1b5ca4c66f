import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dieuhanh.intake import extract
from dieuhanh.intake.readers import ReadError, read_file


class Command(BaseCommand):
    help = "Trích xuất văn bản, nhiệm vụ, số liệu, cán bộ, kiến nghị từ tệp (.txt, .docx, .pdf, ảnh)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--json", action="store_true", dest="print_json", help="in JSON ra màn hình")
        parser.add_argument("--out", help="thư mục ghi <tên tệp>.json")

    def handle(self, *args, files, print_json: bool, out, **options):
        failed = 0
        out_dir = Path(out) if out else None
        if out_dir:
            out_dir.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                result = extract(read_file(name))
            except ReadError as error:
                failed += 1
                self.stderr.write(str(error))
                continue
            text = json.dumps(result, ensure_ascii=False, indent=1)
            if out_dir:
                (out_dir / f"{Path(name).stem}.json").write_text(text, encoding="utf-8")
            if print_json or not out_dir:
                self.stdout.write(text)
        if failed:
            raise CommandError(f"{failed} tệp không đọc được.")
