"""A week's plan in a real browser (issue 16): an official opens this week of the month, plans from a proposal and
by hand, completes two products with evidence; the leader confirms one and returns one with a major error and
confirms the month's grade; the month's score shows the deduction and links to the products."""

from datetime import timedelta

import pytest

from dieuhanh.core.calendar import next_working_day, previous_working_day, today
from dieuhanh.core.periods import week_start
from dieuhanh.performance.models import MonthlyResult, Product

from .test_task_flow import browser, sign_in  # noqa: F401  (the module-scoped browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _working_day_this_month():
    """Today if it is a working day, else the nearest one of this month: a deadline on a Saturday falls on the
    Monday (its effective deadline), which may be outside this week or month."""
    day = today()
    before, after = previous_working_day(day + timedelta(days=1)), next_working_day(day)
    return before if before.month == day.month else after


def test_plan_complete_confirm_return_and_score(browser, live_server, province):  # noqa: F811
    day = _working_day_this_month()
    province.task("Tham mưu đề án tinh gọn bộ máy", deadline=day)
    officer = sign_in(browser, live_server, "bantochuc")
    officer.goto(f"{live_server.url}/ke-hoach/")
    officer.get_by_role("link", name=f"Tuần {week_start(day):%d/%m}").click()
    officer.wait_for_selector(f"h1:has-text('tuần {week_start(day):%d/%m}')")
    officer.get_by_role("button", name="Đưa vào kế hoạch").click()
    officer.wait_for_selector("text=Đã đưa sản phẩm vào kế hoạch")
    assert "tuan=" in officer.url  # still planning the week
    officer.fill("input[name=ten]", "Dự thảo báo cáo chuyên đề công tác cán bộ")
    officer.fill("input[name=han]", f"{day:%d/%m/%Y}")
    officer.get_by_role("button", name="Thêm", exact=True).click()
    officer.wait_for_selector("text=Dự thảo báo cáo chuyên đề công tác cán bộ")
    for n in range(2):
        officer.locator("summary", has_text="Báo hoàn thành").first.click()
        officer.fill("details[open] input[name=duong_dan]", f"https://vanban.example/{n}")
        officer.locator("details[open]").get_by_role("button", name="Gửi").click()
        officer.wait_for_selector("text=chờ lãnh đạo xác nhận")
    assert Product.objects.filter(state=Product.State.DONE).count() == 2

    leader = sign_in(browser, live_server, "truongban")
    leader.goto(f"{live_server.url}/ke-hoach/don-vi/")
    leader.get_by_role("button", name="Xác nhận", exact=True).first.click()
    leader.wait_for_selector("text=Đã ghi nhận")
    leader.locator("summary", has_text="Trả lại").first.click()
    leader.fill("details[open] input[name=ly_do]", "Thiếu số liệu biên chế")
    leader.check("details[open] input[name=sai_sot_lon]")
    leader.locator("details[open]").get_by_role("button", name="Trả lại").click()
    leader.wait_for_selector("text=Trả lại: Thiếu số liệu biên chế")
    leader.get_by_role("button", name="Xác nhận xếp loại").click()
    leader.wait_for_selector("text=Đã xác nhận xếp loại")
    assert MonthlyResult.objects.get(official__username="bantochuc").confirmed_by.username == "truongban"

    officer.goto(f"{live_server.url}/ke-hoach/")
    page = officer.content()
    assert "số lượng 50,0%" in page and "Sai sót lớn: 1 lần" in page
    returned = Product.objects.get(state=Product.State.RETURNED)
    officer.locator(f'a[href="#sp-{returned.pk}"]').click()
    assert officer.locator(f"#sp-{returned.pk}").is_visible()
