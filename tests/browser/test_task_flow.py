"""The main flow in a real browser: Playwright driving Debian's chromium."""

import os
import re
from datetime import timedelta

import pytest

from dieuhanh.core import calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(scope="module")
def browser(need_program):
    need_program(CHROMIUM, "chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


CSP_VIOLATIONS = []  # console messages of blocked inline script or style; tests/browser/conftest.py checks


def new_page(browser, **options):
    """A page whose Content-Security-Policy violations (inline script or style) fail the test."""
    page = browser.new_page(locale="vi-VN", **({"viewport": {"width": 1280, "height": 900}} | options))
    page.on("console", lambda m: "Content Security Policy" in m.text and CSP_VIOLATIONS.append(m.text))
    return page


def sign_in(browser, live_server, username):
    page = new_page(browser)
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/viec-cua-don-vi/"))
    return page


def count(page, key):
    return int(page.locator(f'[data-count="{key}"]').inner_text())


def test_document_to_accepted_task(browser, live_server, province):
    deadline = calendar.today() + timedelta(days=5)
    issued = calendar.today()
    tracker = sign_in(browser, live_server, "vanphong")
    assert count(tracker, "awaiting") == 0

    # The tracker registers a conclusion notice with two tasks (the second row added through htmx).
    tracker.goto(f"{live_server.url}/van-ban/moi/")
    tracker.select_option("#id_issuer", str(province.root.pk))
    tracker.fill("#id_symbol", "1029-TB/TU")
    tracker.fill("#id_issued_on", issued.strftime("%d/%m/%Y"))
    tracker.fill("#id_subject", "Thông báo kết luận của Thường trực Tỉnh ủy")
    tracker.fill("#id_nv-0-content", "Tham mưu trả lời các đề xuất, kiến nghị về công tác cán bộ")
    tracker.select_option("#id_nv-0-lead", str(province.btc.pk))
    tracker.select_option("#id_nv-0-coordinators", [str(province.snv.pk)])
    tracker.fill("#id_nv-0-deadline", deadline.strftime("%d/%m/%Y"))
    tracker.click("#add-row")
    tracker.wait_for_selector("#id_nv-1-content")
    tracker.fill("#id_nv-1-content", "Tuyên truyền, quán triệt kết luận")
    tracker.select_option("#id_nv-1-lead", str(province.ubnd.pk))
    tracker.fill("#id_nv-1-working_days", "10")
    tracker.click("text=Lưu văn bản và giao nhiệm vụ")
    tracker.wait_for_selector("text=Đã nhập văn bản 1029-TB/TU và giao 2 nhiệm vụ")
    task_link = tracker.locator("a", has_text="Tham mưu trả lời các đề xuất")
    task_url = live_server.url + task_link.get_attribute("href")

    # An officer of the lead unit sees it due soon, reports 100% and asks for completion.
    officer = sign_in(browser, live_server, "bantochuc")
    assert count(officer, "due_soon") == 1
    officer.goto(task_url)
    officer.fill("#id_percent", "100")
    officer.fill("#id_text", "Đã trả lời đủ 12 kiến nghị")
    officer.click("text=Gửi báo cáo")
    officer.wait_for_selector("text=Đã gửi báo cáo tiến độ.")
    officer.click("summary:has-text('Đề nghị hoàn thành')")
    officer.fill("#id_note", "Đã hoàn thành, gửi kèm văn bản trả lời")
    officer.click("button:has-text('Đề nghị hoàn thành')")
    officer.wait_for_selector("text=Chờ đơn vị giao nghiệm thu")

    # The tracker accepts: the task is done on time, the inbox counts change.
    tracker.goto(f"{live_server.url}/viec-cua-don-vi/")
    assert count(tracker, "awaiting") == 1
    tracker.goto(task_url)
    tracker.click("text=Nghiệm thu — hoàn thành")
    tracker.wait_for_selector(".status:has-text('Hoàn thành đúng hạn')")
    tracker.goto(f"{live_server.url}/viec-cua-don-vi/")
    assert count(tracker, "awaiting") == 0
    officer.goto(f"{live_server.url}/viec-cua-don-vi/")
    assert count(officer, "due_soon") == 0
    os.makedirs("var/screenshots", exist_ok=True)
    tracker.goto(task_url)
    tracker.screenshot(path="var/screenshots/task-done.png", full_page=True)

    # An officer of another unit cannot open the task.
    outsider = sign_in(browser, live_server, "xa.b")
    response = outsider.goto(task_url)
    assert response.status == 404
    assert "Tham mưu trả lời" not in outsider.content()


def test_intake_upload_review_confirm(browser, live_server, province, settings):
    """A PDF notice: uploaded, read in the background, corrected in the review form (one task
    removed, a unit typed), confirmed into records."""
    from pathlib import Path

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    tracker = sign_in(browser, live_server, "vanphong")
    tracker.goto(f"{live_server.url}/tiep-nhan/")
    tracker.select_option("#id_issuer", str(province.root.pk))
    tracker.set_input_files("#id_file", str(Path(__file__).parent.parent / "files" / "notice-text.pdf"))
    tracker.click("button:has-text('Đọc văn bản')")
    tracker.wait_for_selector("#review", timeout=30000)
    assert tracker.input_value("#id_symbol") == "215-TB/TU"
    assert tracker.input_value("#id_nv-0-coordinators") == "Ban Tổ chức Tỉnh ủy"
    tracker.fill("#id_nv-0-lead", "UBND tỉnh")
    tracker.check("#id_nv-1-DELETE")
    tracker.check("#id_sl-0-create_indicator")  # no catalogue yet: the reviewer asks for a new indicator
    tracker.click("button:has-text('Xác nhận và lưu')")
    tracker.wait_for_selector(".messages")
    assert "Đã nhập văn bản 215-TB/TU" in tracker.inner_text(".messages"), tracker.inner_text("main")[:3000]
    assert tracker.locator("a", has_text="Rà soát, bố trí nguồn vốn").count() == 1
    assert tracker.locator("a", has_text="Theo dõi, đôn đốc").count() == 0


REVIEWED_NOTICE = """TỈNH ỦY HÀ TĨNH
Số 216-TB/TU
Hà Tĩnh, ngày 14 tháng 3 năm 2024
THÔNG BÁO KẾT LUẬN
của Thường trực Tỉnh ủy tại buổi làm việc với Đảng ủy xã Cẩm Bình
Năm 2023, thu ngân sách trên địa bàn xã đạt 51,4 tỷ đồng, bằng 104% dự toán.
Bí thư Đảng ủy xã Cẩm Bình Nguyễn Văn An: Đề nghị tỉnh hỗ trợ kinh phí nâng cấp tuyến đê ven biển.
1. Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ rà soát đội ngũ cán bộ xã, hoàn thành trước ngày 30/6/2099.
Tình hình cơ bản ổn định, các đồng chí cần chủ động hơn.
"""


def test_intake_review_lights_the_source_and_confirms_through_the_owning_services(browser, live_server, province):
    """Selecting a row lights its sentence in the source; the stretch with a mandate verb that gave no
    row is marked; confirming routes the petition and puts the figure on the catalogue's indicator."""
    from dieuhanh.indicators.models import Actual, Indicator
    from dieuhanh.petitions.models import Petition

    revenue = Indicator.objects.create(code="TNS", unit=province.root, name="Thu ngân sách", measure="tỷ đồng")
    tracker = sign_in(browser, live_server, "vanphong")
    tracker.goto(f"{live_server.url}/tiep-nhan/")
    tracker.select_option("#id_issuer", str(province.root.pk))
    tracker.fill("#id_text", REVIEWED_NOTICE)
    tracker.click("button:has-text('Đọc văn bản')")
    tracker.wait_for_selector("#review")
    assert tracker.input_value("#id_subject").startswith("Thông báo kết luận của Thường trực Tỉnh ủy")
    assert tracker.locator("#nguon .unread").inner_text().startswith("Tình hình cơ bản ổn định")
    tracker.click("#id_nv-0-content")
    tracker.wait_for_selector("#nguon .lit")
    lit = "".join(tracker.locator("#nguon .lit").all_inner_texts())
    assert lit.startswith("1. Giao Ban Tổ chức Tỉnh ủy") and "30/6/2099" in lit
    os.makedirs("var/screenshots", exist_ok=True)
    tracker.screenshot(path="var/screenshots/intake-review.png")
    tracker.click("#id_sl-0-name")
    assert "thu ngân sách trên địa bàn xã đạt 51,4" in "".join(tracker.locator("#nguon .lit").all_inner_texts())
    assert tracker.input_value("#id_sl-0-indicator") == "TNS · Thu ngân sách (tỷ đồng)"
    tracker.fill("#id_kn-0-responsible", "UBND tỉnh")
    tracker.click("button:has-text('Xác nhận và lưu')")
    tracker.wait_for_selector(".messages")
    assert "Đã nhập văn bản 216-TB/TU" in tracker.inner_text(".messages"), tracker.inner_text("main")[:3000]
    petition = Petition.objects.get()
    assert (petition.receiving_unit, petition.responsible_unit, petition.status) == (
        province.root, province.ubnd, Petition.Status.TRANSFERRED)
    assert petition.due_on is not None
    assert Actual.objects.get().indicator == revenue and Indicator.objects.count() == 1
