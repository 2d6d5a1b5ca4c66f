from django.core.management.base import BaseCommand

from dieuhanh.demo.load import load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa từ các tài liệu gốc (chỉ một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--generated", type=int, default=300, help="số nhiệm vụ sinh thêm")

    def handle(self, *args, generated, **options):
        if load_demo(generated=generated):
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu minh họa."))
        else:
            self.stdout.write("Dữ liệu minh họa đã có sẵn.")
