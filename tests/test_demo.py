import pytest
from django.core.management import call_command

from dieuhanh.demo.load import ACCOUNTS, load_demo
from dieuhanh.documents.models import Document
from dieuhanh.org.models import Area, Person, Unit
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.queries import visible_tasks
from dieuhanh.tasks.status import Status

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_the_seeds_and_every_status(django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert load_demo(generated=120)
    assert not load_demo(generated=120)
    notice = Document.objects.get(symbol="1029-TB/TU")
    assert notice.issuer.name == "Tỉnh ủy Nghệ An" and notice.tasks.filter(series=None).count() == 4
    assert {t.lead.short_name for t in notice.tasks.filter(series=None)} == {
        "Ban Tuyên giáo", "Ban Tổ chức", "Ban cán sự đảng UBND tỉnh", "Ban Dân vận"}
    assert Person.objects.get(full_name="Nguyễn Thế Hoàn").positions.get().title == "Bí thư Huyện ủy Lộc Hà"
    assert Area.objects.filter(legacy=False, level="commune", parent__code="42").count() == 69
    assert Area.objects.filter(legacy=False, level="commune").count() == 3321
    assert Area.objects.filter(legacy=True, level="commune").exclude(merged_into=None).exists()
    assert Unit.objects.get(code="ht-bdv").successor == Unit.objects.get(code="ht-btgdv")
    statuses = {t.status for t in Task.objects.all()}
    assert {Status.NOT_STARTED, Status.ON_TIME, Status.OVERDUE, Status.AWAITING, Status.DONE_ON_TIME,
            Status.DONE_LATE, Status.ONGOING, Status.PAUSED, Status.CANCELLED} <= statuses
    vanphong = django_user_model.objects.get(username="vanphong")
    assert vanphong.check_password("dieuhanh-demo")
    ha_tinh = Task.objects.filter(tree__code="ht-tu")
    assert visible_tasks(vanphong).count() == ha_tinh.count() > 100
    assert not visible_tasks(vanphong).filter(tree__code="na-tu").exists()
    assert {a[0] for a in ACCOUNTS} <= set(django_user_model.objects.values_list("username", flat=True))
    # Three finished months of products for two officials, each scored, and the current month planned.
    from dieuhanh.core.calendar import today
    from dieuhanh.performance.models import Product
    from dieuhanh.performance.services import month_score

    bantochuc = django_user_model.objects.get(username="bantochuc")
    months = sorted(set(Product.objects.filter(official=bantochuc).values_list("period", flat=True)))
    assert len(months) >= 3 and Product.objects.filter(state="confirmed").exists()
    finished = [m for m in months if m != f"{today():%Y-%m}"]
    assert all(month_score(bantochuc, m).score.general > 0 for m in finished)
    from dieuhanh.programmes.models import Programme

    chi_thi = Programme.objects.filter(document__symbol="42-CT/TU")
    assert chi_thi.count() == 13 and all(p.tasks.count() == 3 for p in chi_thi)
    assert chi_thi.filter(indicators__isnull=False).distinct().count() == 2
    from dieuhanh.performance.models import MonthlyResult
    from dieuhanh.programmes.queries import ntm_rows

    movement = Programme.objects.filter(ntm_targets__isnull=False, starts_on__year=2026).distinct().get()
    rows = ntm_rows(movement, today())
    assert len(rows) == 12 and sum(r.reached for r in rows) == 2  # two of the dozen communes meet all 10 criteria
    assert MonthlyResult.objects.filter(official=bantochuc, period__in=finished).count() == len(finished)


def test_demo_accounts_are_printed(capsys):
    call_command("demo_accounts")
    out = capsys.readouterr().out
    assert "dieuhanh-demo" in out and "vanphong" in out
