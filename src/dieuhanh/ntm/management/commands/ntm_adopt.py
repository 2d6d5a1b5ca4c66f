"""A province's own copy of a national criteria set, to amend in /quan-tri/ (e.g. Hà Tĩnh, 09/12/2022)."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dieuhanh.ntm.models import CriteriaSet
from dieuhanh.ntm.services import adopt_for_province
from dieuhanh.org.models import Area


class Command(BaseCommand):
    help = "Sao chép một bộ tiêu chí quốc gia thành bộ riêng của tỉnh, áp dụng từ một ngày."

    def add_arguments(self, parser):
        parser.add_argument("set_code", help="mã bộ tiêu chí quốc gia, ví dụ xa-2021-dat-chuan")
        parser.add_argument("--province", required=True, help="mã tỉnh, ví dụ 42 (Hà Tĩnh)")
        parser.add_argument("--from", dest="valid_from", required=True, type=date.fromisoformat,
                            help="ngày áp dụng, YYYY-MM-DD")
        parser.add_argument("--name", default="")
        parser.add_argument("--decision", default="", help="căn cứ, ví dụ số quyết định của UBND tỉnh")

    def handle(self, set_code, province, valid_from, name, decision, **options):
        try:
            base = CriteriaSet.objects.get(code=set_code)
            area = Area.objects.get(code=f"{int(province):02d}", level=Area.Level.PROVINCE, legacy=False)
        except (CriteriaSet.DoesNotExist, Area.DoesNotExist, ValueError) as e:
            raise CommandError("Không tìm thấy bộ tiêu chí hoặc tỉnh.") from e
        system = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        if system is None:
            raise CommandError("Cần một tài khoản quản trị (createsuperuser) để ghi lịch sử.")
        try:
            copy = adopt_for_province(system, base, area, valid_from=valid_from, name=name, decision=decision)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from e
        self.stdout.write(f"Đã tạo “{copy.name}” ({copy.criteria.count()} tiêu chí), mã {copy.code}.")
