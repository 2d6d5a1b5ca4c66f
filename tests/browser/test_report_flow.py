"""A 9-month report asked for on the page, built by the job, and downloaded, in a real browser."""

from datetime import date, timedelta

import pytest
from docx import Document

from dieuhanh.tasks.models import Task

from .test_task_flow import browser, sign_in  # noqa: F401  (the module-scoped browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_generate_and_download_the_nine_month_report(browser, live_server, province, settings):  # noqa: F811
    # The worker's job runs at once here; `make run` runs it in db_worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    for i in range(4):
        task = province.task(f"Nhiệm vụ 9 tháng {i}", deadline=date(2026, 3, 2) + timedelta(days=30 * i))
        if i < 2:
            Task.objects.filter(pk=task.pk).update(state="done", done_on=task.deadline, progress=100)
    page = sign_in(browser, live_server, "vanphong")
    page.goto(f"{live_server.url}/bao-cao/")
    page.fill("input[name=ky]", "2026-9M")
    page.select_option("select[name=dinh_dang]", "docx")
    page.get_by_role("button", name="Lập báo cáo").click()
    link = page.get_by_role("link", name="Tải về")
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "Kết quả thực hiện nhiệm vụ 9 tháng năm 2026" in text and "đúng hạn 2" in text
