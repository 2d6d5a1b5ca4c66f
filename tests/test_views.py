from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dieuhanh.core import calendar, generation
from dieuhanh.org.models import Role
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_main_pages_render_in_vietnamese(province, login):
    task = province.task()
    client = login(province.tracker)
    for url, text in [("/viec-cua-don-vi/", "Việc của đơn vị"), ("/nhiem-vu/", "Nhiệm vụ"),
                      (f"/nhiem-vu/{task.pk}/", "Diễn biến và lịch sử"), ("/van-ban/", "Văn bản chỉ đạo"),
                      ("/van-ban/moi/", "Nhập văn bản"), ("/don-vi/", "Đơn vị"), (f"/don-vi/{province.btc.pk}/", "Ban Tổ chức"),
                      ("/nhiem-vu/moi/", "Giao nhiệm vụ")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


def test_search_ignores_diacritics(province, login):
    province.task("Rà soát thu ngân sách trên địa bàn")
    province.task("Kiện toàn ban chỉ đạo", lead=province.snv)
    client = login(province.tracker)
    page = client.get("/nhiem-vu/", {"q": "ngan sach"}).content.decode()
    assert "thu ngân sách" in page and "Kiện toàn" not in page
    page = client.get("/nhiem-vu/", {"q": "ban to chuc"}).content.decode()  # the lead unit's name
    assert "thu ngân sách" in page and "Kiện toàn" not in page


def test_filters_by_unit_subtree_status_and_deadline(province, login):
    province.task("Việc của Sở", lead=province.snv, deadline=date(2099, 3, 1))
    province.task("Việc của Ban", lead=province.btc, deadline=date(2099, 6, 1))
    client = login(province.tracker)
    page = client.get("/nhiem-vu/", {"don_vi": province.ubnd.pk}).content.decode()
    assert "Việc của Sở" in page and "Việc của Ban" not in page
    page = client.get("/nhiem-vu/", {"han_tu": "01/05/2099", "han_den": "30/06/2099"}).content.decode()
    assert "Việc của Ban" in page and "Việc của Sở" not in page
    page = client.get("/nhiem-vu/", {"trang_thai": "not_started"}).content.decode()
    assert "Việc của Ban" in page


def test_document_form_creates_the_document_and_its_tasks(province, login):
    client = login(province.tracker)
    response = client.post("/van-ban/moi/", {
        "issuer": province.root.pk, "symbol": "1029-TB/TU", "issued_on": "28/08/2023", "subject": "Kết luận",
        "nv-TOTAL_FORMS": "2", "nv-INITIAL_FORMS": "0",
        "nv-0-content": "Tuyên truyền", "nv-0-lead": province.btc.pk, "nv-0-deadline": "31/12/2023",
        "nv-1-content": "Trả lời kiến nghị", "nv-1-lead": province.ubnd.pk, "nv-1-coordinators": [province.snv.pk],
        "nv-1-working_days": "10",
    }, follow=True)
    assert "Đã nhập văn bản 1029-TB/TU và giao 2 nhiệm vụ" in response.content.decode()
    assert Task.objects.count() == 2
    # 29–31/8 are the 1st–3rd; 1/9 and 4/9 (in lieu of 2/9, a Saturday) are off; 5/9 … 13/9 the 4th–10th.
    assert Task.objects.get(content="Trả lời kiến nghị").deadline == date(2023, 9, 13)


def test_document_form_shows_the_vietnamese_error_and_saves_nothing(province, login):
    client = login(province.tracker)
    response = client.post("/van-ban/moi/", {
        "issuer": province.root.pk, "symbol": "abc", "issued_on": "28/08/2023", "subject": "Kết luận",
        "nv-TOTAL_FORMS": "1", "nv-INITIAL_FORMS": "0", "nv-0-content": "Việc", "nv-0-lead": province.btc.pk,
        "nv-0-deadline": "31/12/2023",
    })
    assert "không đúng mẫu" in response.content.decode()
    assert not Task.objects.exists()


def test_stale_edit_through_the_page_tells_the_second_officer(province, login):
    task = province.task()
    version = task.version
    client = login(province.tracker)
    form = {"content": "Sửa lần 1", "deadline": "31/12/2099", "version": version}
    client.post(f"/nhiem-vu/{task.pk}/sua/", form)
    response = client.post(f"/nhiem-vu/{task.pk}/sua/", {**form, "content": "Sửa lần 2"}, follow=True)
    assert "người khác cập nhật" in response.content.decode()
    task.refresh_from_db()
    assert task.content == "Sửa lần 1"


def test_inbox_counts_follow_the_workflow(province, login):
    soon = calendar.today() + timedelta(days=3)
    task = province.task(deadline=soon, issued_on=calendar.today() - timedelta(days=5))
    officer = login(province.lead_officer)
    assert 'data-count="due_soon">1<' in officer.get("/viec-cua-don-vi/").content.decode()
    officer.post(f"/nhiem-vu/{task.pk}/de-nghi-hoan-thanh/", {"note": "Xong", "version": task.version})
    tracker = login(province.tracker)
    assert 'data-count="awaiting">1<' in tracker.get("/viec-cua-don-vi/").content.decode()


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url, params", [
    ("/viec-cua-don-vi/", None),
    ("/nhiem-vu/", None),
    ("/nhiem-vu/", {"trang_thai": "overdue"}),
    ("/nhiem-vu/", {"q": "ngan sach"}),
    ("/nhiem-vu/", {"don_vi": "__btc__"}),
    ("/nhiem-vu/", {"cua_toi": "giao", "trang_thai": "overdue"}),
    ("/nhiem-vu/", {"cua_toi": "chu_tri", "chua_tiep_nhan": "1"}),
    ("/thong-bao/", None),
])
@pytest.mark.parametrize("who", ["tracker", "lead_officer", "coord_officer"])
def test_list_pages_cost_the_same_number_of_queries_at_any_size(province, login, url, params, who):
    if params and params.get("don_vi") == "__btc__":
        params = {"don_vi": province.btc.pk}
    def add(n):  # half overdue, half due within the week, from the first three on
        today = calendar.today()
        for i in range(n):
            deadline = today + timedelta(days=3) if i % 2 else today - timedelta(days=10 + i)
            province.task(f"Rà soát thu ngân sách đợt {i}", coordinators=[province.snv],
                          deadline=deadline, issued_on=today - timedelta(days=120))
    client = login(getattr(province, who))
    add(3)
    client.get(url, params or {})  # the session's first touch and the cache's first keys are not the page's cost
    # Past one page of 25 even when filtered to the overdue half (a shorter list is counted from its
    # window, one query fewer), then more: a new data generation each time, so the views compute the page.
    add(55)
    small = _queries(client, url, params)
    add(30)
    assert _queries(client, url, params) == small


def test_unit_page_counts_key_tasks_apart(province, login):
    province.task("Trọng tâm", is_key=True)
    province.task("Thường")
    page = login(province.tracker).get(f"/don-vi/{province.btc.pk}/")
    rows = {g.value: (n, key) for g, n, key in page.context["groups"]}
    assert rows["pending_on_time"] == (2, 1)
    assert page.context["key_total"] == 1


def test_unit_page_paginates_its_children(province, login):
    from dieuhanh.org.models import Unit

    for i in range(70):
        Unit.objects.create(code=f"xa-{i}", name=f"UBND xã số {i:02d}", kind=Unit.Kind.PEOPLES_COMMITTEE, parent=province.ubnd)
    client = login(province.tracker)
    first = client.get(f"/don-vi/{province.ubnd.pk}/").content.decode()
    second = client.get(f"/don-vi/{province.ubnd.pk}/", {"trang": 2}).content.decode()
    assert "UBND xã số 00" in first and "UBND xã số 69" not in first
    assert "UBND xã số 69" in second


def test_the_inbox_costs_the_same_queries_with_60_or_1000_tasks(province, login):
    """Read through bulk-created tasks (the page, not the services, is measured here)."""
    today = calendar.today()

    def add(n, start):
        Task.objects.bulk_create([Task(
            content=f"Việc số {start + i}", assigned_by=province.root, lead=province.btc, tree=province.root,
            issued_on=today - timedelta(days=30), deadline=today + timedelta(days=(i * 7) % 20 - 10),
            due_on=today + timedelta(days=(i * 7) % 20 - 10)) for i in range(n)])  # overdue and due soon, at both sizes
        generation.bump()  # bulk_create sends no signal: as every bulk write in the application does, say so

    for who in (province.tracker, province.lead_officer):
        client = login(who)
        Task.objects.all().delete()
        add(60, 0)  # more than a panel's ten in every group (a shorter one is counted from its window)
        client.get("/viec-cua-don-vi/")  # the session's first touch and the cache's first keys
        add(1, 60)
        small = _queries(client, "/viec-cua-don-vi/")
        add(939, 61)
        assert _queries(client, "/viec-cua-don-vi/") == small, who.username


def test_pages_name_nobody_gracefully_when_an_account_is_gone(province, login):
    """A deleted account leaves acknowledged_by, requested_by, a history's user empty: the pages still open
    (found by `make bench-load`: the task page was a server error)."""
    from django.utils import timezone

    from dieuhanh.reports.models import ReportRun
    from dieuhanh.tasks.models import Task

    task = province.task()
    Task.objects.filter(pk=task.pk).update(acknowledged_at=timezone.now(), acknowledged_by=None)
    ReportRun.objects.create(unit=province.root, period="2026-9M", format="xlsx", requested_by=None)
    client = login(province.tracker)
    assert "—" in client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert client.get(f"/bao-cao/?don_vi={province.root.pk}").status_code == 200


def test_the_edit_and_delegate_forms_load_when_opened_and_only_for_who_may_use_them(province, login):
    task = province.task(lead=province.ubnd)
    page = login(province.tracker).get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert 'hx-get="/nhiem-vu/%d/sua/"' % task.pk in page and "<select" not in page.split('id="edit-form"')[1][:200]
    form = login(province.tracker).get(f"/nhiem-vu/{task.pk}/sua/").content.decode()
    assert 'name="content"' in form and "Sở Nội vụ" in form
    assert login(province.inspector).get(f"/nhiem-vu/{task.pk}/sua/").status_code == 403
    chair = province.user("chutich", province.ubnd, Role.LEADER)
    rows = login(chair).get(f"/nhiem-vu/{task.pk}/giao-nhiem-vu-con/").content.decode()
    assert "con-0-content" in rows and "UBND xã Thạch Lạc" in rows
    assert login(province.lead_officer).get(f"/nhiem-vu/{task.pk}/giao-nhiem-vu-con/").status_code in (403, 404)
