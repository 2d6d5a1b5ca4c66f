from django.core.management.base import BaseCommand

from dieuhanh.demo.load import ACCOUNTS, PASSWORD


class Command(BaseCommand):
    help = "In các tài khoản minh họa."

    def handle(self, *args, **options):
        self.stdout.write(f"Tài khoản minh họa (mật khẩu: {PASSWORD}):")
        for username, _name, _unit, _role, note in ACCOUNTS:
            self.stdout.write(f"  {username:<18} {note}")
