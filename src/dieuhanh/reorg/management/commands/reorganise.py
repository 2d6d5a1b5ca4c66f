"""`dieuhanh reorganise`: draft a reorganisation, show what would move, and apply it (or revert one) —
the same services as the admin pages."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from dieuhanh.org.models import Area, Unit
from dieuhanh.reorg import services, two_level
from dieuhanh.reorg.models import Reorganisation


def _unit(code: str) -> Unit:
    try:
        return Unit.objects.get(code=code)
    except Unit.DoesNotExist:
        raise CommandError(f"Không có đơn vị mã “{code}”.") from None


def _area(code: str) -> Area:
    try:
        return Area.objects.get(code=code, legacy=False)
    except Area.DoesNotExist:
        raise CommandError(f"Không có xã, phường hiện hành mã “{code}”.") from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày “{text}” không hợp lệ (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = "Sắp xếp tổ chức: sáp nhập, chia tách, đổi tên, chuyển trực thuộc, giải thể đơn vị; xem trước, áp dụng, hoàn tác."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[*Reorganisation.Kind.values, "revert", "two-level"])
        parser.add_argument("--areas", nargs="*", default=[], help="mã các xã, phường (hiện hành) được sáp nhập, đổi tên")
        parser.add_argument("--into-area", help="mã xã, phường kế thừa")
        parser.add_argument("--province", type=int, help="two-level: mã tỉnh (ví dụ 42 là Hà Tĩnh)")
        parser.add_argument("--undo", action="store_true", help="two-level: hoàn tác cả đợt của tỉnh")
        parser.add_argument("--units", nargs="*", default=[], help="mã các đơn vị được sắp xếp")
        parser.add_argument("--into", help="mã đơn vị kế thừa (nhận phần còn lại khi chia tách)")
        parser.add_argument("--also", nargs="*", default=[], help="chia tách: mã các đơn vị kế thừa khác")
        parser.add_argument("--share", nargs="*", default=[], help="chia tách: task:ID=MÃ hoặc petition:ID=MÃ")
        parser.add_argument("--name", default="", help="đổi tên: tên mới")
        parser.add_argument("--under", help="chuyển trực thuộc: mã đơn vị cấp trên mới")
        parser.add_argument("--on", help="ngày có hiệu lực (YYYY-MM-DD)")
        parser.add_argument("--id", type=int, help="hoàn tác: số của lần sắp xếp")
        parser.add_argument("--as", dest="username", required=True, help="tài khoản quản trị thực hiện")
        parser.add_argument("--apply", action="store_true", help="áp dụng ngay (mặc định chỉ lập dự thảo và xem trước)")

    def handle(self, *args, kind, units, into, also, share, name, under, on, id, username, apply, province, undo,
               areas, into_area, **options):
        try:
            actor = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Không có tài khoản “{username}”.") from None
        try:
            if kind == "two-level":
                self._two_level(actor, province, on, apply, undo)
                return
            if kind == "revert":
                services.revert(actor, Reorganisation.objects.get(pk=id))
                self.stdout.write(f"Đã hoàn tác sắp xếp số {id}.")
                return
            if not on:
                raise CommandError("Cần --on: ngày có hiệu lực.")
            shares = {}
            for item in share:
                key, _, code = item.partition("=")
                shares[key] = _unit(code).pk
            if areas:
                op = services.draft_areas(actor, kind=kind, effective_on=_day(on), areas=[_area(c) for c in areas],
                                          successor=_area(into_area) if into_area else None, new_name=name)
            else:
                op = services.draft(actor, kind=kind, effective_on=_day(on), predecessors=[_unit(c) for c in units],
                                    successor=_unit(into) if into else None, others=[_unit(c) for c in also],
                                    new_name=name, new_parent=_unit(under) if under else None, shares=shares)
            for what, count in services.plan(op).counts().items():
                self.stdout.write(f"  {what}: {count}")
            if apply:
                services.apply(actor, op)
                self.stdout.write(f"Đã áp dụng sắp xếp số {op.pk} ({op}).")
            else:
                self.stdout.write(f"Dự thảo số {op.pk} ({op}); áp dụng ở /quan-tri/ hoặc chạy lại với --apply.")
        except Reorganisation.DoesNotExist:
            raise CommandError(f"Không có lần sắp xếp số {id}.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error

    def _two_level(self, actor, province, on, apply, undo):
        if province is None:
            raise CommandError("Cần --province: mã tỉnh, thành phố (ví dụ 42).")
        if undo:
            self.stdout.write(f"Đã hoàn tác {two_level.revert(actor, province)} lần sắp xếp của đợt hai cấp.")
            return
        outcome = two_level.transition(actor, province, on=_day(on) if on else two_level.REFORM_DAY, apply=apply)
        self.stdout.write(f"  đơn vị cấp xã cũ sáp nhập: {outcome.merged} (đơn vị xã mới tạo: {len(outcome.created)})")
        self.stdout.write(f"  đơn vị cấp huyện giải thể (kể cả đơn vị trực thuộc còn lại): {outcome.dissolved}")
        for what, count in sorted(outcome.moved.items()):
            self.stdout.write(f"  {what}: {count}")
        if apply:
            self.stdout.write(f"Đã áp dụng {len(outcome.operations)} lần sắp xếp (đợt {outcome.operations[0].batch}).")
        else:
            self.stdout.write("Xem trước, chưa thay đổi gì; chạy lại với --apply để áp dụng.")
