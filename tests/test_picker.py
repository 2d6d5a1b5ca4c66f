"""Unit pickers (issue 15): the form holds the chosen units and the bodies above commune level, grouped by
province; the search finds the rest without diacritics, among the units the field allows that were working
on the day that matters; a dissolved unit is neither offered nor accepted."""

import re
from datetime import date

import pytest

from dieuhanh.org.models import Area, Role, Unit
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(province):
    ha_tinh = Area.objects.create(code="42", name="Hà Tĩnh", level=Area.Level.PROVINCE)
    thach_lac = Area.objects.create(code="18550", name="Xã Thạch Lạc", level=Area.Level.COMMUNE, parent=ha_tinh)
    Unit.objects.filter(pk=province.xa_a.pk).update(area=thach_lac)
    gone = Unit.objects.create(code="hu-th", name="Huyện ủy Thạch Hà", kind=Unit.Kind.PARTY_COMMITTEE,
                               parent=province.root, active_to=date(2025, 7, 1))
    na_board = Unit.objects.create(code="btc-na", name="Ban Tổ chức Tỉnh ủy Nghệ An", kind=Unit.Kind.PARTY_BOARD,
                                   parent=province.other_root)
    return gone, na_board


def _options(html: str) -> list[str]:
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', html)


def _search(client, q, **extra):
    return client.get("/don-vi/chon/", {"q": q, "pham_vi": "doc", "ten": "lead", **extra}).content.decode()


def test_the_task_form_offers_bodies_grouped_by_province_and_no_commune_or_dissolved_unit(province, places, login):
    page = login(province.tracker).get("/nhiem-vu/moi/").content.decode()
    lead = page[page.index('name="lead"'):]
    lead = lead[:lead.index("</select>")]
    offered = _options(lead)
    assert "Ban Tổ chức Tỉnh ủy" in offered and "UBND xã Thạch Lạc" not in offered  # a commune: found by search
    assert "Huyện ủy Thạch Hà" not in offered
    assert 'label="Tỉnh ủy Hà Tĩnh — cơ quan, đơn vị"' in lead
    assert 'hx-get="/don-vi/chon/"' in page


def test_the_search_ignores_diacritics_keeps_the_choice_and_stays_in_the_pool(province, places, login):
    gone, na_board = places
    client = login(province.tracker)
    found = _search(client, "thach lac")
    assert _options(found) == ["UBND xã Thạch Lạc"] and "— xã, phường" in found
    assert "Ban Tổ chức Tỉnh ủy" in _options(_search(client, "ban to chuc"))
    assert "Nghệ An" not in _search(client, "ban to chuc")  # another province: outside what the user reads
    assert "Ban Tổ chức Tỉnh ủy Nghệ An" in _options(_search(client, "ban to chuc", pham_vi="tat-ca"))
    kept = _search(client, "thach lac", lead=str(province.snv.pk))
    assert re.search(rf'<option value="{province.snv.pk}" selected>Sở Nội vụ', kept)
    assert "Huyện ủy Thạch Hà" not in _search(client, "huyen uy")  # dissolved on 01/07/2025
    assert "Huyện ủy Thạch Hà" in _search(client, "huyen uy", ngay="15/03/2025")  # as it stood that day
    assert "Không tìm thấy" in _search(client, "khong co don vi nay")


def test_a_dissolved_unit_sent_anyway_is_refused_and_nothing_is_saved(province, places, login):
    gone, _ = places
    response = login(province.tracker).post("/nhiem-vu/moi/", {
        "assigned_by": province.root.pk, "issued_on": "01/12/2026", "content": "Rà soát quy hoạch cán bộ",
        "lead": gone.pk, "deadline": "31/12/2026"})
    assert "Đơn vị nằm ngoài phạm vi của bạn." in response.content.decode()
    assert not Task.objects.exists()


def test_delegating_searches_below_the_lead_only(province, places, login):
    task = province.task("Kiện toàn tổ chức bộ máy", lead=province.ubnd)
    client = login(province.user("ubnd.lanhdao", province.ubnd, Role.LEADER))
    form = client.get(f"/nhiem-vu/{task.pk}/giao-nhiem-vu-con/", HTTP_HX_REQUEST="true").content.decode()
    assert f"duoi:{province.ubnd.pk}" in form
    below = _search(client, "", pham_vi=f"duoi:{province.ubnd.pk}")
    assert set(_options(below)) == {"Sở Nội vụ"}  # the commune below it is found by typing
    assert _options(_search(client, "thach lac", pham_vi=f"duoi:{province.ubnd.pk}")) == ["UBND xã Thạch Lạc"]
    assert "Ban Tổ chức" not in _search(client, "ban to chuc", pham_vi=f"duoi:{province.ubnd.pk}")
