"""Programmes and emulation movements (issue 16, item 3): tasks grouped over a window with a lead unit, their
progress counted as the task list counts it, units ranked, commendation proposed by the programme's rules at
its end and decided by the leader."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dieuhanh.core.errors import Refused
from dieuhanh.programmes import services
from dieuhanh.programmes.models import Commendation, Programme
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def chi_thi_42(province):
    programme = Programme.objects.create(name="Chương trình trọng điểm số 1 (minh họa)", lead=province.root,
                                         starts_on=date(2020, 3, 1), ends_on=date(2020, 8, 31))
    made = []
    for i, (lead, done_on) in enumerate([(province.btc, date(2020, 5, 30)), (province.btc, date(2020, 6, 29)),
                                         (province.snv, date(2020, 7, 20)), (province.snv, None)]):
        task = province.task(f"Nhiệm vụ thi đua số {i}", lead=lead, deadline=date(2020, 6, 30), issued_on=date(2020, 3, 2))
        if done_on:
            Task.objects.filter(pk=task.pk).update(state="done", done_on=done_on, progress=100)
        made.append(task)
    programme.tasks.set(made)
    province.task("Việc ngoài chương trình", deadline=date(2020, 6, 30), issued_on=date(2020, 3, 2))
    return programme


def test_progress_counts_agree_with_the_lists_they_open_and_units_are_ranked(province, chi_thi_42, login):
    client = login(province.tracker)
    page = client.get(f"/chuong-trinh/{chi_thi_42.pk}/").content.decode()
    links = re.findall(r'<a href="([^"]+trang_thai=[a-z_]+)"><span class="status[^"]*">[^<]+</span> (\d+)</a>', page)
    assert links and sum(int(n) for _, n in links) == 4
    for link, n in links:
        listed = client.get(link.replace("&amp;", "&")).content.decode()
        assert listed.count('<td><a href="/nhiem-vu/') == int(n)
    ranking = page[page.index('id="xep-hang"'):]
    assert ranking.index("Ban Tổ chức") < ranking.index("Sở Nội vụ")  # 2 of 2 on time against 1 of 2
    assert "Việc ngoài chương trình" not in client.get(f"/nhiem-vu/?chuong_trinh={chi_thi_42.pk}").content.decode()


def test_commendation_is_proposed_at_the_end_by_the_rules_and_decided_by_the_leader(province, chi_thi_42):
    running = Programme.objects.create(name="Phong trào đang diễn ra", lead=province.root,
                                       starts_on=date(2026, 1, 1), ends_on=date(2099, 12, 31))
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        services.propose_commendations(province.tracker, running, date(2026, 12, 1))
    with pytest.raises(Refused):
        services.propose_commendations(province.commune_officer, chi_thi_42, date(2026, 12, 1))
    [proposed] = services.propose_commendations(province.tracker, chi_thi_42, date(2026, 12, 1))
    assert proposed.unit == province.btc and proposed.on_time_rate == 100  # Sở Nội vụ: 50%, under the 90% rule
    assert services.propose_commendations(province.tracker, chi_thi_42, date(2026, 12, 1)) == []  # once
    with pytest.raises(Refused):
        services.decide(province.tracker, proposed, accept=True)  # the leader decides
    with pytest.raises(ValidationError, match="lý do"):
        services.decide(province.leader, proposed, accept=False)
    services.decide(province.leader, proposed, accept=True, note="Khen thưởng tập thể")
    assert Commendation.objects.get().decision == Commendation.Decision.ACCEPTED
    assert Commendation.objects.get().history.first().history_user == province.leader


def test_a_programme_ending_before_it_starts_is_refused(province):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.create(name="Sai ngày", lead=province.root, starts_on=date(2020, 8, 31),
                                 ends_on=date(2020, 3, 1))


@pytest.fixture
def year_2023(province):
    """A 2023 programme: Thạch Lạc (UBND xã) and Cẩm Bình (Đảng ủy xã) each finish their task on time, the
    programme means both communes to reach the NTM standard, and Sở Nội vụ answers for a revenue target."""
    from dieuhanh.indicators import services as indicator_services
    from dieuhanh.indicators.models import Indicator
    from dieuhanh.ntm.models import Assessment, CriteriaSet, Level
    from dieuhanh.org.models import Area
    from dieuhanh.programmes.models import NtmTarget

    ht = Area.objects.create(code="42", name="Hà Tĩnh", level=Area.Level.PROVINCE)
    a = Area.objects.create(code="18500", name="Xã Thạch Lạc", level=Area.Level.COMMUNE, parent=ht)
    b = Area.objects.create(code="18501", name="Xã Cẩm Bình", level=Area.Level.COMMUNE, parent=ht)
    for unit, area in ((province.xa_a, a), (province.xa_b, b), (province.ubnd, ht)):
        unit.area = area
        unit.save()
    programme = Programme.objects.create(name="Phong trào thi đua xây dựng nông thôn mới 2023 (minh họa)",
                                         lead=province.root, starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31))
    tasks = []
    for lead in (province.xa_a, province.xa_b, province.snv):
        task = province.task(f"Nhiệm vụ của {lead.name}", lead=lead, deadline=date(2023, 6, 30),
                             issued_on=date(2023, 1, 2))
        Task.objects.filter(pk=task.pk).update(state="done", done_on=date(2023, 6, 20), progress=100)
        tasks.append(task)
    programme.tasks.set(tasks)
    criteria = list(CriteriaSet.objects.get(code="xa-2021-dat-chuan").criteria.filter(parent=None))
    Assessment.objects.bulk_create([Assessment(area=area, criterion=c, assessed_on=date(2023, 10, 1),
                                               met=area == a or i < 12) for area in (a, b)
                                    for i, c in enumerate(criteria)])
    NtmTarget.objects.bulk_create([NtmTarget(programme=programme, area=area, level=Level.STANDARD) for area in (a, b)])
    revenue = Indicator.objects.create(code="TNS", name="Thu ngân sách nhà nước", measure="tỷ đồng",
                                       unit=province.ubnd, responsible=province.snv)
    indicator_services.set_target(province.tracker, revenue, province.ubnd, "2023", "12198")
    indicator_services.record_actual(province.tracker, revenue, province.ubnd, "2023", "6000")
    programme.indicators.add(revenue)
    return programme


def test_commendation_requires_the_units_targets_and_says_why_a_unit_is_left_out(province, year_2023, login):
    from dieuhanh.programmes import queries

    made = services.propose_commendations(province.tracker, year_2023, date(2024, 1, 15))
    assert [c.unit for c in made] == [province.xa_a]  # all three were on time
    reasons = {c.unit: c.reasons for c in queries.candidates(year_2023, date(2024, 1, 15))}
    assert reasons[province.xa_b] == ["Xã Cẩm Bình chưa đạt mức “Đạt chuẩn nông thôn mới”"]
    assert reasons[province.snv] and "Thu ngân sách nhà nước" in reasons[province.snv][0]
    page = login(province.tracker).get(f"/chuong-trinh/{year_2023.pk}/").content.decode()
    ntm = page[page.index('id="nong-thon-moi"'):page.index('id="khen-thuong"')]
    assert "Xã Cẩm Bình" in ntm and "12/19" in ntm and "19/19" in ntm
    assert "Xã Cẩm Bình chưa đạt mức “Đạt chuẩn nông thôn mới”" in page.replace("&ldquo;", "“").replace("&rdquo;", "”")
    year_2023.require_targets = False
    year_2023.save()
    assert {c.unit for c in services.propose_commendations(province.tracker, year_2023, date(2024, 1, 15))} == {
        province.xa_b, province.snv}


def test_the_programme_report_prints_its_parts_in_the_official_layout(province, year_2023, login):
    from io import BytesIO

    from docx import Document

    from dieuhanh.audit.models import AuditEntry

    services.propose_commendations(province.tracker, year_2023, date(2024, 1, 15))
    response = login(province.tracker).get(f"/chuong-trinh/{year_2023.pk}/bao-cao/?dinh_dang=docx")
    document = Document(BytesIO(response.content))
    text = [p.text for p in document.paragraphs] + [line for t in document.tables for r in t.rows for c in r.cells
                                                    for line in c.text.split("\n")]
    for expected in ("BÁO CÁO", "Kết quả thực hiện Phong trào thi đua xây dựng nông thôn mới 2023 (minh họa)",
                     "I. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", "II. XẾP HẠNG ĐƠN VỊ", "III. CHỈ TIÊU",
                     "IV. MỤC TIÊU NÔNG THÔN MỚI", "V. KHEN THƯỞNG", "Xã Cẩm Bình", "Chưa đạt", "UBND xã Thạch Lạc",
                     "Chờ quyết định", "T/M TỈNH ỦY HÀ TĨNH", "ĐẢNG CỘNG SẢN VIỆT NAM"):
        assert expected in text, expected
    assert AuditEntry.objects.filter(action="export", target__startswith="báo cáo chương trình").exists()
    assert login(province.outsider).get(f"/chuong-trinh/{year_2023.pk}/bao-cao/").status_code == 404
