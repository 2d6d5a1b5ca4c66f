"""Kept monthly results under NĐ 335/2025 (issue 16): the stored month always equals the score of its products,
a leader's score counts the unit's grades, the leader confirms grades within the 20% cap, a quarter is rolled
from its months, units are ranked, a week's plan is a slice of the month, and the score form prints."""

import subprocess
from datetime import date, datetime, time
from decimal import Decimal as D
from io import BytesIO
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from dieuhanh.core import periods
from dieuhanh.core.calendar import VN_TZ
from dieuhanh.core.errors import Refused
from dieuhanh.org.models import Role
from dieuhanh.performance import queries, scoring, services
from dieuhanh.performance.models import MonthlyResult, Product

pytestmark = pytest.mark.django_db
NOV, OCT = "2026-11", "2026-10"
TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def frozen_today():
    with mock.patch("django.utils.timezone.now", return_value=datetime.combine(TODAY, time(9), tzinfo=VN_TZ)):
        yield


def _done(province, official, title, *, period=NOV, due=date(2026, 11, 20), done=None, confirm=True, unit=None):
    """A product planned, completed (late when `done` is after `due`) and, by default, confirmed."""
    product = services.plan(official, unit=unit or province.btc, period=period, title=title, due_on=due)
    services.complete(official, product, done_on=done or due, link="https://vanban.example/sp")
    if confirm:
        services.confirm(province.btc_leader, product)
    return product


def _kept(official, key=NOV) -> MonthlyResult:
    return MonthlyResult.objects.get(official=official, period=key)


def test_the_kept_month_is_always_the_score_of_its_products(province):
    product = services.plan(province.lead_officer, unit=province.btc, period=NOV, title="Tờ trình",
                            due_on=date(2026, 11, 10))
    assert _kept(province.lead_officer).total == 0 and _kept(province.lead_officer).products == 1
    services.complete(province.lead_officer, product, done_on=date(2026, 11, 12), link="https://vanban.example/a")
    services.confirm(province.btc_leader, product)
    services.set_general_points(province.btc_leader, province.lead_officer, province.btc, NOV, D(28))
    live = services.month_score(province.lead_officer, NOV).score
    kept = _kept(province.lead_officer)
    assert kept.total == live.total.quantize(D("0.01")) and kept.grade == live.grade and kept.general_entered
    assert kept.progress == D(75) and kept.history.count() == 3  # one delay; each change of the score kept


def test_a_leaders_task_result_counts_the_units_grades(province):
    # The head's own product, done on time and confirmed by the deputy: alone it would make 70/70.
    deputy = province.user("phoban", province.btc, Role.LEADER)
    services.confirm(deputy, _done(province, province.btc_leader, "Chỉ đạo xây dựng đề án", confirm=False))
    assert _kept(province.btc_leader).unit_percent is None  # nobody in the unit scored yet
    _done(province, province.lead_officer, "Báo cáo tháng")
    services.set_general_points(province.btc_leader, province.lead_officer, province.btc, NOV, D(25))
    leader = _kept(province.btc_leader)
    assert leader.unit_percent == 100 and leader.task_points == 70  # every subordinate at least "hoàn thành"
    # A second official who fails: the unit's half of the leader's result drops to 50%.
    failing = province.user("chuyenvien2", province.btc, Role.OFFICER)
    services.plan(failing, unit=province.btc, period=NOV, title="Việc chưa làm", due_on=date(2026, 11, 25))
    leader = _kept(province.btc_leader)
    assert leader.unit_percent == 50 and leader.task_points == D("52.50")  # 35 own + 35 × 50%


def _grade_three(province, scores):
    """Officials of Ban Tổ chức with general points `scores[i]` and one confirmed on-time product each."""
    people = []
    for i, general in enumerate(scores):
        person = province.user(f"cc{i}", province.btc, Role.OFFICER)
        _done(province, person, f"Sản phẩm {i}")
        services.set_general_points(province.btc_leader, person, province.btc, NOV, D(general))
        people.append(person)
    return people


def test_grades_are_confirmed_within_the_cap_and_never_above_the_score(province):
    a, b, c = _grade_three(province, [30, 25, 10])  # 100 xuất sắc, 95 xuất sắc, 80 tốt
    assert [_kept(x).grade for x in (a, b, c)] == [scoring.Grade.EXCELLENT, scoring.Grade.EXCELLENT, scoring.Grade.GOOD]
    ask = {a.pk: scoring.Grade.EXCELLENT, b.pk: scoring.Grade.EXCELLENT, c.pk: scoring.Grade.GOOD}
    with pytest.raises(ValidationError, match="vượt mức tối đa 0"):  # 20% of 3 people "tốt" or better, rounded down
        services.confirm_grades(province.btc_leader, province.btc, NOV, ask)
    assert not MonthlyResult.objects.exclude(confirmed_grade="").exists()  # nothing saved
    with pytest.raises(ValidationError, match="chỉ cho phép xếp loại"):
        services.confirm_grades(province.btc_leader, province.btc, NOV, {c.pk: scoring.Grade.EXCELLENT})
    with pytest.raises(Refused):
        services.confirm_grades(province.lead_officer, province.btc, NOV, {c.pk: scoring.Grade.GOOD})
    lowered = {a.pk: scoring.Grade.GOOD, b.pk: scoring.Grade.GOOD, c.pk: scoring.Grade.GOOD}
    services.confirm_grades(province.btc_leader, province.btc, NOV, lowered)
    assert _kept(a).confirmed_grade == scoring.Grade.GOOD and _kept(a).confirmed_by == province.btc_leader
    # A later change to the products makes the confirmation stale: it is cleared, to be confirmed again.
    services.plan(a, unit=province.btc, period=NOV, title="Việc thêm", due_on=date(2026, 11, 27))
    assert _kept(a).confirmed_grade == ""


def test_the_grade_form_on_the_unit_page_refuses_a_cap_breach(province, login):
    a, b, c = _grade_three(province, [30, 25, 10])
    client = login(province.btc_leader)
    page = client.get(f"/ke-hoach/don-vi/?ky={NOV}").content.decode()
    assert "vượt mức tối đa 0" in page  # shown before the leader confirms
    response = client.post("/ke-hoach/xep-loai/", {"ky": NOV, "don_vi": province.btc.pk, f"xep_loai_{a.pk}": "xuat_sac",
                                                   f"xep_loai_{b.pk}": "tot", f"xep_loai_{c.pk}": "tot"}, follow=True)
    assert "vượt mức tối đa 0" in response.content.decode()
    assert not MonthlyResult.objects.exclude(confirmed_grade="").exists()


def test_a_quarter_is_the_average_of_its_months_each_linking_to_its_month(province, login):
    _done(province, province.lead_officer, "Báo cáo tháng 10", period=OCT, due=date(2026, 10, 20))
    _done(province, province.lead_officer, "Báo cáo tháng 11", due=date(2026, 11, 10), done=date(2026, 11, 12))
    services.set_general_points(province.btc_leader, province.lead_officer, province.btc, OCT, D(30))
    services.set_general_points(province.btc_leader, province.lead_officer, province.btc, NOV, D(30))
    q4 = periods.parse("2026-Q4")
    [row] = [r for r in queries.unit_sheet(province.btc, q4) if r.official == province.lead_officer]
    oct_, nov, dec = row.months
    assert oct_.total == 100 and nov.total == D("94.17") and dec is None  # a delay: progress 75%
    assert row.total == (D(100) + D("94.17")) / 2 and row.grade == scoring.Grade.EXCELLENT
    page = login(province.btc_leader).get("/ke-hoach/don-vi/?ky=2026-Q4").content.decode()
    assert f"?ky={OCT}&amp;don_vi={province.btc.pk}#cc-{province.lead_officer.pk}" in page and "97,1" in page


def test_units_are_ranked_by_their_officials_average(province, login):
    _done(province, province.lead_officer, "Báo cáo Ban Tổ chức")
    services.set_general_points(province.btc_leader, province.lead_officer, province.btc, NOV, D(30))
    snv_leader = province.user("giamdoc", province.snv, Role.LEADER)
    product = services.plan(province.coord_officer, unit=province.snv, period=NOV, title="Báo cáo Sở Nội vụ",
                            due_on=date(2026, 11, 20))
    services.complete(province.coord_officer, product, done_on=date(2026, 11, 28), link="https://vanban.example/s")
    services.confirm(snv_leader, product)
    rows = queries.ranking(province.root, periods.parse("2026-Q4"))
    assert [r.unit for r in rows][:2] == [province.btc, province.snv]
    assert rows[0].average > rows[1].average and rows[0].counts[0] == 1
    page = login(province.tracker).get("/ke-hoach/xep-hang/?ky=2026-Q4").content.decode()
    assert page.index("Ban Tổ chức Tỉnh ủy") < page.index("Sở Nội vụ")
    departments = login(province.tracker).get("/ke-hoach/xep-hang/?ky=2026-Q4&loai=department").content.decode()
    assert "Sở Nội vụ" in departments and "Ban Tổ chức Tỉnh ủy" not in departments.split("<tbody>")[1]
    assert login(province.lead_officer).get("/ke-hoach/xep-hang/").status_code == 403


def test_a_week_of_the_plan_shows_that_weeks_products_and_proposals(province, login):
    services.plan(province.lead_officer, unit=province.btc, period=NOV, title="Việc tuần đầu", due_on=date(2026, 11, 4))
    services.plan(province.lead_officer, unit=province.btc, period=NOV, title="Việc tuần cuối", due_on=date(2026, 11, 26))
    province.task("Nhiệm vụ hạn tuần cuối", deadline=date(2026, 11, 27))
    week = login(province.lead_officer).get(f"/ke-hoach/?ky={NOV}&tuan=25/11/2026").content.decode()
    assert "tuần 23/11–29/11/2026" in week and "Việc tuần cuối" in week and "Việc tuần đầu" not in week
    assert "Nhiệm vụ hạn tuần cuối" in week
    first = login(province.lead_officer).get(f"/ke-hoach/?ky={NOV}&tuan=02/11/2026").content.decode()
    assert "Việc tuần đầu" in first and "Nhiệm vụ hạn tuần cuối" not in first
    assert Product.objects.get(title="Việc tuần cuối").week_of == date(2026, 11, 23)


def _text(document) -> str:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def test_the_score_form_prints_the_products_the_total_and_both_signatures(province, login, need_program):
    from dieuhanh.audit.models import AuditEntry

    _done(province, province.lead_officer, "Đề án tinh gọn bộ máy", due=date(2026, 11, 10), done=date(2026, 11, 12))
    services.set_general_points(province.btc_leader, province.lead_officer, province.btc, NOV, D(27))
    url = f"/ke-hoach/phieu/{province.lead_officer.pk}/?ky={NOV}"
    text = _text(Document(BytesIO(login(province.lead_officer).get(url + "&dinh_dang=docx").content)))
    for expected in ("PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC", "Tháng 11/2026", "Đề án tinh gọn bộ máy",
                     "Đơn vị công tác: Ban Tổ chức Tỉnh ủy", "91,17", "Hoàn thành xuất sắc nhiệm vụ",
                     "NGƯỜI TỰ ĐÁNH GIÁ", "LÃNH ĐẠO ĐƠN VỊ ĐÁNH GIÁ", "ĐẢNG CỘNG SẢN VIỆT NAM"):
        assert expected in text, expected
    assert login(province.coord_officer).get(url).status_code == 404  # another unit's official
    assert AuditEntry.objects.filter(action="export", target__startswith="phiếu đánh giá").exists()
    need_program("pdftotext", "poppler-utils")
    pdf = login(province.btc_leader).get(url + "&dinh_dang=pdf").content
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "PHIẾU ĐÁNH GIÁ" in out and "Đề án tinh" in out and "91,17" in out


def test_rescoring_a_whole_month_gives_what_each_change_kept(province, settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    a, b, c = _grade_three(province, [30, 25, 10])
    _done(province, c, "Báo cáo trễ", due=date(2026, 11, 10), done=date(2026, 11, 12))  # progress 87,5%
    deputy = province.user("phoban", province.btc, Role.LEADER)
    services.confirm(deputy, _done(province, province.btc_leader, "Chỉ đạo", confirm=False))
    before = {r.official_id: (r.total, r.grade, r.unit_percent) for r in MonthlyResult.objects.filter(period=NOV)}
    assert len(before) == 4 and before[province.btc_leader.pk][2] == 100
    assert services.rescore_all(province.btc_leader, NOV) == services.Rescored(0, 0, 0)  # the same rules, nothing new
    MonthlyResult.objects.all().delete()
    assert services.rescore_all(province.btc_leader, NOV).created == 4
    assert {r.official_id: (r.total, r.grade, r.unit_percent) for r in MonthlyResult.objects.all()} == before
    settings.DIEUHANH_SCORE_MIX = ["0", "0", "1"]  # the office changes its rule: the command scores again
    admin = province.user("quantri", province.root, Role.ADMIN)
    admin.is_superuser = True
    admin.save()
    call_command("rescore", "--period", NOV, "--as", "quantri")
    changed = MonthlyResult.objects.get(official=c)
    assert changed.total == D(10) + D("61.25") and changed.history.first().history_user == admin
    with pytest.raises(CommandError, match="quản trị"):
        call_command("rescore", "--period", NOV, "--as", "bantochuc")


def test_a_product_is_reassigned_by_the_leader_with_its_reason_and_both_months_follow(province):
    other = province.user("chuyenvien2", province.btc, Role.OFFICER)
    product = services.plan(province.lead_officer, unit=province.btc, period=NOV, title="Tờ trình nhân sự",
                            due_on=date(2026, 11, 25))
    services.plan(province.lead_officer, unit=province.btc, period=NOV, title="Báo cáo", due_on=date(2026, 11, 20))
    with pytest.raises(Refused):
        services.reassign(province.lead_officer, product, other, "Tự giao")
    with pytest.raises(ValidationError, match="lý do"):
        services.reassign(province.btc_leader, product, other, " ")
    with pytest.raises(ValidationError, match="không thuộc"):
        services.reassign(province.btc_leader, product, province.coord_officer, "Nghỉ phép")
    services.reassign(province.btc_leader, product, other, "Nghỉ phép theo chế độ")
    moved = Product.objects.get(pk=product.pk)
    assert moved.official == other and moved.reassigned_from == province.lead_officer
    assert moved.history.first().history_user == province.btc_leader
    assert _kept(province.lead_officer).products == 1 and _kept(other).products == 1


def test_proposals_include_the_units_part_in_coordinated_tasks_and_periodic_reports(province):
    from dieuhanh.tasks.models import Task

    province.task("Rà soát biên chế", lead=province.snv, coordinators=[province.btc], deadline=date(2026, 11, 26))
    series = province.task("Báo cáo công tác tổ chức hằng tháng", deadline=date(2026, 12, 31))
    occurrence = province.task("Báo cáo công tác tổ chức tháng 11", deadline=date(2026, 11, 27))
    Task.objects.filter(pk=occurrence.pk).update(series=series, period_key=NOV)
    kinds = {x.title: x.kind for x in services.proposals(province.lead_officer, province.btc, NOV)}
    assert kinds["Phối hợp: Rà soát biên chế"] == Product.Kind.TASK_STEP
    assert kinds["Báo cáo công tác tổ chức tháng 11"] == Product.Kind.REPORT


def test_a_coordinated_task_planned_from_its_proposal_keeps_its_link_and_is_proposed_no_more(province, login):
    helped = province.task("Rà soát biên chế", lead=province.snv, coordinators=[province.btc],
                           deadline=date(2026, 11, 26))
    login(province.lead_officer).post("/ke-hoach/them/", {"ky": NOV, "don_vi": province.btc.pk,
                                                          "ten": "Phối hợp: Rà soát biên chế", "loai": "task",
                                                          "han": "26/11/2026", "nhiem_vu": helped.pk})
    assert Product.objects.get().task == helped
    assert services.proposals(province.lead_officer, province.btc, NOV) == []


def test_the_office_may_weigh_a_quarters_months_by_their_work(province, settings):
    oct_product = services.plan(province.lead_officer, unit=province.btc, period=OCT, title="Việc nhỏ tháng 10",
                                due_on=date(2026, 10, 20))  # planned, never done: 0 of 70
    _done(province, province.lead_officer, "Đề án lớn tháng 11")
    Product.objects.filter(official=province.lead_officer, period=NOV).update(weight=D(3))
    services.rescore_all(province.btc_leader, NOV)
    q4 = periods.parse("2026-Q4")
    [plain] = [r for r in queries.unit_sheet(province.btc, q4) if r.official == province.lead_officer]
    assert plain.total == D(35)  # (0 + 70) / 2
    settings.DIEUHANH_SCORE_ROLL = "weighted"
    [weighted] = [r for r in queries.unit_sheet(province.btc, q4) if r.official == province.lead_officer]
    assert weighted.total == D("52.5") and oct_product.weight == 1  # (0 × 1 + 70 × 3) / 4
    [unit] = [r for r in queries.ranking(province.root, q4) if r.unit == province.btc]
    assert unit.average == D("52.5")
    settings.DIEUHANH_SCORE_ROLL = "median"
    with pytest.raises(Exception, match="DIEUHANH_SCORE_ROLL"):
        queries.unit_sheet(province.btc, q4)
