"""Pages that list related objects show only what the reader may see: a delegated child task, the
history of an indicator, an Excel import's reach and its messages."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import Workbook

from dieuhanh.indicators import services as indicator_services
from dieuhanh.indicators import xlsx
from dieuhanh.indicators.models import Actual, Indicator, Target
from dieuhanh.org.models import Role
from dieuhanh.tasks import services


def test_a_coordinator_of_the_parent_does_not_see_a_child_it_may_not_open(province, login):
    task = province.task("Chuẩn bị đề án sắp xếp", lead=province.ubnd, coordinators=[province.btc])
    chair = province.user("chutich", province.ubnd, Role.LEADER)
    [child] = services.delegate(chair, task, [services.TaskDraft("Rà soát hồ sơ nhân sự xã Thạch Lạc", province.xa_a,
                                                                 deadline=date(2099, 6, 30))])
    page = login(province.lead_officer).get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Chuẩn bị đề án sắp xếp" in page and "Rà soát hồ sơ nhân sự" not in page
    assert f"/nhiem-vu/{child.pk}/" not in page
    assert login(province.lead_officer).get(f"/nhiem-vu/{child.pk}/").status_code == 404
    assert "Rà soát hồ sơ nhân sự" in login(chair).get(f"/nhiem-vu/{task.pk}/").content.decode()


def test_an_indicators_history_shows_only_the_chosen_units_subtree(province, login):
    houses = Indicator.objects.create(code="NVH", name="Nhà văn hóa", unit=province.ubnd, responsible=province.xa_a)
    indicator_services.record_actual(province.tracker, houses, province.xa_a, "2026-Q1", "17")
    indicator_services.record_actual(province.tracker, houses, province.snv, "2026-Q1", "987654")
    page = login(province.commune_officer).get(f"/chi-tieu/{houses.pk}/?don_vi={province.xa_a.pk}&ky=2026-Q1")
    assert page.status_code == 200
    text = page.content.decode()
    assert "17" in text and "987.654" not in text and "987654" not in text


def _book(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = xlsx.SHEET
    ws.append(xlsx.HEADERS)
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_import_never_reaches_or_names_another_provinces_indicator(province):
    secret = Indicator.objects.create(code="TNS", name="Thu ngân sách Nghệ An (mật)", unit=province.other_root)
    with pytest.raises(xlsx.ImportErrors) as refused:
        xlsx.import_file(_book([["TNS", "", "tu", "2026", "Kế hoạch", 100, None, ""]]), province.tracker)
    text = " ".join(refused.value.messages)
    assert "không có chỉ tiêu mã “TNS” trong phạm vi của bạn" in text and "Nghệ An" not in text
    assert not Target.objects.filter(indicator=secret).exists()
    with pytest.raises(xlsx.ImportErrors):
        xlsx.import_file(_book([["TNS", "", "tu-na", "2026", "Thực hiện", 100, None, ""]]), province.tracker)
    assert not Actual.objects.exists()
    own = Indicator.objects.create(code="TNS-HT", name="Thu ngân sách Hà Tĩnh", unit=province.root)
    assert xlsx.import_file(_book([["TNS-HT", "", "tu", "2026", "Kế hoạch", 100, None, ""]]), province.tracker) == 1
    assert Target.objects.get().indicator == own
