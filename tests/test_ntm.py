"""NTM: a commune's status derived from its assessments under the set in force; summaries such as
"14/30 xã đạt chuẩn"; a province's amended set; merged communes keep their history."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.ntm import services
from dieuhanh.ntm.models import Assessment, CriteriaSet, Level
from dieuhanh.ntm.status import Book, summary
from dieuhanh.org.models import Area

D2023 = date(2023, 12, 31)


@pytest.fixture
def areas(province):
    ht = Area.objects.create(code="42", name="Hà Tĩnh", level=Area.Level.PROVINCE)
    district = Area.objects.create(code="445", name="Huyện Thạch Hà", level=Area.Level.DISTRICT, parent=ht, legacy=True)
    new = Area.objects.create(code="18500", name="Xã Thạch Lạc", level=Area.Level.COMMUNE, parent=ht)
    old = [Area.objects.create(code=f"{18000 + i}", name=f"Xã cũ {i:02d}", level=Area.Level.COMMUNE, parent=district,
                               legacy=True, merged_into=new if i < 2 else None) for i in range(30)]
    province.ubnd.area = ht
    province.ubnd.save()
    province.xa_a.area = new
    province.xa_a.save()
    return {"province": ht, "district": district, "new": new, "old": old}


def _set(code):
    s = CriteriaSet.objects.get(code=code)
    return s, list(s.criteria.filter(parent=None).order_by("position"))


def _mark(area, criteria, day, met: int):
    Assessment.objects.bulk_create([Assessment(area=area, criterion=c, assessed_on=day, met=i < met)
                                    for i, c in enumerate(criteria)])


def test_the_national_sets_are_loaded_with_their_criteria(db):
    assert CriteriaSet.objects.get(code="xa-2021-dat-chuan").criteria.count() == 19
    assert CriteriaSet.objects.get(code="xa-2026-dat-chuan").criteria.count() == 10
    assert CriteriaSet.objects.get(code="xa-2021-kieu-mau").level == Level.MODEL


def test_fourteen_of_thirty_communes_meet_the_standard_and_none_is_below_ten(areas):
    _, criteria = _set("xa-2021-dat-chuan")
    for n, area in enumerate(areas["old"]):
        _mark(area, criteria, date(2023, 6, 1), 19 if n < 14 else 10 + n % 8)
    s = summary(areas["province"], D2023)
    assert s.line == "14/30 xã đạt chuẩn nông thôn mới"
    assert (s.standard, s.total, s.below_threshold) == (14, 30, 0)


def test_the_latest_assessment_counts_and_sub_criteria_must_all_be_met(areas):
    s, criteria = _set("xa-2021-dat-chuan")
    area = areas["old"][5]
    _mark(area, criteria, date(2023, 1, 1), 19)
    Assessment.objects.create(area=area, criterion=criteria[16], assessed_on=date(2023, 9, 1), met=False)
    book = Book(areas["province"], [area])
    assert book.status(area, date(2023, 6, 1)).level == Level.STANDARD
    assert book.status(area, D2023).met == 18 and book.status(area, D2023).level is None
    # 17.1 and 17.2: the criterion follows its indicators once they are assessed.
    env = criteria[16]
    subs = [env.children.create(criteria_set=s, number=f"17.{i}", name=f"Chỉ tiêu 17.{i}") for i in (1, 2)]
    Assessment.objects.create(area=area, criterion=subs[0], assessed_on=date(2023, 10, 1), met=True)
    assert Book(areas["province"], [area]).status(area, D2023).met == 18  # 17.2 not yet met
    Assessment.objects.create(area=area, criterion=subs[1], assessed_on=date(2023, 11, 1), met=True)
    assert Book(areas["province"], [area]).status(area, D2023).level == Level.STANDARD


def test_levels_build_on_each_other_and_the_year_reached_is_kept(areas):
    _, standard = _set("xa-2021-dat-chuan")
    _, advanced = _set("xa-2021-nang-cao")
    _, model = _set("xa-2021-kieu-mau")
    area = areas["old"][0]
    _mark(area, model, date(2022, 6, 1), 3)  # kiểu mẫu conditions without the lower levels count for nothing
    _mark(area, standard, date(2022, 12, 1), 19)
    _mark(area, advanced, date(2024, 3, 1), 19)
    book = Book(areas["province"], [area])
    assert book.status(area, date(2023, 1, 1)).level == Level.STANDARD
    assert book.status(area, date(2024, 6, 1)).level == Level.MODEL
    assert book.reached(area, date(2025, 1, 1)) == {1: date(2022, 12, 1), 2: date(2024, 3, 1), 3: date(2024, 3, 1)}


def test_figures_stay_bound_to_the_set_in_force(areas):
    _, old_set = _set("xa-2021-dat-chuan")
    _, new_set = _set("xa-2026-dat-chuan")
    new = areas["new"]
    _mark(new, old_set, date(2025, 8, 1), 19)
    book = Book(areas["province"], [new])
    assert book.status(new, date(2025, 12, 31)).level == Level.STANDARD
    later = book.status(new, date(2026, 3, 1))  # the 2026–2030 set is in force from 15/2/2026
    assert (later.level, later.met, later.total) == (None, 0, 10)
    _mark(new, new_set, date(2026, 4, 1), 10)
    assert Book(areas["province"], [new]).status(new, date(2026, 5, 1)).level == Level.STANDARD


def test_a_province_adopts_and_amends_its_own_set(areas, province, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    base = CriteriaSet.objects.get(code="xa-2021-dat-chuan")
    own = services.adopt_for_province(admin, base, areas["province"], valid_from=date(2022, 12, 9),
                                      decision="Quyết định sửa đổi của UBND tỉnh Hà Tĩnh ngày 09/12/2022")
    assert own.criteria.count() == 19 and own.based_on == base
    own.criteria.filter(number="19").delete()  # the province amends: one criterion fewer
    book = Book(areas["province"], [areas["old"][0]])
    assert book.rules_for(Level.STANDARD, date(2023, 1, 1)).criteria_set == own
    assert book.rules_for(Level.STANDARD, date(2022, 6, 1)).criteria_set == base
    other = Area.objects.create(code="40", name="Nghệ An", level=Area.Level.PROVINCE)
    assert Book(other, []).rules_for(Level.STANDARD, date(2023, 1, 1)).criteria_set == base
    with pytest.raises(PermissionDenied):
        services.adopt_for_province(province.tracker, base, areas["province"], valid_from=date(2023, 1, 1))


def test_assessments_are_checked_and_keep_evidence(areas, province):
    _, criteria = _set("xa-2026-dat-chuan")
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")
    a = services.assess(province.commune_officer, areas["new"], criteria[0], assessed_on=date(2026, 3, 2), met=True,
                        files=[pdf])
    assert a.files.get().name == "bien-ban.pdf" and a.history.first().history_user == province.commune_officer
    with pytest.raises(ValidationError, match="ngoài thời gian áp dụng"):
        services.assess(province.tracker, areas["new"], criteria[0], assessed_on=date(2025, 3, 2), met=True)
    with pytest.raises(PermissionDenied):
        services.assess(province.other_commune, areas["new"], criteria[0], assessed_on=date(2026, 3, 2), met=True)
    with pytest.raises(ValidationError, match="cấp xã"):
        services.assess(province.tracker, areas["province"], criteria[0], assessed_on=date(2026, 3, 2), met=True)


def test_a_merged_commune_shows_the_history_of_the_communes_it_absorbed(areas, province, login):
    _, criteria = _set("xa-2021-dat-chuan")
    _mark(areas["old"][0], criteria, date(2023, 5, 1), 19)
    page = login(province.tracker).get(f"/nong-thon-moi/xa/{areas['new'].pk}/").content.decode()
    assert "Xã cũ 00 (trước sáp nhập): Đạt chuẩn nông thôn mới năm 2023" in page
    assert "Xã cũ 01 (trước sáp nhập): chưa đạt mức nào" in page
    index = login(province.tracker).get("/nong-thon-moi/?ngay=01/06/2025").content.decode()
    assert "1/30 xã đạt chuẩn nông thôn mới" in index
    assert '<td class="num">2023</td>' in index  # the year Xã cũ 00 reached the standard
    district = login(province.tracker).get(f"/nong-thon-moi/?ngay=01/06/2025&huyen={areas['district'].pk}")
    assert "Huyện Thạch Hà, Hà Tĩnh" in district.content.decode()
    assert login(province.outsider).get(f"/nong-thon-moi/xa/{areas['new'].pk}/").status_code in (403, 404)


def test_the_adopt_command_copies_a_national_set(areas, django_user_model):
    from django.core.management import call_command
    django_user_model.objects.create_superuser("root", password="x")
    call_command("ntm_adopt", "xa-2021-dat-chuan", "--province", "42", "--from", "2022-12-09")
    own = CriteriaSet.objects.get(province=areas["province"])
    assert own.criteria.count() == 19 and own.valid_from == date(2022, 12, 9)


def test_wards_and_townships_are_not_counted_nor_assessed_as_new_rural_communes(areas):

    from dieuhanh.ntm.status import communes_of

    ht = Area.objects.get(code="42")
    before = len(communes_of(ht, date(2026, 1, 1)))
    ward = Area.objects.create(code="18600", name="Phường Thành Sen", level=Area.Level.COMMUNE, parent=ht,
                               division_type="phường")
    Area.objects.create(code="18601", name="Xã Cẩm Bình", level=Area.Level.COMMUNE, parent=ht, division_type="xã")
    names = [a.name for a in communes_of(ht, date(2026, 1, 1))]
    assert len(names) == before + 1 and "Phường Thành Sen" not in names
    criterion = CriteriaSet.objects.first().criteria.first()
    with pytest.raises(ValidationError, match="tiêu chuẩn đô thị"):
        services.assess(None, ward, criterion, assessed_on=date(2026, 1, 1), met=True)
