"""The REST API (issue 18): tokens narrowed to a unit and a role, reads through the pages' scoped queries,
writes through the same services and policy, If-Match versions, Vietnamese error bodies, the OpenAPI schema."""

import json
from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from dieuhanh.api import tokens
from dieuhanh.api.models import ApiToken
from dieuhanh.audit.models import Action, AuditEntry
from dieuhanh.org.models import Role
from dieuhanh.tasks import services as task_services

pytestmark = pytest.mark.django_db


def _token(user, unit, role, days=30):
    return tokens.issue(user, user=user, name="thử", unit=unit, role=role, days=days)[1]


def _get(client, path, text, **extra):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {text}", **extra)


def _post(client, path, text, body, **extra):
    return client.post(path, json.dumps(body) if not isinstance(body, (bytes, str)) else body,
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {text}", **extra)


def test_a_token_reads_the_tasks_its_user_sees_with_status_and_cursor_pages(province, client):
    for i in range(5):
        province.task(f"Nhiệm vụ số {i}", deadline=date(2026, 3, 1))
    text = _token(province.tracker, province.root, Role.TRACKER)
    with mock.patch("django.utils.timezone.now", return_value=timezone.make_aware(timezone.datetime(2026, 4, 1, 9))):
        page = _get(client, "/api/v1/tasks/?page_size=2&status=overdue", text).json()
    assert len(page["results"]) == 2 and page["next"]
    first = page["results"][0]
    assert first["status"] == "overdue" and first["lead"]["name"] == province.btc.name and first["version"] == 1
    rest = client.get(page["next"], HTTP_AUTHORIZATION=f"Bearer {text}").json()
    seen = {t["id"] for t in page["results"]} | {t["id"] for t in rest["results"]}
    assert len(seen) == 4 and not (set(t["id"] for t in page["results"]) & set(t["id"] for t in rest["results"]))
    assert AuditEntry.objects.filter(action=Action.API_CALL, user=province.tracker).count() == 2


def test_without_a_valid_token_nothing_is_read(province, client):
    assert client.get("/api/v1/tasks/").status_code == 401
    body = _get(client, "/api/v1/tasks/", "dh_abc_def").json()
    assert body["loi"].startswith("Thiếu khóa truy cập")
    text = _token(province.tracker, province.root, Role.TRACKER)
    token = ApiToken.objects.get()
    tokens.revoke(province.tracker, token)
    assert _get(client, "/api/v1/tasks/", text).status_code == 401
    expired = _token(province.tracker, province.root, Role.TRACKER, days=1)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days=2)):
        assert _get(client, "/api/v1/tasks/", expired).status_code == 401


def test_the_secret_is_kept_only_as_a_hash(province):
    text = _token(province.tracker, province.root, Role.TRACKER)
    token = ApiToken.objects.get()
    assert text.split("_", 2)[2] not in (token.secret_hash, token.prefix) and len(token.secret_hash) == 64
    assert tokens.check(text) == token and tokens.check(text + "x") is None
    assert AuditEntry.objects.filter(action=Action.API_TOKEN, detail__startswith="Tạo khóa").exists()


def test_a_token_never_widens_its_users_scope(province):
    with pytest.raises(Exception, match="không giữ vai trò"):
        tokens.issue(province.lead_officer, user=province.lead_officer, name="x", unit=province.btc, role=Role.TRACKER, days=5)
    with pytest.raises(Exception, match="không có quyền xem"):
        tokens.issue(province.lead_officer, user=province.lead_officer, name="x", unit=province.other_root, role=Role.VIEWER,
                     days=5)
    with pytest.raises(Exception, match="quản trị"):
        tokens.issue(province.lead_officer, user=province.tracker, name="x", unit=province.root, role=Role.TRACKER, days=5)
    with pytest.raises(Exception, match="Thời hạn"):
        tokens.issue(province.tracker, user=province.tracker, name="x", unit=province.root, role=Role.TRACKER, days=9999)


def test_a_viewer_token_of_a_tracker_reads_but_may_not_accept(province, client):
    task = province.task("Rà soát quy hoạch cán bộ", deadline=date(2099, 1, 1))
    task_services.request_completion(province.lead_officer, task, note="Đã xong")
    text = _token(province.tracker, province.root, Role.VIEWER)
    assert _get(client, f"/api/v1/tasks/{task.pk}", text).json()["actions"] == []
    refused = _post(client, f"/api/v1/tasks/{task.pk}/accept", text, {"note": ""})
    assert refused.status_code == 403 and refused.json()["loi"] == "Chỉ đơn vị giao nhiệm vụ được nghiệm thu."
    full = _token(province.tracker, province.root, Role.TRACKER)
    accepted = _post(client, f"/api/v1/tasks/{task.pk}/accept", full, {"note": "Đạt yêu cầu"})
    assert accepted.status_code == 200 and accepted.json()["status"] in {"done_on_time", "done_late"}


def test_a_stale_if_match_is_refused_and_changes_nothing(province, client):
    task = province.task("Báo cáo tổng kết", deadline=date(2099, 1, 1))
    text = _token(province.lead_officer, province.btc, Role.OFFICER)
    detail = _get(client, f"/api/v1/tasks/{task.pk}", text)
    assert detail["ETag"] == '"1"' and "report" in detail.json()["actions"]
    done = _post(client, f"/api/v1/tasks/{task.pk}/progress", text, {"percent": 40, "text": "Đang tổng hợp"},
                 HTTP_IF_MATCH='"1"')
    assert done.status_code == 201 and done.json()["progress"] == 40 and done.json()["reports"][0]["percent"] == 40
    stale = _post(client, f"/api/v1/tasks/{task.pk}/progress", text, {"percent": 60, "text": "Lần hai"},
                  HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412 and "người khác cập nhật" in stale.json()["loi"]
    task.refresh_from_db()
    assert task.progress == 40 and task.reports.count() == 1


def test_bad_bodies_get_vietnamese_errors_and_change_nothing(province, client):
    task = province.task("Báo cáo tổng kết", deadline=date(2099, 1, 1))
    text = _token(province.lead_officer, province.btc, Role.OFFICER)
    path = f"/api/v1/tasks/{task.pk}/progress"
    malformed = _post(client, path, text, "{not json")
    assert malformed.status_code == 400 and malformed.json()["loi"] == "Dữ liệu gửi lên không đúng cú pháp JSON."
    cases = {
        json.dumps({"percent": "nhiều", "text": "x"}): "Sai kiểu",
        json.dumps({"percent": 150, "text": "x"}): "không hợp lệ",
        json.dumps({"percent": 10, "text": "x", "unknown": 1}): "không được chấp nhận",
        json.dumps({"text": "x"}): "Thiếu trường",
    }
    for body, words in cases.items():
        response = _post(client, path, text, body)
        assert response.status_code == 422, body
        payload = response.json()
        assert payload["loi"] == "Dữ liệu gửi lên không hợp lệ." and words in json.dumps(payload, ensure_ascii=False)
    with mock.patch("django.conf.settings.DATA_UPLOAD_MAX_MEMORY_SIZE", 1000):
        huge = _post(client, path, text, json.dumps({"percent": 10, "text": "x" * 5000}))
    assert huge.status_code == 413 and huge.json()["loi"] == "Dữ liệu gửi lên quá lớn."
    assert task.reports.count() == 0


def test_nothing_outside_the_tokens_unit_is_readable_or_writable(province, client):
    inside = province.task("Việc của Ban Tổ chức", deadline=date(2099, 1, 1))
    outside = province.task("Việc của Sở Nội vụ", lead=province.snv, deadline=date(2099, 1, 1))
    text = _token(province.tracker, province.btc, Role.VIEWER)  # the tracker of the province, narrowed to one board
    ids = {t["id"] for t in _get(client, "/api/v1/tasks/", text).json()["results"]}
    assert inside.pk in ids and outside.pk not in ids
    assert _get(client, f"/api/v1/tasks/{outside.pk}", text).status_code == 404
    assert _post(client, f"/api/v1/tasks/{outside.pk}/progress", text, {"percent": 5, "text": "x"}).status_code == 404
    units = {u["id"] for u in _get(client, "/api/v1/units/", text).json()["results"]}
    assert province.btc.pk in units and province.root.pk not in units


def test_the_schema_and_its_documentation_are_served_without_a_cdn(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/api/v1/tasks/" in schema["paths"]
    page = client.get("/api/v1/tai-lieu/").content.decode()
    assert "swagger" in page.lower() and "cdn" not in page.lower() and "https://" not in page


def test_the_token_page_shows_a_new_token_once_and_revokes_it(province, login):
    client = login(province.tracker)
    page = client.post("/tai-khoan/khoa-api/tao/", {"ten": "Đồng bộ nq57", "pham_vi": f"{province.root.pk}:tracker",
                                                     "so_ngay": "30"}).content.decode()
    token = ApiToken.objects.get()
    assert "Khóa mới: Đồng bộ nq57" in page and f"dh_{token.prefix}_" in page
    assert f"dh_{token.prefix}_" not in client.get("/tai-khoan/khoa-api/").content.decode()
    client.post(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/")
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == province.tracker
    refused = client.post("/tai-khoan/khoa-api/tao/", {"ten": "x", "pham_vi": f"{province.other_root.pk}:tracker",
                                                        "so_ngay": "30"}, follow=True).content.decode()
    assert "không giữ vai trò" in refused and ApiToken.objects.count() == 1


def test_each_token_has_its_own_rate_limit(province, client):
    from dieuhanh.api.main import api

    first = _token(province.tracker, province.root, Role.TRACKER)
    second = _token(province.tracker, province.root, Role.VIEWER)
    [throttle] = api.throttle
    with mock.patch.object(throttle, "num_requests", 3):
        codes = [_get(client, "/api/v1/units/", first).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        body = _get(client, "/api/v1/units/", first).json()
        assert body["loi"].startswith("Quá nhiều yêu cầu")
        assert _get(client, "/api/v1/units/", second).status_code == 200  # another token, its own count


def test_it_staff_make_a_service_token_from_the_shell(province):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from dieuhanh.org.models import Membership

    admin = province.user("quantri", province.root, Role.ADMIN)
    service = province.user("nq57", province.root, Role.VIEWER)
    out = StringIO()
    call_command("api_token", "nq57", province.root.code, "viewer", "--name", "Đồng bộ nq57", "--by", "quantri",
                 stdout=out)
    token = ApiToken.objects.get()
    assert token.kind == ApiToken.Kind.SERVICE and token.user == service and f"dh_{token.prefix}_" in out.getvalue()
    assert Membership.objects.filter(user=admin).exists()
    with pytest.raises(CommandError, match="quản trị"):
        call_command("api_token", "nq57", province.root.code, "viewer", "--name", "x", "--by", "bantochuc")
