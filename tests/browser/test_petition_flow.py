"""A citizens' dialogue in a real browser: opinions and petitions recorded, routed, one transferred and
answered, the answer published without the citizen's phone; a public submission and its tracking code."""

import re

import pytest
from django.contrib.auth.models import Permission

from dieuhanh.petitions.models import Petition

from .test_task_flow import browser, new_page, sign_in  # noqa: F401  (the module-scoped browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "0987654321"


def _open(page, summary):
    page.locator("summary", has_text=summary).click()


def test_dialogue_petitions_routed_answered_and_published(browser, live_server, province):  # noqa: F811
    province.tracker.user_permissions.add(Permission.objects.get(codename="view_citizen_contact"))
    tracker = sign_in(browser, live_server, "vanphong")
    tracker.goto(f"{live_server.url}/cuoc-hop/moi/")
    tracker.select_option("#id_kind", "citizens")
    tracker.fill("#id_title", "Đối thoại với Nhân dân xã Thạch Lạc")
    tracker.fill("#id_starts_at", "14:00 10/03/2026")
    tracker.select_option("#id_host_unit", str(province.root.pk))
    tracker.click("button.primary")
    tracker.wait_for_url(re.compile(r"/cuoc-hop/\d+/$"))

    for speaker, gist in [("Ông Hồ Văn Sơn", "Đường liên thôn xuống cấp"), ("Bà Lê Thị Mai", "Thiếu giáo viên"),
                          ("Chủ tịch UBND xã", "Xã sẽ rà soát và báo cáo")]:
        _open(tracker, "Thêm ý kiến phát biểu")
        tracker.fill("#id_speaker", speaker)
        tracker.fill("#id_gist", gist)
        tracker.get_by_role("button", name="Thêm ý kiến").click()
        tracker.wait_for_selector(f"#opinions >> text={gist}")
    for content, unit in [("Đề nghị sửa đường liên thôn trước mùa mưa", None),
                          ("Đề nghị bố trí thêm giáo viên tiếng Anh", province.btc)]:
        _open(tracker, "Ghi nhận kiến nghị tại cuộc họp")
        tracker.select_option("#id_submitter_kind", "citizen")
        tracker.fill("#id_submitter", "Ông Hồ Văn Sơn")
        tracker.fill("#id_citizen_phone", PHONE)
        tracker.fill("#id_content", content)
        if unit:
            tracker.select_option("#id_responsible_unit", str(unit.pk))
        tracker.get_by_role("button", name="Ghi nhận kiến nghị").click()
        tracker.wait_for_selector(f"#meeting-petitions >> text={content}")
    assert tracker.locator("#opinions li").count() == 3

    road, teacher = Petition.objects.order_by("id")
    # Route the first, move the second to the unit that owns it, with a reason.
    tracker.goto(f"{live_server.url}/kien-nghi/{road.pk}/")
    assert PHONE in tracker.content()  # the tracker holds the citizens' data permission
    tracker.select_option("#id_unit", str(province.snv.pk))
    tracker.get_by_role("button", name="Chuyển", exact=True).click()
    tracker.wait_for_selector("text=Đã chuyển kiến nghị")
    tracker.goto(f"{live_server.url}/kien-nghi/{teacher.pk}/")
    _open(tracker, "Chuyển cho đơn vị khác")
    tracker.select_option("#id_unit", str(province.snv.pk))
    tracker.fill("#id_reason", "Thuộc thẩm quyền của Sở Nội vụ")
    tracker.get_by_role("button", name="Chuyển", exact=True).click()
    tracker.wait_for_selector("text=Thuộc thẩm quyền của Sở Nội vụ")

    officer = sign_in(browser, live_server, "sonoivu")
    officer.goto(f"{live_server.url}/kien-nghi/{teacher.pk}/")
    assert PHONE not in officer.content()
    officer.fill("#id_text", "Sở đã điều động 01 giáo viên tiếng Anh từ học kỳ II")
    officer.get_by_role("button", name="Gửi trả lời").click()
    officer.wait_for_selector("text=Đã trả lời kiến nghị")

    citizen = new_page(browser)
    citizen.goto(f"{live_server.url}/cong-khai/?q=giao vien tieng anh")
    assert "Sở đã điều động 01 giáo viên tiếng Anh" not in citizen.content()  # not yet approved for publication
    tracker.goto(f"{live_server.url}/kien-nghi/{teacher.pk}/")
    assert "Chờ duyệt công khai" in tracker.content()
    tracker.get_by_role("button", name="Duyệt công khai").click()
    tracker.wait_for_selector("text=Đã duyệt công khai câu trả lời")
    citizen.goto(f"{live_server.url}/cong-khai/?q=giao vien tieng anh")
    assert "Sở đã điều động 01 giáo viên tiếng Anh" in citizen.content()
    assert PHONE not in citizen.content() and "Hồ Văn Sơn" not in citizen.content()

    # The citizen, holding the tracking code, is not satisfied: the petition is reopened for the office.
    citizen.goto(f"{live_server.url}/cong-khai/tra-cuu/?ma={teacher.code}")
    citizen.check("input[name=satisfied][value='0']")
    citizen.fill("#rate textarea[name=text]", "Trường vẫn thiếu giáo viên ở học kỳ II")
    citizen.get_by_role("button", name="Gửi đánh giá").click()
    citizen.wait_for_selector("text=kiến nghị được mở lại với mã")
    again = Petition.objects.get(reopened_from=teacher)
    assert again.code in citizen.content() and again.responsible_unit == province.snv

    citizen.goto(f"{live_server.url}/cong-khai/gui/")
    citizen.fill("#id_submitter", "Nguyễn Thị Hoa")
    citizen.fill("#id_citizen_phone", "0901234567")
    citizen.fill("#id_content", "Đề nghị lắp đèn chiếu sáng tuyến đường ven sông qua tổ dân phố 3")
    citizen.get_by_role("button", name="Gửi kiến nghị").click()
    code = citizen.locator("#tracking-code").inner_text()
    assert code.startswith("KN-")
    citizen.goto(f"{live_server.url}/cong-khai/tra-cuu/")
    citizen.fill("input[name=ma]", code)
    citizen.get_by_role("button", name="Tra cứu").click()
    assert "Chờ tiếp nhận" in citizen.locator("#lookup-result").inner_text()
    for page in (tracker, officer, citizen):
        page.close()
