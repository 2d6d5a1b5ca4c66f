"""Tổng quan: counts agree with the lists they link to, the page costs the same number of queries
whatever the data, a unit arranges its own page, indicators behind plan become explanation tasks,
and scorecards give each unit's concrete results."""

import re
from datetime import date, datetime, time, timedelta
from io import BytesIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from dieuhanh.core.calendar import VN_TZ
from dieuhanh.dashboard.models import Layout
from dieuhanh.indicators import services as indicator_services
from dieuhanh.indicators.models import Indicator
from dieuhanh.tasks.models import Task

TODAY = date(2026, 10, 20)
Q3 = "2026-Q3"


@pytest.fixture(autouse=True)
def frozen_today():
    """The clock itself, so every `today` imported anywhere reads 20/10/2026."""
    moment = datetime.combine(TODAY, time(9, 0), tzinfo=VN_TZ)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _tasks(province, n, lead=None):
    """n tasks due in Q3 2026: a third done on time, a third done late, a third still open (overdue)."""
    made = []
    for i in range(n):
        deadline = date(2026, 7, 1) + timedelta(days=i % 80)
        task = province.task(f"Nhiệm vụ số {i}", lead=lead or [province.btc, province.xa_a][i % 2], deadline=deadline)
        if i % 3 < 2:
            done = deadline - timedelta(days=1) if i % 3 == 0 else deadline + timedelta(days=5)
            Task.objects.filter(pk=task.pk).update(state="done", done_on=done, progress=100)
        made.append(task)
    return made


def _number(page: str, status: str) -> int:
    m = re.search(rf'data-status="{status}">([\d.]+)<', page)
    return int(m.group(1).replace(".", ""))


def test_status_counts_match_the_task_list_they_link_to(province, login):
    _tasks(province, 12)
    province.task("Hạn năm sau", deadline=date(2027, 3, 1))  # outside the period
    client = login(province.tracker)
    page = client.get(f"/tong-quan/?don_vi={province.root.pk}&ky={Q3}").content.decode()
    assert (_number(page, "done_on_time"), _number(page, "done_late"), _number(page, "overdue")) == (4, 4, 4)
    link = re.search(r'href="([^"]+)" data-status="done_late"', page).group(1).replace("&amp;", "&")
    listed = client.get(link).content.decode()
    assert listed.count('href="/nhiem-vu/') - listed.count('href="/nhiem-vu/moi/') >= 4
    assert "Hoàn thành quá hạn" in listed and "Hạn năm sau" not in listed


def test_the_dashboard_costs_the_same_queries_at_any_size(province, login):
    client = login(province.tracker)
    url = f"/tong-quan/?don_vi={province.root.pk}&ky={Q3}"
    _tasks(province, 6)
    client.get(url)
    cache.clear()  # the panels are computed, not read from the cache, in both measurements
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(6):
        province.ubnd.children.create(code=f"xa-moi-{i}", name=f"UBND xã mới {i}", kind="peoples_committee")
    _tasks(province, 30, lead=province.snv)
    _tasks(province, 30)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_ranking_and_scorecards_give_each_units_results(province, login):
    _tasks(province, 12)
    client = login(province.tracker)
    page = client.get(f"/tong-quan/bang-diem/?don_vi={province.root.pk}&ky={Q3}").content.decode()
    assert "Ban Tổ chức Tỉnh ủy" in page and "UBND xã Thạch Lạc" in page
    workbook = client.get(f"/tong-quan/bang-diem/?don_vi={province.root.pk}&ky={Q3}&xuat=xlsx")
    ws = load_workbook(BytesIO(workbook.content)).active
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    btc = rows["Ban Tổ chức Tỉnh ủy"]
    assert btc[1:5] == (6, 2, 2, 2) and isinstance(btc[5], float)
    assert round(btc[5], 1) == round(2 / 6 * 100, 1)


def test_a_unit_arranges_its_own_dashboard(province, login):
    client = login(province.tracker)
    response = client.post("/tong-quan/bo-cuc/", {"don_vi": province.root.pk, "khoi": ["overdue", "tasks"],
                                                  "khoi_thu_tu_overdue": "1", "khoi_thu_tu_tasks": "2"})
    assert response.status_code == 302
    assert Layout.objects.get(unit=province.root).panels == ["overdue", "tasks"]
    page = client.get(f"/tong-quan/?don_vi={province.btc.pk}").content.decode()  # inherited below
    assert page.index('id="khoi-overdue"') < page.index('id="khoi-tasks"') and 'id="khoi-ranking"' not in page
    assert login(province.commune_officer).get(f"/tong-quan/bo-cuc/?don_vi={province.xa_a.pk}").status_code == 403
    assert Layout.history.first().history_user == province.tracker


def test_an_indicator_behind_plan_becomes_an_explanation_task(province, login):
    revenue = Indicator.objects.create(code="TNS", name="Thu ngân sách", measure="tỷ đồng", unit=province.ubnd,
                                       responsible=province.snv)
    indicator_services.set_target(province.tracker, revenue, province.root, "2026", "12000")
    indicator_services.record_actual(province.tracker, revenue, province.root, "2026-Q3", "1000")
    client = login(province.tracker)
    page = client.get(f"/tong-quan/?don_vi={province.root.pk}&ky={Q3}").content.decode()
    assert "light-red" in page and "Yêu cầu giải trình" in page
    response = client.post("/tong-quan/giai-trinh/", {"don_vi": province.root.pk, "ky": Q3, "chi_tieu": revenue.pk})
    task = Task.objects.get(content__startswith="Giải trình")
    assert response.status_code == 302 and task.lead == province.snv
    assert "quý III/2026" in task.content and "33,3%" in task.content  # 1.000 of the quarter's 3.000
    assert login(province.viewer).post("/tong-quan/giai-trinh/", {"don_vi": province.btc.pk, "ky": Q3,
                                                                  "chi_tieu": revenue.pk}).status_code in (302, 404)
    assert Task.objects.filter(content__startswith="Giải trình").count() == 1


def test_a_user_sees_only_units_within_their_scope(province, login):
    _tasks(province, 6)
    assert login(province.outsider).get(f"/tong-quan/?don_vi={province.root.pk}").status_code == 404
    page = login(province.lead_officer).get(f"/tong-quan/?ky={Q3}").content.decode()
    assert "Ban Tổ chức Tỉnh ủy" in page and _number(page, "done_on_time") == 1  # only the board's own tasks


def test_overdue_and_due_this_week_lists(province, login):
    province.task("Việc quá hạn", deadline=date(2026, 10, 1))
    province.task("Việc đến hạn thứ Sáu", deadline=date(2026, 10, 23))
    page = login(province.tracker).get(f"/tong-quan/?don_vi={province.root.pk}").content.decode()
    assert "Việc quá hạn" in page and "Việc đến hạn thứ Sáu" in page
    overdue = page[page.index('id="khoi-overdue"'):]
    assert "Việc đến hạn thứ Sáu" not in overdue[:overdue.index("</section>")]


def test_petition_counts_link_to_the_petitions_behind_them(province, login):
    from dieuhanh.petitions import services as petition_services
    from dieuhanh.petitions.models import Petition

    for day, content in ((date(2026, 7, 10), "Đề nghị sửa đường liên thôn"), (date(2026, 2, 1), "Kiến nghị quý I")):
        petition_services.record(province.tracker, petition_services.PetitionInput(
            content=content, submitter="Ông Hồ Văn Sơn", receiving_unit=province.root, received_on=day,
            responsible_unit=province.snv, source=Petition.Source.RECEPTION))
    client = login(province.tracker)
    page = client.get(f"/tong-quan/?don_vi={province.ubnd.pk}&ky={Q3}").content.decode()
    panel = page[page.index('id="khoi-petitions"'):]
    received = re.search(r'href="([^"]+)"><span class="big">(\d+)</span><small>tiếp nhận', panel)
    assert received.group(2) == "1"
    listed = client.get(received.group(1).replace("&amp;", "&")).content.decode()
    assert "Đề nghị sửa đường liên thôn" in listed and "Kiến nghị quý I" not in listed


def test_the_tally_agrees_with_the_status_filters_for_every_status(province):
    from dieuhanh.core import periods
    from dieuhanh.dashboard import tally
    from dieuhanh.tasks.status import status_q

    variants = [dict(), dict(last_report_on=TODAY), dict(state="awaiting", requested_done_on=date(2026, 9, 1)),
                dict(state="awaiting", requested_done_on=date(2026, 7, 1)), dict(state="paused"),
                dict(state="cancelled"), dict(state="done", done_on=date(2026, 7, 1)),
                dict(state="done", done_on=date(2026, 9, 20)), dict(last_report_on=date(2026, 1, 5))]
    for i, fields in enumerate(variants):
        for deadline in (date(2026, 7, 15), date(2026, 9, 30)):
            task = province.task(f"Biến thể {i}", deadline=deadline)
            Task.objects.filter(pk=task.pk).update(**fields)
    q3 = periods.parse(Q3)
    counted = tally.total(tally.by_lead(province.root, q3, date(2026, 9, 10)))
    in_q3 = Task.objects.filter(due_on__gte=q3.start, due_on__lte=q3.end)
    for status in tally.COUNTED:
        assert counted.counts[status] == in_q3.filter(status_q(status, date(2026, 9, 10))).count(), status


def _situations(province):
    """Tasks in every state × deadline situation, led by a unit and by the units below it."""
    from dieuhanh.tasks import services

    q3 = date(2026, 8, 14)
    made = {
        "overdue": province.task("Quá hạn", deadline=q3),
        "ongoing_past_date": province.task("Thường xuyên, hạn đã qua", deadline=q3, recurrence="ongoing"),
        "monthly": province.task("Hằng tháng", deadline=None, recurrence="monthly"),
        "paused": province.task("Tạm dừng", deadline=q3),
        "cancelled": province.task("Dừng", deadline=q3, lead=province.ubnd),
        "done_late": province.task("Xong trễ", deadline=q3, lead=province.snv),
        "awaiting_late": province.task("Chờ nghiệm thu, đề nghị trễ", deadline=q3, lead=province.xa_a),
        "extended": province.task("Gia hạn sang quý IV", deadline=q3),
        "parent": province.task("Nhiệm vụ cha", deadline=date(2026, 10, 31), lead=province.ubnd),
        "due_this_week": province.task("Đến hạn tuần này", deadline=date(2026, 10, 23), lead=province.snv),
    }
    services.pause(province.tracker, made["paused"], reason="Chờ")
    services.cancel(province.tracker, made["cancelled"], reason="Không còn phù hợp")
    Task.objects.filter(pk=made["done_late"].pk).update(state="done", done_on=date(2026, 8, 30))
    Task.objects.filter(pk=made["awaiting_late"].pk).update(state="awaiting", requested_done_on=date(2026, 8, 20))
    services.request_extension(province.lead_officer, made["extended"], new_deadline=date(2026, 11, 30), reason="Chờ")
    services.decide_extension(province.tracker, made["extended"].extensions.get(), approve=True)
    chair = province.user("chutich", province.ubnd, "leader")
    services.delegate(chair, made["parent"], [services.TaskDraft("Nhiệm vụ con", province.xa_a, deadline=date(2026, 10, 30))])
    return made


def _listed(client, link: str) -> int:
    return client.get(link.replace("&amp;", "&")).context["page"].count


def test_every_dashboard_and_scorecard_count_equals_the_list_its_link_opens(province, login):
    _situations(province)
    client = login(province.tracker)
    for unit in (province.root, province.ubnd):
        response = client.get(f"/tong-quan/?don_vi={unit.pk}&ky={Q3}")
        pairs = []
        for panel in response.context["panels"]:
            data = panel["data"]
            if panel["key"] == "tasks":
                pairs += [(r["count"], r["link"]) for r in data["rows"]] + [(data["total"].total, data["all_link"])]
            elif panel["key"] in {"overdue", "due_week"}:
                pairs.append((data["count"], data["link"]))
            elif panel["key"] == "ranking":
                pairs += [(t.total, t.link) for t in data["best"] + data["worst"]]
        assert len(pairs) > 10
        for count, link in pairs:
            assert count == _listed(client, link), (unit.name, link)
        page = client.get(f"/tong-quan/bang-diem/?don_vi={unit.pk}&ky={Q3}").content.decode()
        cells = re.findall(r'data-count="(\w+)" href="([^"]+)">([\d.]+)<', page)
        assert len(cells) >= 8
        for _, link, number in cells:
            assert int(number.replace(".", "")) == _listed(client, link), link
    overdue_panel = next(p for p in client.get(f"/tong-quan/?don_vi={province.root.pk}&ky={Q3}").context["panels"]
                         if p["key"] == "overdue")
    assert "Thường xuyên, hạn đã qua" not in [t.content for t in overdue_panel["data"]["tasks"]]


def test_the_panels_are_read_from_the_cache_until_the_data_changes(province, login):
    """Generational caching: the second view costs fewer queries; any committed change (here a task marked
    done through the service) computes the panels again, so the count never lags behind the list."""
    from dieuhanh.tasks import services

    _tasks(province, 6)
    client = login(province.tracker)
    url = f"/tong-quan/?don_vi={province.root.pk}&ky={Q3}"
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as computed:
        cache.clear()
        client.get(url)
    with CaptureQueriesContext(connection) as cached:
        again = client.get(url).content.decode()
    assert len(cached.captured_queries) < len(computed.captured_queries)
    assert _number(again, "overdue") == _number(first, "overdue") == 2
    task = Task.objects.exclude(state="done").get(content="Nhiệm vụ số 2")
    services.cancel(province.tracker, task, reason="Không còn cần thiết")
    after = client.get(url).content.decode()
    assert _number(after, "overdue") == 1


def test_a_change_is_seen_at_once_by_its_own_thread_and_by_everyone_after_commit(
        province, django_capture_on_commit_callbacks):
    from dieuhanh.core import generation

    try:
        with transaction.atomic():
            generation.bump()
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        generation.bump()
        mine = generation.current()
        generation.bump()
    assert before != mine != generation.current()  # every change, at once, in this thread
    shared = cache.get(generation.KEY)
    assert len(callbacks) <= 1  # one publication per transaction (none new if one is already queued)
    generation._publish()
    assert cache.get(generation.KEY) != shared and generation.current().endswith(".0")


def test_the_indicator_panel_keeps_the_chosen_order_and_its_bars_are_its_table(province, login):
    """Arranged order, not worst-first; each bar is the row's "Mức đạt" cell — for a lower-is-better rate too,
    where the plan's percentage (155%) and the attainment differ."""
    import json
    import re

    revenue = Indicator.objects.create(code="TNS", name="Thu ngân sách", measure="tỷ đồng", unit=province.ubnd)
    poverty = Indicator.objects.create(code="HN", name="Tỷ lệ hộ nghèo", measure="%", kind=Indicator.Kind.PERCENT,
                                       direction=Indicator.Direction.LOWER, aggregation=Indicator.Aggregation.AVERAGE,
                                       unit=province.ubnd)
    for indicator, plan, actual in ((revenue, "12000", "11800"), (poverty, "2", "3.1")):
        indicator_services.set_target(province.tracker, indicator, province.root, "2026", plan)
        indicator_services.record_actual(province.tracker, indicator, province.root, "2026-Q3", actual)
    client = login(province.tracker)
    client.post("/tong-quan/bo-cuc/", {"don_vi": province.root.pk, "khoi": ["indicators"], "khoi_thu_tu_indicators": "1",
                                      "chi_tieu": [revenue.pk, poverty.pk], f"chi_tieu_thu_tu_{revenue.pk}": "1",
                                      f"chi_tieu_thu_tu_{poverty.pk}": "2"})
    page = client.get(f"/tong-quan/?don_vi={province.root.pk}&ky={Q3}").content.decode()
    assert page.index('data-indicator="TNS"') < page.index('data-indicator="HN"')  # the poverty row is worse
    chart = json.loads(re.search(r'<script id="chart-indicators" type="application/json">(.*?)</script>', page).group(1))
    cells = [float(v) for v in re.findall(r'data-attained="([0-9.]+)"', page)]
    assert chart["labels"] == ["Thu ngân sách", "Tỷ lệ hộ nghèo"] and chart["values"] == cells
    assert "155,0%" in page and cells[1] < 100  # the plan's percentage beside the bar's attainment
