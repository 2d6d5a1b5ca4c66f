"""Petitions: the path from receipt to the answer sent back, routing, deadlines in working days,
permissions (citizens' data included), bad input, the public page and the public form."""

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.core import calendar
from dieuhanh.events.models import Event, Kind
from dieuhanh.org.models import Area, Unit
from dieuhanh.petitions import services
from dieuhanh.petitions.models import Field, Petition, RoutingRule
from dieuhanh.petitions.queries import on_time_rates, visible_petitions

pytestmark = pytest.mark.django_db
S = Petition.Status
PHONE = "0912345678"


@pytest.fixture
def land(province):
    field = Field.objects.create(name="Đất đai", answer_days=10, complex_days=30)
    RoutingRule.objects.create(field=field, unit=province.snv)
    return field


def _record(p, field=None, **extra):
    data = dict(content="Đề nghị cấp giấy chứng nhận quyền sử dụng đất", submitter="Ông Nguyễn Văn A",
                receiving_unit=p.root, field=field, submitter_kind=Petition.SubmitterKind.CITIZEN,
                citizen_phone=PHONE, source=Petition.Source.RECEPTION)
    data.update(extra)
    return services.record(p.tracker, services.PetitionInput(**data))


def _pdf():
    return SimpleUploadedFile("tra-loi.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "application/pdf")


def test_a_recorded_petition_is_routed_by_its_field_with_a_deadline_in_working_days(province, land):
    petition = _record(province, land, received_on=date(2026, 2, 12))
    assert petition.status == S.TRANSFERRED and petition.responsible_unit == province.snv
    # Received on Thursday 12/2/2026, just before Tết: ten working days skip the Tết holiday.
    assert petition.due_on == calendar.add_working_days(date(2026, 2, 12), 10)
    assert (petition.due_on - date(2026, 2, 12)).days > 14
    # Raised at a reception: proposed for publication, published only once answered and approved.
    assert petition.publish_proposed and not petition.is_public and petition.code.startswith("KN-")
    assert petition.transfers.get().to_unit == province.snv
    assert petition.history.first().history_user == province.tracker


def test_urgent_and_complex_petitions_have_their_own_limits(province, land, settings):
    settings.DIEUHANH_PETITION_URGENT_DAYS = 2
    urgent = _record(province, land, urgency=Petition.Urgency.URGENT, received_on=date(2026, 3, 2))
    complex_ = _record(province, land, urgency=Petition.Urgency.COMPLEX, received_on=date(2026, 3, 2))
    assert urgent.due_on == date(2026, 3, 4)
    assert complex_.due_on == calendar.add_working_days(date(2026, 3, 2), 30)


def test_the_receiving_limit_counts_office_hours_over_a_weekend():
    friday_afternoon = datetime(2026, 3, 6, 15, 0, tzinfo=calendar.VN_TZ)
    assert calendar.add_working_hours(friday_afternoon, 4) == datetime(2026, 3, 9, 9, 30, tzinfo=calendar.VN_TZ)


def test_the_whole_path_from_the_public_form_to_a_second_request(province, land):
    province.tracker_ubnd = province.user("vp.ubnd", province.ubnd, "tracker")
    petition = services.submit_public(services.PetitionInput(
        content="Đường liên thôn sạt lở, đề nghị sửa chữa", submitter="Bà Trần Thị B", receiving_unit=province.ubnd,
        citizen_phone=PHONE, field=land), sender="203.0.113.5")
    assert petition.status == S.PENDING and petition.receive_due_at and petition.due_on is None
    services.accept(province.tracker_ubnd, petition)
    petition.refresh_from_db()
    assert petition.status == S.TRANSFERRED and petition.responsible_unit == province.snv and petition.due_on
    services.start(province.coord_officer, petition)
    with pytest.raises(ValidationError, match="bằng chứng"):
        services.answer(province.coord_officer, petition, "Đã sửa xong", resolved=True)
    petition.refresh_from_db()
    assert petition.status == S.IN_PROGRESS and not petition.answers.exists()
    services.answer(province.coord_officer, petition, "Đã sửa xong đoạn sạt lở", resolved=True, files=[_pdf()])
    petition.refresh_from_db()
    assert petition.status == S.ANSWERED and petition.answered_on and petition.answers.get().files.count() == 1
    services.send_answer(province.tracker_ubnd, petition, "Thư điện tử")
    with pytest.raises(ValidationError, match="đã được gửi"):
        services.send_answer(province.tracker_ubnd, petition, "Thư điện tử")
    again = services.follow_up(province.tracker_ubnd, petition, satisfied=False, text="Mặt đường vẫn còn lún")
    petition.refresh_from_db()
    assert petition.status == S.CLOSED
    assert again.reopened_from == petition and again.status == S.TRANSFERRED and again.responsible_unit == province.snv


def test_a_transfer_needs_a_reason_and_stays_in_the_province(province, land):
    petition = _record(province, land)
    other = type(province.root).objects.create(code="so-na", name="Sở Nội vụ Nghệ An", kind="department",
                                               parent=province.other_root)
    with pytest.raises(ValidationError, match="Lý do chuyển"):
        services.transfer(province.tracker, petition, province.btc, "")
    with pytest.raises(ValidationError, match="không thuộc hệ thống đơn vị"):
        services.transfer(province.tracker, petition, other, "Sai thẩm quyền")
    with pytest.raises(PermissionDenied):
        services.transfer(province.outsider, petition, province.btc, "Sai thẩm quyền")
    petition.refresh_from_db()
    assert petition.responsible_unit == province.snv and petition.transfers.count() == 1
    services.transfer(province.tracker, petition, province.btc, "Thuộc lĩnh vực tổ chức cán bộ")
    petition.refresh_from_db()
    assert petition.responsible_unit == province.btc and petition.transfers.last().reason.startswith("Thuộc")


@pytest.mark.parametrize("extra, message", [
    ({"content": "   "}, "không được để trống"),
    ({"content": "x" * 5001}, "dài quá"),
    ({"received_on": date(2026, 5, 10), "due_on": date(2026, 5, 1)}, "trước ngày tiếp nhận"),
])
def test_bad_input_changes_nothing(province, land, extra, message):
    with pytest.raises(ValidationError, match=message):
        _record(province, land, **extra)
    assert not Petition.objects.exists()


def test_duplicates_are_merged_into_the_original(province, land):
    first, second = _record(province, land), _record(province, land)
    with pytest.raises(ValidationError, match="chính nó"):
        services.merge(province.tracker, first, first)
    services.merge(province.tracker, second, first)
    second.refresh_from_db()
    assert second.duplicate_of == first and second.status == S.CLOSED
    third = _record(province, land)
    with pytest.raises(ValidationError, match="kiến nghị gốc"):
        services.merge(province.tracker, third, second)


def test_who_sees_and_who_answers(province, land):
    petition = _record(province, land)
    assert list(visible_petitions(province.outsider)) == []
    assert list(visible_petitions(province.other_commune)) == []
    assert list(visible_petitions(province.coord_officer)) == [petition]
    with pytest.raises(PermissionDenied):
        services.answer(province.commune_officer, petition, "Trả lời")
    with pytest.raises(PermissionDenied):
        services.answer(province.viewer, petition, "Trả lời")
    services.answer(province.coord_officer, petition, "Đã trả lời")


def test_citizens_contact_details_need_their_own_permission(province, land, login):
    petition = _record(province, land)
    page = login(province.tracker).get(f"/kien-nghi/{petition.pk}/").content.decode()
    assert PHONE not in page and "Ông Nguyễn Văn A" not in page and "Công dân" in page
    province.tracker.user_permissions.add(Permission.objects.get(codename="view_citizen_contact"))
    province.tracker = type(province.tracker).objects.get(pk=province.tracker.pk)
    page = login(province.tracker).get(f"/kien-nghi/{petition.pk}/").content.decode()
    assert PHONE in page and "Ông Nguyễn Văn A" in page
    assert login(province.outsider).get(f"/kien-nghi/{petition.pk}/").status_code == 404


def _answered(p, field, content, answer="Đã giải quyết xong", publish=True, **extra):
    petition = _record(p, field, content=content, **extra)
    services.answer(p.tracker, petition, answer)
    if publish:
        services.set_public(p.tracker, Petition.objects.get(pk=petition.pk), True)
    return petition


def test_the_public_page_shows_answers_without_personal_data_and_escapes_scripts(province, land, client):
    _answered(province, land, f"<script>alert('x')</script> Đất đai bị lấn chiếm, gọi tôi {PHONE}",
              answer="Đã xử lý <b>xong</b>")
    _answered(province, land, "Kiến nghị nội bộ", publish=False)
    page = client.get("/cong-khai/").content.decode()
    assert "&lt;script&gt;alert" in page and "<script>alert" not in page
    assert "&lt;b&gt;xong" in page
    assert PHONE not in page and "Ông Nguyễn Văn A" not in page and "[đã ẩn]" in page
    assert "Kiến nghị nội bộ" not in page
    assert "Sở Nội vụ" in page and "100,0%" in page


def test_the_public_search_ignores_diacritics_and_filters(province, land, client):
    _answered(province, land, "Đề nghị sửa chữa đường giao thông nông thôn")
    _answered(province, land, "Hỗ trợ giống lúa vụ Đông Xuân")
    page = client.get("/cong-khai/", {"q": "duong giao thong"}).content.decode()
    assert "sửa chữa đường giao thông" in page and "giống lúa" not in page
    page = client.get("/cong-khai/", {"nam": "2001"}).content.decode()
    assert "giống lúa" not in page and "Không có câu trả lời" in page


def test_on_time_rates_per_unit(province, land):
    on_time = _record(province, land, received_on=calendar.today())
    late = _record(province, land, received_on=calendar.today())
    services.answer(province.tracker, on_time, "Đúng hạn")
    services.answer(province.tracker, late, "Trễ hạn")
    Petition.objects.filter(pk=late.pk).update(answered_on=late.due_on + timedelta(days=3))
    [rate] = on_time_rates(Petition.objects.all())
    assert (rate.unit, rate.answered, rate.on_time, rate.percent) == ("Sở Nội vụ", 2, 1, 50.0)


def _public_post(client, province, **extra):
    data = {"receiving_unit": province.ubnd.pk, "submitter": "Lê Văn C", "citizen_phone": PHONE,
            "content": "Đề nghị lắp đèn chiếu sáng tuyến đường ven sông qua tổ dân phố", "website": ""}
    data.update(extra)
    return client.post("/cong-khai/gui/", data, REMOTE_ADDR="198.51.100.7")


def test_a_public_submission_gets_a_tracking_code_that_shows_its_status(province, client):
    response = _public_post(client, province)
    petition = Petition.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cong-khai/da-gui/?ma={petition.code}"
    receipt = client.get(response["Location"]).content.decode()  # a reload asks again for the receipt only
    assert petition.code in receipt and petition.status == S.PENDING and Petition.objects.count() == 1
    forged = client.get("/cong-khai/da-gui/?ma=<script>").content.decode()
    assert "<script>" not in forged and "Cảm ơn bạn" in forged
    assert petition.sender_key and "198.51.100.7" not in petition.sender_key
    page = client.get("/cong-khai/tra-cuu/", {"ma": petition.code.lower()}).content.decode()
    assert "Chờ tiếp nhận" in page and PHONE not in page and "Lê Văn C" not in page
    missing = client.get("/cong-khai/tra-cuu/", {"ma": "KN-KHONGCO"})
    assert missing.status_code == 404 and "Không tìm thấy" in missing.content.decode()


def test_the_public_form_turns_away_robots_floods_and_bad_input(province, client, settings):
    settings.DIEUHANH_PUBLIC_SUBMISSIONS_PER_HOUR = 2
    _public_post(client, province, website="http://spam.example")
    assert not Petition.objects.exists()
    assert _public_post(client, province, content="ngắn").status_code == 400
    assert _public_post(client, province, content="x" * 6000).status_code == 400
    assert _public_post(client, province, citizen_phone="", citizen_email="").status_code == 400
    _public_post(client, province)
    _public_post(client, province)
    flood = _public_post(client, province)
    assert flood.status_code == 400 and "nhiều kiến nghị trong một giờ" in flood.content.decode()
    assert Petition.objects.count() == 2


def test_staff_pages_act_through_the_services(province, land, login):
    petition = _record(province, land)
    client = login(province.coord_officer)
    client.post(f"/kien-nghi/{petition.pk}/nhan-xu-ly/")
    client.post(f"/kien-nghi/{petition.pk}/tra-loi/", {"text": "Đã cấp giấy chứng nhận", "files": [_pdf()],
                                                      "resolved": "on"})
    petition.refresh_from_db()
    assert petition.status == S.ANSWERED and petition.answers.get().resolved
    answer_file = petition.answers.get().files.get()
    assert client.get(f"/kien-nghi/{petition.pk}/tep/{answer_file.pk}/").status_code == 200
    assert login(province.outsider).get(f"/kien-nghi/{petition.pk}/tep/{answer_file.pk}/").status_code == 404
    stats = login(province.tracker).get("/kien-nghi/thong-ke/").content.decode()
    assert "Sở Nội vụ" in stats and "Đã trả lời" in stats


def test_the_list_marks_overdue_petitions(province, land, login):
    petition = _record(province, land, received_on=date(2025, 1, 6))
    with mock.patch("dieuhanh.petitions.views.vn_today", return_value=date(2025, 3, 3)):
        page = login(province.tracker).get("/kien-nghi/", {"qua_han": "1"}).content.decode()
    assert petition.code in page and "trễ" in page


def test_the_public_page_is_served_from_the_cache_until_an_answer_changes(province, land, client,
                                                                           django_assert_max_num_queries,
                                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _answered(province, land, "Đường liên xã xuống cấp")
    first = client.get("/cong-khai/").content.decode()
    assert "Đường liên xã xuống cấp" in first
    with django_assert_max_num_queries(2):  # the version and the page: nothing is rendered again
        assert client.get("/cong-khai/").content.decode() == first
    with django_capture_on_commit_callbacks(execute=True):
        _answered(province, land, "Trạm y tế xã thiếu thuốc")
    assert "Trạm y tế xã thiếu thuốc" in client.get("/cong-khai/").content.decode()
    assert 'X-CSRFToken' not in first  # a cached page carries nobody's CSRF token


def _two_provinces(province):
    C = Area.Level.COMMUNE
    ht = Area.objects.create(code="42", name="Hà Tĩnh", level=Area.Level.PROVINCE)
    na = Area.objects.create(code="40", name="Nghệ An", level=Area.Level.PROVINCE)
    thanh_sen = Area.objects.create(code="28840", name="Phường Thành Sen", level=C, parent=ht)
    truong_vinh = Area.objects.create(code="16681", name="Phường Trường Vinh", level=C, parent=na)
    Unit.objects.filter(pk__in=[province.ubnd.pk, province.root.pk]).update(area=ht)
    Unit.objects.filter(pk=province.other_root.pk).update(area=na)
    ubnd_na = Unit.objects.create(code="ubnd-na", name="UBND tỉnh Nghệ An", kind=Unit.Kind.PEOPLES_COMMITTEE,
                                  parent=province.other_root, area=na)
    return thanh_sen, truong_vinh, ubnd_na


def test_the_public_form_offers_the_communes_of_the_receiving_province_only(province, client):
    thanh_sen, truong_vinh, ubnd_na = _two_provinces(province)
    page = client.get("/cong-khai/gui/").content.decode()  # the first receiver by name: UBND tỉnh (Hà Tĩnh)
    assert "Phường Thành Sen" in page and "Trường Vinh" not in page
    # Choosing Nghệ An sends back its communes alone, as a fragment for htmx to swap in.
    fragment = client.get("/cong-khai/gui/", {"receiving_unit": ubnd_na.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "Phường Trường Vinh" in fragment and "Thành Sen" not in fragment and "<form" not in fragment
    # A commune of another province (a form sent without scripts): refused in Vietnamese, nothing kept.
    refused = _public_post(client, province, area=truong_vinh.pk)
    assert refused.status_code == 400 and "không thuộc tỉnh, thành phố nhận kiến nghị" in refused.content.decode()
    assert not Petition.objects.exists()
    _public_post(client, province, area=thanh_sen.pk)
    assert Petition.objects.get().area == thanh_sen


def test_staff_record_a_petition_among_their_own_province_communes(province, login):
    thanh_sen, truong_vinh, _ = _two_provinces(province)
    page = login(province.tracker).get("/kien-nghi/moi/").content.decode()
    assert "Phường Thành Sen" in page and "Trường Vinh" not in page


def test_the_public_list_filters_by_the_communes_that_have_answers(province, land, client):
    thanh_sen, truong_vinh, _ = _two_provinces(province)
    page = client.get("/cong-khai/").content.decode()
    assert "Thành Sen" not in page and "Trường Vinh" not in page  # no published answer yet
    _answered(province, land, "Đề nghị nạo vét kênh thoát nước khu dân cư", area=thanh_sen)
    cache.clear()
    page = client.get("/cong-khai/").content.decode()
    assert f'<option value="{thanh_sen.pk}"' in page and "Trường Vinh" not in page


def test_the_public_pages_stay_small_with_every_commune_of_the_country(province, land, client):
    from dieuhanh.org.areas import load_current

    load_current()  # 34 provinces, 3,321 communes
    ha_tinh = Area.objects.get(legacy=False, level=Area.Level.PROVINCE, code="42")
    Unit.objects.filter(pk__in=[province.root.pk, province.ubnd.pk]).update(area=ha_tinh)
    _answered(province, land, "Đề nghị nạo vét kênh thoát nước", area=Area.objects.filter(parent=ha_tinh).first())
    for path in ("/cong-khai/", "/cong-khai/gui/"):
        response = client.get(path)
        assert response.status_code == 200 and len(response.content) <= 40_000, (path, len(response.content))
    assert "Phường Thành Sen" in client.get("/cong-khai/gui/").content.decode()


def test_an_answer_is_credited_to_the_unit_that_wrote_it(province, land, client):
    """Routed to Sở Nội vụ, answered by the receiving office above it (Tỉnh ủy's tracker) in its place: the public
    page names the writer, not the unit it was routed to."""
    petition = _record(province, land)
    reply = services.answer(province.tracker, Petition.objects.get(pk=petition.pk), "Đã chỉ đạo cấp giấy chứng nhận")
    assert reply.unit == province.root
    own = _record(province, land, content="Đề nghị sửa đường vào khu dân cư")
    assert services.answer(province.coord_officer, Petition.objects.get(pk=own.pk), "Đã sửa").unit == province.snv
    for p in Petition.objects.all():
        services.set_public(province.tracker, p, True)
    page = client.get("/cong-khai/").content.decode()
    assert "Tỉnh ủy Hà Tĩnh trả lời ngày" in page and "Sở Nội vụ trả lời ngày" in page


def test_an_answer_reaches_the_public_page_only_once_the_office_approves_it(province, land, client, login):
    petition = _record(province, land, content="Đề nghị nạo vét kênh tiêu thôn Bắc")
    with pytest.raises(ValidationError, match="đã được trả lời"):
        services.set_public(province.tracker, petition, True)  # nothing to publish yet
    services.answer(province.coord_officer, Petition.objects.get(pk=petition.pk), "Đã nạo vét xong")
    assert "nạo vét kênh tiêu" not in client.get("/cong-khai/").content.decode()
    assert Petition.objects.get(pk=petition.pk).publication == "Chờ duyệt công khai"
    with pytest.raises(PermissionDenied):  # the unit that answered does not decide what the public reads
        services.set_public(province.coord_officer, Petition.objects.get(pk=petition.pk), True)
    with pytest.raises(ValidationError, match="Lý do không công khai"):
        services.set_public(province.tracker, Petition.objects.get(pk=petition.pk), False, "  ")
    assert Petition.objects.get(pk=petition.pk).publication == "Chờ duyệt công khai"

    staff = login(province.tracker)
    staff.post(f"/kien-nghi/{petition.pk}/cong-khai/", {"public": "0", "reason": "Có thông tin cá nhân"})
    withheld = Petition.objects.get(pk=petition.pk)
    assert (withheld.is_public, withheld.withheld_reason, withheld.publication) == (
        False, "Có thông tin cá nhân", "Không công khai")
    assert "Không công khai vì: Có thông tin cá nhân" in staff.get(f"/kien-nghi/{petition.pk}/").content.decode()
    staff.post(f"/kien-nghi/{petition.pk}/cong-khai/", {"public": "1"})
    approved = Petition.objects.get(pk=petition.pk)
    assert approved.is_public and approved.withheld_reason == ""
    assert approved.history.filter(withheld_reason="Có thông tin cá nhân").exists()  # the reason is kept
    assert "nạo vét kênh tiêu" in client.get("/cong-khai/").content.decode()


def _answered_for_citizen(p, field, sent=True):
    petition = _record(p, field, content="Đề nghị sửa cống thoát nước tổ dân phố 3")
    services.answer(p.coord_officer, Petition.objects.get(pk=petition.pk), "Đã thay cống mới, thông dòng chảy")
    if sent:
        services.send_answer(p.coord_officer, Petition.objects.get(pk=petition.pk), "Thư gửi công dân")
    return Petition.objects.get(pk=petition.pk)


def test_the_citizen_reads_the_answer_and_rates_it_with_the_tracking_code(province, land, client,
                                                                          django_capture_on_commit_callbacks):
    unsent = _answered_for_citizen(province, land, sent=False)
    page = client.get("/cong-khai/tra-cuu/", {"ma": unsent.code}).content.decode()
    assert "Đã thay cống mới" not in page and "Đánh giá câu trả lời" not in page  # not sent, not published
    petition = _answered_for_citizen(province, land)
    page = client.get("/cong-khai/tra-cuu/", {"ma": petition.code}).content.decode()
    assert "Đã thay cống mới" in page and "Đánh giá câu trả lời" in page and "Sở Nội vụ" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cong-khai/danh-gia/", {"ma": petition.code, "satisfied": "1", "text": "Cảm ơn"})
    assert response.status_code == 302 and response["Location"] == f"/cong-khai/tra-cuu/?ma={petition.code}"
    rated = Petition.objects.get(pk=petition.pk)
    follow_up = rated.follow_ups.get()
    assert rated.status == S.CLOSED and follow_up.satisfied and follow_up.online and follow_up.by is None
    event = Event.objects.get(kind=Kind.PETITION_RATED)
    assert province.tracker in event.recipients.all() and "hài lòng" in event.text
    after = client.get(response["Location"]).content.decode()
    assert "Cảm ơn Ông/Bà đã đánh giá" in after and "Gửi đánh giá" not in after
    again = client.post("/cong-khai/danh-gia/", {"ma": petition.code, "satisfied": "0", "text": "Chưa ổn"}, follow=True)
    assert "chưa được đánh giá" in again.content.decode() and rated.follow_ups.count() == 1  # rated once only


def test_a_citizen_not_satisfied_reopens_the_petition_for_the_office(province, land, client):
    petition = _answered_for_citizen(province, land)
    empty = client.post("/cong-khai/danh-gia/", {"ma": petition.code, "satisfied": "0", "text": " "}, follow=True)
    assert "Ý kiến của Ông/Bà" in empty.content.decode()
    assert Petition.objects.get(pk=petition.pk).status == S.ANSWERED and not petition.follow_ups.exists()
    client.post("/cong-khai/danh-gia/", {"ma": petition.code, "satisfied": "0", "text": "Nước vẫn ngập khi mưa"})
    again = Petition.objects.get(reopened_from=petition)
    assert Petition.objects.get(pk=petition.pk).status == S.CLOSED
    assert (again.status, again.responsible_unit, again.content) == (S.TRANSFERRED, province.snv,
                                                                      "Nước vẫn ngập khi mưa")
    assert again.due_on is not None and again.citizen_phone == PHONE
    page = client.get("/cong-khai/tra-cuu/", {"ma": petition.code}).content.decode()
    assert again.code in page and "Chưa hài lòng" in page
    forged = client.post("/cong-khai/danh-gia/", {"ma": "KN-KHONGCO", "satisfied": "1"}, follow=True)
    assert "Không tìm thấy" in forged.content.decode()


def test_bulk_actions_on_petitions_take_each_through_its_policy_and_say_why_the_rest_was_not(province, login):
    from io import BytesIO

    from openpyxl import load_workbook

    def sent(content, unit, sender):  # from the public page: waiting to be taken in
        return services.submit_public(services.PetitionInput(
            source=Petition.Source.PUBLIC_FORM, submitter="Bà Lê Thị B", content=content, receiving_unit=unit,
            submitter_kind=Petition.SubmitterKind.CITIZEN, citizen_phone="0912345678"), sender)

    pending = [sent(f"Đề nghị sửa đường liên xã số {i}", province.root, f"10.0.0.{i}") for i in range(2)]
    foreign = sent("Kiến nghị của tỉnh khác", province.other_root, "10.0.0.9")
    client = login(province.tracker)
    assert 'form="hang-loat"' in client.get("/kien-nghi/").content.decode()
    chosen = [p.pk for p in pending] + [foreign.pk]
    page = client.post("/kien-nghi/hang-loat/", {"thao_tac": "tiep_nhan", "chon": chosen, "next": "/kien-nghi/"})
    html = page.content.decode()
    assert "Đã thực hiện 2 / 3" in html and "Tiếp nhận 3 kiến nghị đã chọn" in html
    assert all(Petition.objects.get(pk=p.pk).status != Petition.Status.PENDING for p in pending)
    assert Petition.objects.get(pk=foreign.pk).status == Petition.Status.PENDING
    assert "Không tìm thấy kiến nghị hoặc bạn không có quyền xem." in html.split(f'id="kq-{foreign.pk}"')[1]
    closing = client.post("/kien-nghi/hang-loat/", {"thao_tac": "dong", "chon": [pending[0].pk]}).content.decode()
    assert "Đã thực hiện 0 / 1" in closing  # not answered yet: refused with the policy's reason
    sheet = client.post("/kien-nghi/hang-loat/", {"thao_tac": "xuat", "chon": chosen})
    rows = list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 + 2 and "0912345678" not in str(rows)
    assert client.post("/kien-nghi/hang-loat/", {"thao_tac": "dong"}).status_code == 400
