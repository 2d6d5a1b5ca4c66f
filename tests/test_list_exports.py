"""Every list exports and prints (issue 17, item 4): the task list as XLSX is the filter as shown — the same rows
as the list, typed cells, formula-safe text, an audit row — and its print view holds every row on A4 with the
office's heading, printing itself."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from dieuhanh.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_task_list_exports_what_its_filter_shows(province, login):
    for i in range(30):
        province.task(f"Nhiệm vụ số {i}", lead=province.btc if i % 2 else province.snv, deadline=date(2026, 3, 1 + i % 28),
                      coordinators=[province.xa_a] if i == 1 else ())
    province.task('=HYPERLINK("http://x") nội dung', lead=province.btc, deadline=date(2026, 4, 1))
    client = login(province.tracker)
    query = f"?don_vi={province.btc.pk}&vai_tro=chu_tri"
    listed = client.get(f"/nhiem-vu/{query}").content.decode()
    response = client.get(f"/nhiem-vu/{query}&xuat=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    title, header, *items = rows
    assert "chủ trì: Ban Tổ chức Tỉnh ủy" in title[0] and header[1] == "Nội dung nhiệm vụ"
    assert len(items) == 16 and "1–16 / 16" in listed.replace("&ndash;", "–")  # the list's own count
    assert all(r[3] == "Ban Tổ chức Tỉnh ủy" for r in items)
    [formula] = [r for r in items if "HYPERLINK" in r[1]]
    assert formula[1].startswith("'=")  # typed text, never a live formula
    [first] = [r for r in items if r[1] == "Nhiệm vụ số 1"]
    assert first[4] == "UBND xã Thạch Lạc" and first[6].date() == date(2026, 3, 2) and first[8] == 0
    assert AuditEntry.objects.filter(action="export", target="danh sách nhiệm vụ").exists()


def test_the_print_view_holds_every_row_with_the_offices_heading(province, login):
    for i in range(40):
        province.task(f"Việc in số {i}", deadline=date(2026, 5, 1))
    client = login(province.tracker)
    paged = client.get("/nhiem-vu/").content.decode()
    printed = client.get("/nhiem-vu/?in=1").content.decode()
    assert paged.count("Việc in số") == 25 and printed.count("Việc in số") == 40
    assert "data-print-on-load" in printed and "data-print-on-load" not in paged
    assert 'class="print-only print-head"' in printed and "TỈNH ỦY HÀ TĨNH" in printed


def test_the_document_and_petition_lists_export_without_citizens_contacts(province, login):
    from dieuhanh.documents.services import register_document
    from dieuhanh.petitions import services as petitions
    from dieuhanh.petitions.models import Petition
    from dieuhanh.tasks.services import TaskDraft

    register_document(province.tracker, issuer=province.root, symbol="45-TB/TU", issued_on=date(2026, 2, 3),
                      signer="", subject="Thông báo kết luận làm việc", tasks=[TaskDraft("Rà soát", province.btc, [],
                                                                                           deadline=date(2026, 6, 1))])
    petitions.record(province.tracker, petitions.PetitionInput(
        source=Petition.Source.RECEPTION, submitter="Ông Nguyễn Văn A", content="Sửa đường liên thôn",
        receiving_unit=province.root, citizen_phone="0912345678", submitter_kind=Petition.SubmitterKind.CITIZEN))
    client = login(province.tracker)
    docs = list(load_workbook(BytesIO(client.get("/van-ban/?xuat=xlsx").content)).active.iter_rows(values_only=True))
    assert docs[2][1] == "45-TB/TU" and docs[2][2].date() == date(2026, 2, 3) and docs[2][6] == 1
    body = client.get("/kien-nghi/?xuat=xlsx").content
    rows = list(load_workbook(BytesIO(body)).active.iter_rows(values_only=True))
    assert rows[2][5] == "Sửa đường liên thôn" and "0912345678" not in str(rows)
    assert AuditEntry.objects.filter(action="export", target__in=["danh sách văn bản", "danh sách kiến nghị"]).count() == 2
