"""Deployment and hardening: the key, the production checks, the Content-Security-Policy, redirects that
stay on site, spreadsheet cells that never become formulas, and the audit log of refusals and exports."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl import load_workbook

from dieuhanh.audit.log import prune
from dieuhanh.audit.models import Action, AuditEntry
from dieuhanh.core.sheets import safe_row, safe_text
from dieuhanh.indicators import services as indicator_services
from dieuhanh.indicators import xlsx
from dieuhanh.indicators.models import Indicator

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "deploy" / "production.env.example"
SRC = ROOT / "src" / "dieuhanh"


def _env_file(path: Path) -> dict:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if line and not line.startswith("#"))
    return {k.strip(): v.strip() for k, v in pairs}


def _dieuhanh(*args, env: dict, tmp_path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()  # not this test process's settings (the browser tests' async flag)
             if not k.startswith("DIEUHANH_") and k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "-m", "dieuhanh.cli", *args], capture_output=True, text=True,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "dieuhanh.settings", "DIEUHANH_VAR": str(tmp_path),
                               **env})


def test_without_a_secret_key_only_demo_mode_starts(tmp_path):
    refused = _dieuhanh("check", env={}, tmp_path=tmp_path)
    assert refused.returncode != 0 and "Chưa đặt DIEUHANH_SECRET_KEY" in refused.stderr
    assert "Traceback" not in refused.stderr
    placeholder = _env_file(EXAMPLE)["DIEUHANH_SECRET_KEY"]
    assert _dieuhanh("check", env={"DIEUHANH_SECRET_KEY": placeholder}, tmp_path=tmp_path).returncode != 0
    assert _dieuhanh("check", env={"DIEUHANH_DEMO": "1"}, tmp_path=tmp_path).returncode == 0


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    env = _env_file(EXAMPLE) | {"DIEUHANH_SECRET_KEY": "k7Qp2-" + "Zx9vL3mN8bR4tY6wE1uI0oP5aS7dF2gH" * 2,
                                "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    done = _dieuhanh("check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    documented = set(_env_file(EXAMPLE))
    read = set(re.findall(r'"(DIEUHANH_[A-Z0-9_]+)"', (SRC / "settings.py").read_text()))
    security = {"DIEUHANH_SECRET_KEY", "DIEUHANH_SSL_REDIRECT", "DIEUHANH_HSTS_SECONDS", "DIEUHANH_SECURE_COOKIES",
                "DIEUHANH_TRUSTED_PROXIES", "DIEUHANH_PROXY_SETS_PROTO", "DIEUHANH_CSRF_TRUSTED_ORIGINS"}
    assert security <= documented and security <= read


def test_serve_runs_gunicorn_with_workers_from_the_cpu_count(tmp_path):
    done = _dieuhanh("serve", "--dry-run", env={"DIEUHANH_DEMO": "1"}, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    argv = done.stdout.split()
    assert "gunicorn" in argv and argv[argv.index("--workers") + 1] == str(2 * (os.cpu_count() or 1) + 1)


def test_pages_carry_a_content_security_policy_without_inline_script(province, login):
    response = login(province.tracker).get("/tong-quan/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


SERVED_TEMPLATES = [p for p in SRC.rglob("templates/**/*.html")
                    if p.name not in {"paper.html", "mail.html"}]  # a PDF's source and a mail, never served


@pytest.mark.parametrize("template", SERVED_TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_served_template_has_inline_script_style_or_handlers(template):
    text = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", text), "an on…= handler"
    assert not re.search(r"\sstyle\s*=|<style", text), "inline style"
    assert "hx-on" not in text and "js:" not in text, "htmx code needing eval"


def test_next_never_leads_off_site(province, login):
    client = login(province.viewer)
    response = client.post("/thong-bao/da-doc/", {"next": "https://evil.example/"})
    assert response["Location"] == "/thong-bao/"
    response = client.post("/tong-quan/giai-trinh/", {"don_vi": province.btc.pk, "chi_tieu": "0",
                                                      "next": "//evil.example/x"})
    assert "evil" not in response.get("Location", "")


def test_text_that_looks_like_a_formula_is_never_a_live_formula():
    assert safe_text("=HYPERLINK(\"http://x\",\"bấm\")") == "'=HYPERLINK(\"http://x\",\"bấm\")"
    assert safe_row(["+1", "-2+3", "@SUM(A1)", "\t=1", 12, None]) == ["'+1", "'-2+3", "'@SUM(A1)", "'\t=1", 12, None]
    assert safe_text("- Rà soát quy hoạch") == "- Rà soát quy hoạch"  # a list line stays as typed


def test_an_indicator_export_writes_a_typed_formula_as_text(province):
    revenue = Indicator.objects.create(code="TNS", name="=1+1 Thu ngân sách", measure="tỷ đồng", unit=province.ubnd)
    indicator_services.set_target(province.tracker, revenue, province.root, "2026", "12000",
                                  note='=HYPERLINK("http://evil.example","Xem")')
    from dieuhanh.core import periods

    ws = load_workbook(BytesIO(xlsx.export(Indicator.objects.all(), province.root, periods.Period(2026, "year"))))[xlsx.SHEET]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value.startswith("'=HYPERLINK") for c in cells) and any(c.value == "'=1+1 Thu ngân sách" for c in cells)


def test_refusals_are_in_the_audit_log_even_when_the_page_only_shows_a_message(province, login):
    client = login(province.viewer)
    task = province.task()
    response = client.post(f"/nhiem-vu/{task.pk}/nghiem-thu/")
    assert response.status_code in (302, 403)
    assert login(province.commune_officer).get(f"/tong-quan/bo-cuc/?don_vi={province.xa_a.pk}").status_code == 403
    refusals = AuditEntry.objects.filter(action=Action.REFUSED)
    assert {e.user for e in refusals} == {province.viewer, province.commune_officer}
    assert all(e.path and e.ip == "127.0.0.1" and e.detail for e in refusals)


def test_only_the_auditor_role_reads_and_exports_the_audit_log(province, login):
    login(province.lead_officer)  # a sign-in to read
    assert login(province.tracker).get("/nhat-ky/").status_code == 403
    province.inspector.groups.add(Group.objects.get(name="Kiểm tra an toàn thông tin"))
    client = login(province.inspector)
    page = client.get("/nhat-ky/?hanh_dong=login").content.decode()
    assert "bantochuc" in page and "Đăng nhập" in page
    assert client.get("/nhat-ky/?tu=khong-phai-ngay").status_code == 400
    response = client.get("/nhat-ky/?xuat=xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Thời điểm" and any(r[1] == "bantochuc" for r in rows[1:])
    assert AuditEntry.objects.filter(action=Action.EXPORT, user=province.inspector).exists()
    assert AuditEntry.objects.filter(action=Action.ROLE_CHANGED).exists()  # the group just given


def test_users_and_groups_keep_their_history(province):
    user = province.lead_officer
    user.first_name = "Nguyễn Văn A"
    user.save()
    user.groups.add(Group.objects.create(name="Tổ công tác"))
    assert user.history.count() >= 2 and user.history.first().first_name == "Nguyễn Văn A"


def test_the_log_keeps_at_least_three_months_whatever_the_setting(province, settings):
    settings.DIEUHANH_AUDIT_KEEP_DAYS = 10
    old, recent = (AuditEntry.objects.create(action=Action.LOGIN, username=n) for n in ("cu", "moi"))
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=95))
    AuditEntry.objects.filter(pk=recent.pk).update(at=timezone.now() - timedelta(days=80))
    assert prune() == 1 and AuditEntry.objects.filter(username="moi").exists()


def test_exports_and_downloads_are_in_the_audit_log(province, login):
    client = login(province.tracker)
    assert client.get(f"/chi-tieu/xuat-excel/?don_vi={province.root.pk}&ky=2026").status_code == 200
    assert client.get(f"/tong-quan/bang-diem/?don_vi={province.root.pk}&xuat=xlsx").status_code == 200
    exports = AuditEntry.objects.filter(action=Action.EXPORT, user=province.tracker)
    assert {e.target.split()[0] for e in exports} == {"chỉ", "bảng"} and all(e.ip for e in exports)


def test_the_client_address_is_read_from_x_forwarded_for_only_behind_a_trusted_proxy(settings, rf):
    import ipaddress

    from dieuhanh.core.net import client_ip

    settings.DIEUHANH_TRUSTED_PROXY_NETWORKS = [ipaddress.ip_network("10.0.0.0/8")]
    spoofed = "203.0.113.66, 198.51.100.7"  # the client wrote the first hop itself; the proxy added the second
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=spoofed)) == "198.51.100.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=spoofed)) == "198.51.100.9"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="khong-phai-ip")) == "10.0.0.2"


def test_a_next_address_is_followed_only_when_it_is_a_path_on_this_site(rf):
    from dieuhanh.core.net import same_site

    request = rf.get("/")
    assert same_site(request, "/nhiem-vu/?trang=2", "inbox") == "/nhiem-vu/?trang=2"
    for hostile in ("https://evil.example/", "//evil.example/", "1e309", "javascript:alert(1)", ""):
        assert same_site(request, hostile, "inbox") == "inbox", hostile
