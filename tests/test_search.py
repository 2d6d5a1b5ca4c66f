"""One search box for everything (issue 17, item 1): tasks (also by their document's symbol and number),
documents, meetings, petitions (by code) and units, each within the user's scope, diacritics ignored, each hit
saying what it is and opening it."""

from datetime import date

import pytest

from dieuhanh.documents.services import register_document
from dieuhanh.petitions import services as petitions
from dieuhanh.petitions.models import Petition
from dieuhanh.tasks.services import TaskDraft, assign_tasks

pytestmark = pytest.mark.django_db


def test_the_header_box_finds_every_kind_within_scope(province, login):
    register_document(province.tracker, issuer=province.root, symbol="1029-TB/TU", issued_on=date(2026, 2, 3),
                      signer="", subject="Thông báo kết luận về công tác dân vận",
                      tasks=[TaskDraft("Tổng kết công tác dân vận chính quyền", province.btc, [], deadline=date(2026, 6, 1))])
    petition = petitions.record(province.tracker, petitions.PetitionInput(
        source=Petition.Source.RECEPTION, submitter="Bà Lê Thị B", content="Đề nghị hỗ trợ nhà ở cho hộ nghèo",
        receiving_unit=province.root, submitter_kind=Petition.SubmitterKind.CITIZEN, citizen_phone="0912345678"))
    assign_tasks(province.outsider, assigned_by=province.other_root, issued_on=date(2026, 1, 5),
                 drafts=[TaskDraft("Công tác dân vận của tỉnh khác", province.other_root, deadline=date(2099, 1, 1))])
    client = login(province.tracker)
    assert 'action="/tim/"' in client.get("/nhiem-vu/").content.decode()  # the header box searches everything
    page = client.get("/tim/?q=dan van").content.decode()
    assert "Tổng kết công tác dân vận chính quyền" in page and "1029-TB/TU — Thông báo kết luận" in page
    assert "tỉnh khác" not in page  # another province's work stays out
    assert page.index("Nhiệm vụ") < page.index("Văn bản")
    by_number = client.get("/nhiem-vu/?q=1029").content.decode()  # the number every row prints
    assert "Tổng kết công tác dân vận chính quyền" in by_number
    assert "Tổng kết công tác" in client.get("/nhiem-vu/?q=1029-TB/TU").content.decode()
    coded = client.get(f"/tim/?q={petition.code.lower()}").content.decode()
    assert f"/kien-nghi/{petition.pk}/" in coded and "Kiến nghị" in coded
    units = client.get("/tim/?q=to chuc").content.decode()
    assert "Ban Tổ chức Tỉnh ủy" in units and "Đơn vị" in units
    assert "Không tìm thấy gì" in client.get("/tim/?q=khongcogica").content.decode()
