"""The phone layout (issue 17, item 5) in a real browser at 390×844: the menu folds under "Danh mục", task
rows become cards, and no page of the day's work — inbox, a task, notifications, the dashboard, the public
pages — scrolls sideways."""

import os
from datetime import date

import pytest

from .test_task_flow import PASSWORD, browser, new_page  # noqa: F401  (the module-scoped browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_the_days_pages_fit_a_phone(browser, live_server, province):  # noqa: F811
    task = province.task("Tham mưu đề án sắp xếp, tinh gọn tổ chức bộ máy của hệ thống chính trị tỉnh "
                         "theo chỉ đạo của Trung ương", coordinators=[province.snv], deadline=date(2026, 1, 20))
    page = new_page(browser, viewport=PHONE)
    page.goto(f"{live_server.url}/cong-khai/")
    assert _overflow(page) <= 0, "/cong-khai/"
    page.goto(f"{live_server.url}/cong-khai/gui/")
    assert _overflow(page) <= 0, "/cong-khai/gui/"
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", "bantochuc")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url("**/viec-cua-don-vi/")
    assert page.locator("summary", has_text="Danh mục").is_visible()
    assert not page.get_by_role("link", name="Chương trình").is_visible()  # folded
    if os.environ.get("DIEUHANH_SHOT"):  # the README's picture of the phone layout
        page.screenshot(path=os.environ["DIEUHANH_SHOT"])
    page.locator("summary", has_text="Danh mục").click()
    assert page.get_by_role("link", name="Chương trình").is_visible()
    row = page.locator("table.tasks tbody tr").first
    assert row.is_visible() and not page.locator("table.tasks thead").first.is_visible()  # a card, no header
    label = row.locator("td[data-label]").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Chủ trì: "'  # each cell says what it is
    for path in ("/viec-cua-don-vi/", f"/nhiem-vu/{task.pk}/", "/thong-bao/", "/nhiem-vu/", "/ke-hoach/",
                 f"/tong-quan/?don_vi={province.btc.pk}"):
        page.goto(f"{live_server.url}{path}")
        wide = page.evaluate("""[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(-5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
        assert _overflow(page) <= 0, (path, wide)
