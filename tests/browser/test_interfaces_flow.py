"""Open interfaces in a real browser (issue 18): a tracking officer brings the office's Excel list in (preview,
then all rows at once), makes an API token for another system and reads the API's documentation page."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import Workbook

from dieuhanh.api.models import ApiToken
from dieuhanh.tasks.models import Task

from .test_task_flow import browser, sign_in  # noqa: F401  (the module-scoped browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _office_list() -> bytes:
    book = Workbook()
    sheet = book.active
    for row in (["DANH MỤC NHIỆM VỤ"], ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
                [1, "Tham mưu kế hoạch tổng kết", "Ban Tổ chức Tỉnh ủy", "Sở Nội vụ", date(2099, 6, 30)],
                [2, "Rà soát biên chế", "Sở Nội vụ", "", "15/07/2099"]):
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_list_in_then_a_token_and_the_api_documentation(browser, live_server, province):  # noqa: F811
    tracker = sign_in(browser, live_server, "vanphong")
    tracker.goto(f"{live_server.url}/nhiem-vu/")
    tracker.get_by_role("link", name="Nhập từ Excel").click()
    tracker.set_input_files("input[name=tep]", files=[{"name": "danh-muc.xlsx", "buffer": _office_list(),
                                                      "mimeType": "application/vnd.openxmlformats-officedocument."
                                                                  "spreadsheetml.sheet"}])
    tracker.get_by_role("button", name="Kiểm tra tệp").click()
    tracker.wait_for_selector("#xem-truoc")
    assert tracker.locator("#xem-truoc tbody tr").count() == 2 and Task.objects.count() == 0
    tracker.get_by_role("button", name="Giao 2 nhiệm vụ").click()
    tracker.wait_for_selector("text=Đã giao 2 nhiệm vụ từ tệp Excel")
    assert sorted(Task.objects.values_list("content", flat=True)) == ["Rà soát biên chế", "Tham mưu kế hoạch tổng kết"]

    tracker.goto(f"{live_server.url}/tai-khoan/")
    tracker.get_by_role("link", name="Quản lý khóa API").click()
    tracker.fill("input[name=ten]", "Đồng bộ nq57")
    tracker.get_by_role("button", name="Tạo khóa").click()
    tracker.wait_for_selector("#khoa-moi")
    text = tracker.locator("#khoa-moi code").inner_text()
    token = ApiToken.objects.get()
    assert text.startswith(f"dh_{token.prefix}_")
    tracker.get_by_role("button", name="Thu hồi").click()
    tracker.wait_for_selector("text=Đã thu hồi")

    tracker.goto(f"{live_server.url}/api/v1/tai-lieu/")
    tracker.wait_for_selector("text=/api/v1/tasks/", timeout=15000)  # Swagger UI drew the operations
