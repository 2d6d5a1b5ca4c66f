"""The leaders' screen in a real browser: the Hà Tĩnh 9-month 2021 figures entered, shown against
plan with charts drawn from the vendored library, and a status count clicked through to its list."""

import re
from datetime import date, timedelta

import pytest

from dieuhanh.indicators import services as indicator_services
from dieuhanh.indicators.models import Indicator
from dieuhanh.tasks.models import Task

from .test_task_flow import browser, sign_in  # noqa: F401  (the module-scoped browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_nine_month_figures_against_plan_and_click_through(browser, live_server, province):  # noqa: F811
    ubnd = province.ubnd
    revenue = Indicator.objects.create(code="TNS", name="Thu ngân sách nhà nước", measure="tỷ đồng", unit=ubnd)
    growth = Indicator.objects.create(code="GRDP", name="Tốc độ tăng trưởng kinh tế", measure="%", unit=ubnd,
                                      kind="percent", aggregation="none", min_value=None, position=1)
    houses = Indicator.objects.create(code="NVH", name="Nhà văn hóa cộng đồng hoàn thành", measure="nhà", unit=ubnd,
                                      kind="ratio", position=2)
    for indicator, plan, denominator in ((revenue, "12198", None), (growth, "6.5", None), (houses, "31", 31)):
        indicator_services.set_target(province.tracker, indicator, ubnd, "2021", plan, denominator=denominator)
    for i in range(6):  # tasks due in the period: two done on time, four still open and overdue
        task = province.task(f"Nhiệm vụ 9 tháng số {i}", issued_on=date(2021, 1, 4),
                             deadline=date(2021, 3, 1) + timedelta(days=30 * i))
        if i < 2:
            Task.objects.filter(pk=task.pk).update(state="done", done_on=task.deadline, progress=100)

    page = sign_in(browser, live_server, "vanphong")
    page.goto(f"{live_server.url}/chi-tieu/nhap/?don_vi={ubnd.pk}&ky=2021-9M")
    page.fill(f"input[name=th_{revenue.pk}]", "11.710")
    page.fill(f"input[name=th_{growth.pk}]", "5,08")
    page.fill(f"input[name=th_{houses.pk}]", "21")
    page.fill(f"input[name=th_mau_{houses.pk}]", "31")
    page.get_by_role("button", name="Lưu số liệu").click()
    page.wait_for_selector("text=Đã lưu 3 số liệu 9 tháng năm 2021")

    page.goto(f"{live_server.url}/tong-quan/?don_vi={province.root.pk}&ky=2021-9M")
    row = page.locator('tr[data-indicator="TNS"]')
    assert "11.710" in row.inner_text() and "96,0%" in row.inner_text()
    assert "Dự kiến đạt" in row.inner_text()  # 96% of the year after nine months is ahead of pace
    assert "21/31" in page.locator('tr[data-indicator="NVH"]').inner_text()
    assert "Có nguy cơ không đạt" in page.locator('tr[data-indicator="GRDP"]').inner_text()
    page.wait_for_selector('canvas[data-chart="chart-indicators"][data-drawn="1"]')
    page.wait_for_selector('canvas[data-chart="chart-tasks"][data-drawn="1"]')

    overdue = page.locator('a[data-status="overdue"]')
    assert overdue.inner_text() == "4"
    overdue.click()
    page.wait_for_url(re.compile(r"/nhiem-vu/\?.*trang_thai=overdue"))
    rows = page.locator("#task-results tbody tr")
    assert rows.count() == 4
    assert "Đang thực hiện quá hạn" in rows.first.inner_text()
