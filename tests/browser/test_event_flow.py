"""The workflow tells people, in a real browser: a task assigned reaches the lead unit's bell and its
"Mới giao" row; receipt, report and completion request reach the assigner; a return with its reason
reaches the unit; and a mail arrives on an SMTP server for the person who chose one mail each."""

import re
from datetime import timedelta

import pytest

from dieuhanh.core import calendar
from dieuhanh.notify import mail
from dieuhanh.notify.models import Preference
from test_mail import smtp  # noqa: F401  (a real SMTP server on loopback)

from .test_task_flow import browser, count, sign_in  # noqa: F401  (the module-scoped browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def bell(page) -> int:
    badge = page.locator(".bell .badge")
    return int(badge.inner_text()) if badge.count() else 0


def test_assigned_acknowledged_reported_returned_and_mailed(browser, live_server, province, smtp):  # noqa: F811
    controller, smtp_inbox = smtp
    controller.start()
    province.lead_officer.email = "bantochuc@example.vn"
    province.lead_officer.save()
    Preference.objects.create(user=province.lead_officer, mail=Preference.Mail.EACH)

    tracker = sign_in(browser, live_server, "vanphong")
    tracker.goto(f"{live_server.url}/nhiem-vu/moi/")
    tracker.select_option("#id_assigned_by", str(province.root.pk))
    tracker.fill("#id_content", "Rà soát quy hoạch cán bộ nhiệm kỳ 2026 - 2031")
    tracker.select_option("#id_lead", str(province.btc.pk))
    tracker.fill("#id_deadline", (calendar.today() + timedelta(days=20)).strftime("%d/%m/%Y"))
    tracker.click("button.primary")
    tracker.wait_for_selector("text=Đã giao nhiệm vụ.")
    task_url = tracker.url

    # The lead unit's officer: the bell rings, the task is "Mới giao", the mail went out.
    officer = sign_in(browser, live_server, "bantochuc")
    assert bell(officer) == 1 and count(officer, "new") == 1
    assert officer.locator("#new a", has_text="Rà soát quy hoạch cán bộ").count() == 1
    assert mail.send_pending() == 1
    [message] = smtp_inbox.messages
    assert message["To"] == "bantochuc@example.vn"
    officer.click(".bell")
    officer.click("a:has-text('Được giao nhiệm vụ')")
    officer.wait_for_url(re.compile(re.escape(task_url)))
    officer.click("text=Xác nhận đã tiếp nhận")
    officer.wait_for_selector("text=Đã xác nhận tiếp nhận nhiệm vụ.")
    officer.goto(f"{live_server.url}/viec-cua-don-vi/")
    assert count(officer, "new") == 0 and bell(officer) == 0

    officer.goto(task_url)
    officer.fill("#id_percent", "100")
    officer.fill("#id_text", "Đã rà soát 45 hồ sơ")
    officer.click("text=Gửi báo cáo")
    officer.wait_for_selector("text=Đã gửi báo cáo tiến độ.")
    officer.click("summary:has-text('Đề nghị hoàn thành')")
    officer.fill("#id_note", "Đã hoàn thành rà soát")
    officer.click("button:has-text('Đề nghị hoàn thành')")
    officer.wait_for_selector("text=Chờ đơn vị giao nghiệm thu")

    # The assigner hears of the report and of the request, and returns it with a reason.
    tracker.goto(f"{live_server.url}/viec-cua-don-vi/")
    assert bell(tracker) == 2 and count(tracker, "awaiting") == 1
    tracker.goto(f"{live_server.url}/thong-bao/")
    assert tracker.locator("text=Đề nghị hoàn thành: Rà soát quy hoạch").count() == 1
    tracker.goto(task_url)
    tracker.fill("textarea[name=reason]", "Bổ sung danh sách nguồn cán bộ nữ")
    tracker.click("button:has-text('Trả lại')")
    tracker.wait_for_selector("text=Đã trả lại đề nghị hoàn thành.")

    # The unit hears of the return and its reason, in the app and by mail.
    officer.goto(f"{live_server.url}/viec-cua-don-vi/")
    assert bell(officer) == 1 and count(officer, "returned") == 1
    officer.goto(f"{live_server.url}/thong-bao/")
    assert officer.locator("text=Bổ sung danh sách nguồn cán bộ nữ").count() == 1
    assert mail.send_pending() == 1 and len(smtp_inbox.messages) == 2
    officer.screenshot(path="docs/notifications.png", full_page=True)
