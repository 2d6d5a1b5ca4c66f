"""Work plans of concrete products and their NĐ 335/2025 score (issue 16, first part): an official plans a month
from what the unit owes, completes products with evidence, the leader confirms or returns them; the month's
score shows each deduction; bad input changes nothing."""

from datetime import date, datetime, time
from decimal import Decimal as D
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from dieuhanh.core.calendar import VN_TZ
from dieuhanh.core.errors import Refused
from dieuhanh.events.models import Event
from dieuhanh.performance import services
from dieuhanh.performance.models import Product

pytestmark = pytest.mark.django_db
NOV = "2026-11"
TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def frozen_today():
    with mock.patch("django.utils.timezone.now", return_value=datetime.combine(TODAY, time(9), tzinfo=VN_TZ)):
        yield


def _plan(province, title="Dự thảo quy chế làm việc", **extra):
    return services.plan(province.lead_officer, unit=province.btc, period=NOV, title=title,
                         due_on=extra.pop("due_on", date(2026, 11, 20)), **extra)


def test_the_month_is_proposed_from_what_the_unit_owes_and_planned(province):
    task = province.task("Tham mưu đề án tinh gọn bộ máy", deadline=date(2026, 11, 25))
    province.task("Việc của tháng sau", deadline=date(2026, 12, 15))
    [proposal] = services.proposals(province.lead_officer, province.btc, NOV)
    assert proposal.task == task and proposal.due_on == date(2026, 11, 25)
    _plan(province, proposal.title, task=task, due_on=proposal.due_on, kind=Product.Kind.TASK_STEP)
    assert services.proposals(province.lead_officer, province.btc, NOV) == []  # planned once


@pytest.mark.parametrize("extra, message", [
    ({"weight": D(0)}, "Trọng số quy đổi phải lớn hơn 0"),
    ({"due_on": date(2026, 12, 2)}, "nằm ngoài tháng 11/2026"),
    ({"title": "  "}, "Nhập tên sản phẩm"),
])
def test_bad_plans_are_refused_and_nothing_is_saved(province, extra, message):
    with pytest.raises(ValidationError, match=message):
        _plan(province, **extra)
    with pytest.raises(Refused):
        services.plan(province.coord_officer, unit=province.btc, period=NOV, title="Việc của đơn vị khác",
                      due_on=date(2026, 11, 20))
    assert not Product.objects.exists()


def test_completed_confirmed_returned_and_the_score_shows_each_deduction(province):
    on_time, late, flawed = (_plan(province, t) for t in ("Báo cáo tháng", "Tờ trình nhân sự", "Đề án tinh gọn"))
    with pytest.raises(ValidationError, match="Cần minh chứng"):
        services.complete(province.lead_officer, on_time, done_on=date(2026, 11, 18))
    services.complete(province.lead_officer, on_time, done_on=date(2026, 11, 18), link="https://vanban.example/1")
    services.complete(province.lead_officer, late, done_on=date(2026, 11, 24), link="https://vanban.example/2")
    services.complete(province.lead_officer, flawed, done_on=date(2026, 11, 19), link="https://vanban.example/3")
    assert Event.objects.filter(kind="product_done", recipients=province.btc_leader).count() == 3
    with pytest.raises(Refused):
        services.confirm(province.lead_officer, on_time)  # nobody confirms their own work
    services.confirm(province.btc_leader, on_time)
    services.confirm(province.btc_leader, late)
    with pytest.raises(ValidationError, match="lý do"):
        services.return_product(province.btc_leader, flawed, reason="")
    services.return_product(province.btc_leader, flawed, reason="Thiếu số liệu biên chế", major_error=True)
    assert Event.objects.filter(kind="product_returned", recipients=province.lead_officer).exists()
    services.set_general_points(province.btc_leader, province.lead_officer, province.btc, NOV, D(27))

    result = services.month_score(province.lead_officer, NOV)
    tasks = result.score.tasks
    # 3 products of weight 1: two confirmed (one a delay), one returned with a major error (not completed).
    assert tasks.quantity == D(200) / 3 and tasks.progress == D(175) / 3 and tasks.quality == D(200) / 3
    assert {p.pk for p in result.products} == {on_time.pk, late.pk, flawed.pk}  # every figure traces to its products
    # The official redoes it; the delay's objective cause, confirmed by the leader, waives the deduction.
    services.complete(province.lead_officer, flawed, done_on=date(2026, 11, 27), link="https://vanban.example/3b",
                      cause="Chờ số liệu của Sở Nội vụ")
    with pytest.raises(Refused):
        services.confirm_cause(province.lead_officer, Product.objects.get(pk=flawed.pk))
    services.confirm_cause(province.btc_leader, flawed)
    services.confirm(province.btc_leader, flawed)
    after = services.month_score(province.lead_officer, NOV).score
    assert after.tasks.quantity == 100 and after.tasks.quality == 100  # the cause waives its error too
    assert after.tasks.progress == D(275) / 3  # the other delay still counts
    assert abs(after.total - (D(27) + D(70) * (D(100) + D(100) + D(275) / 3) / 300)) < D("1e-9")


def test_general_points_come_from_the_leader_only_and_within_30(province):
    with pytest.raises(Refused):
        services.set_general_points(province.lead_officer, province.lead_officer, province.btc, NOV, D(30))
    with pytest.raises(ValidationError, match="từ 0 đến 30"):
        services.set_general_points(province.btc_leader, province.lead_officer, province.btc, NOV, D(31))


def test_the_pages_of_the_official_and_of_the_leader(province, login):
    product = _plan(province, "Báo cáo sơ kết quý IV")
    page = login(province.lead_officer).get(f"/ke-hoach/?ky={NOV}").content.decode()
    assert "Báo cáo sơ kết quý IV" in page and "Báo hoàn thành" in page
    response = login(province.lead_officer).post(f"/ke-hoach/san-pham/{product.pk}/hoan-thanh/", {
        "ngay": "20/11/2026", "duong_dan": "https://vanban.example/9", "ky": NOV})
    assert response.status_code == 302 and Product.objects.get(pk=product.pk).state == Product.State.DONE
    leader = login(province.btc_leader).get(f"/ke-hoach/don-vi/?ky={NOV}").content.decode()
    assert "Báo cáo sơ kết quý IV" in leader and "Xác nhận" in leader
    assert login(province.coord_officer).post(f"/ke-hoach/san-pham/{product.pk}/quyet-dinh/",
                                              {"buoc": "xac_nhan"}).status_code == 404


def test_what_the_decree_leaves_open_is_the_offices_setting(province, settings):
    product = _plan(province, "Báo cáo chuyên đề")
    services.complete(province.lead_officer, product, done_on=date(2026, 11, 25), link="https://vanban.example/4")
    services.confirm(province.btc_leader, product)  # done, one delay: progress 75%
    settings.DIEUHANH_SCORE_MIX = ["0", "0", "1"]  # progress alone makes the 70 points
    assert services.month_score(province.lead_officer, NOV).score.tasks.points == D("52.5")
    settings.DIEUHANH_SCORE_MIX = ["1", "1"]
    with pytest.raises(Exception, match="DIEUHANH_SCORE_MIX"):
        services.month_score(province.lead_officer, NOV)


def test_the_unit_score_sheet_exports_to_xlsx_with_typed_cells_and_an_audit_row(province, login):
    from io import BytesIO

    from openpyxl import load_workbook

    from dieuhanh.audit.models import AuditEntry

    product = _plan(province, '=HYPERLINK("http://x") báo cáo')
    services.complete(province.lead_officer, product, done_on=date(2026, 11, 19), link="https://vanban.example/5")
    services.confirm(province.btc_leader, product)
    response = login(province.btc_leader).get(f"/ke-hoach/don-vi/?ky={NOV}&xuat=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    [line] = [r for r in rows if r[1] and "báo cáo" in r[1]]
    assert line[1].startswith("'=") and line[2] == 1 and line[3].date() == date(2026, 11, 20)
    assert AuditEntry.objects.filter(action="export").exists()
