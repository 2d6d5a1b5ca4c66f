"""Make a service token for another system (nq57, a ministry tracker) from the server's shell — the office's IT
staff, acting as an administrator: `dieuhanh api_token <account> <unit code> <role> --name … --days 90`. The
token's text is printed once; it is kept only as a hash."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from dieuhanh.api import tokens
from dieuhanh.api.models import ApiToken
from dieuhanh.org.models import Role, Unit


class Command(BaseCommand):
    help = "Tạo khóa API dịch vụ cho một tài khoản (in ra một lần)."

    def add_arguments(self, parser):
        parser.add_argument("account", help="tên đăng nhập của tài khoản đại diện hệ thống kết nối")
        parser.add_argument("unit", help="mã đơn vị phạm vi của khóa")
        parser.add_argument("role", choices=Role.values, help="vai trò của khóa")
        parser.add_argument("--name", required=True, help="tên gợi nhớ, ví dụ “Đồng bộ nq57”")
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--by", required=True, help="tên đăng nhập của quản trị viên tạo khóa")

    def handle(self, account, unit, role, name, days, by, **options):
        User = get_user_model()
        try:
            user, actor = User.objects.get(username=account), User.objects.get(username=by)
            scope = Unit.objects.get(code=unit)
        except (User.DoesNotExist, Unit.DoesNotExist) as error:
            raise CommandError(f"Không tìm thấy: {error}")
        try:
            token, text = tokens.issue(actor, user=user, name=name, unit=scope, role=role, days=days,
                                       kind=ApiToken.Kind.SERVICE)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)])))
        self.stdout.write(f"Khóa {token.prefix} ({scope.name}, {token.get_role_display()}, hết hạn "
                          f"{token.expires_at:%d/%m/%Y}):\n{text}")
