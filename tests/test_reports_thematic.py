"""The thematic report (báo cáo chuyên đề) on one document or one meeting's conclusions: each task with its
lead, coordinators, status, latest progress and what remains, in a landscape annex; the petitions raised and
their answers; the reporting unit's part only; addressed and signed as the periodic report; DOCX and PDF."""

import re
import subprocess
from datetime import date, datetime
from io import BytesIO
from unittest import mock

import pytest
from docx import Document as Docx
from docx.enum.section import WD_ORIENT

from dieuhanh.core import calendar
from dieuhanh.documents.models import Document
from dieuhanh.meetings import services as meetings
from dieuhanh.meetings.models import Meeting
from dieuhanh.org.models import Person, Position, Unit
from dieuhanh.petitions import services as petitions
from dieuhanh.tasks import services
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services import TaskDraft

pytestmark = pytest.mark.django_db
TODAY = date(2026, 10, 20)


@pytest.fixture
def notice(province):
    """Thông báo 1029-TB/TU: three tasks for Ban Dân vận (one done, one overdue with a progress report, one
    coordinated), one for Sở Nội vụ alone, and a petition raised in it, answered."""
    dan_van = Unit.objects.create(code="bdv", name="Ban Dân vận Tỉnh ủy", kind=Unit.Kind.PARTY_BOARD,
                                  parent=province.root)
    province.dan_van = dan_van
    province.dv_officer = province.user("danvan", dan_van, "officer")
    document = Document.objects.create(system="party", kind="TB", number=1029, symbol="1029-TB/TU",
                                       series="TB/2020-2025", issuer=province.root, issued_on=date(2021, 10, 7),
                                       subject="Kết luận của Thường trực Tỉnh ủy tại buổi làm việc với huyện Thạch Hà")
    done, late, helped, other = services.assign_tasks(province.tracker, assigned_by=province.root, document=document,
                                                      issued_on=date(2026, 1, 5), drafts=[
        TaskDraft("Tổ chức đối thoại với Nhân dân về đất đai", dan_van, deadline=date(2026, 3, 31)),
        TaskDraft("Nắm tình hình dư luận về sáp nhập thôn", dan_van, [province.btc], deadline=date(2026, 6, 30)),
        TaskDraft("Rà soát quy chế dân chủ ở cơ sở", province.btc, [dan_van], deadline=date(2099, 6, 30)),
        TaskDraft("Sắp xếp biên chế khối chính quyền", province.snv, deadline=date(2099, 6, 30)),
    ])
    Task.objects.filter(pk=done.pk).update(state="done", done_on=date(2026, 3, 20), progress=100)
    services.report_progress(province.dv_officer, Task.objects.get(pk=late.pk), percent=60,
                             text="Đã tổng hợp ý kiến của 12 xã")
    petition = petitions.record(province.tracker, petitions.PetitionInput(
        content="Đề nghị công khai phương án sáp nhập thôn", submitter="Cử tri xã Thạch Lạc",
        receiving_unit=province.root, responsible_unit=dan_van, document=document))
    petitions.answer(province.dv_officer, petition, "Phương án đã niêm yết tại nhà văn hóa các thôn")
    province.head = Position.objects.create(person=Person.objects.create(full_name="Nguyễn Thị Dân"),
                                            title="Trưởng Ban Dân vận Tỉnh ủy", unit=dan_van)
    return document


def _text(doc) -> str:
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text for c in row.cells))
    return "\n".join(lines)


def _today(day):
    return mock.patch("dieuhanh.reports.views.today", return_value=day)


def test_ban_dan_van_reports_on_the_notice_to_the_standing_committee(province, notice, login):
    client = login(province.dv_officer)
    form = client.get(f"/van-ban/{notice.pk}/bao-cao/").content.decode()
    assert "Ban Dân vận Tỉnh ủy" in form and "Nguyễn Thị Dân" in form and "Tải báo cáo" in form
    with _today(TODAY):
        response = client.get(f"/van-ban/{notice.pk}/bao-cao/", {
            "don_vi": province.dan_van.pk, "kinh_gui": province.root.pk, "nguoi_ky": province.head.pk,
            "dinh_dang": "docx"})
    assert response.status_code == 200
    doc = Docx(BytesIO(response.content))
    text = _text(doc)
    assert "Kết quả thực hiện Thông báo số 1029-TB/TU ngày 07/10/2021 của Tỉnh ủy Hà Tĩnh" in text
    assert "Kính gửi: Tỉnh ủy Hà Tĩnh" in text and "T/M BAN DÂN VẬN TỈNH ỦY" in text and "Nguyễn Thị Dân" in text
    # Its part: the two it leads and the one it coordinates; not Sở Nội vụ's.
    assert "tổng số 3 nhiệm vụ" in text and "Sắp xếp biên chế" not in text
    assert "đã hoàn thành 1 (đúng hạn 1, quá hạn 0)" in text and "quá hạn 1" in text
    annex = doc.tables[-2]  # the task annex, then the petitions' annex
    rows = [[c.text for c in r.cells] for r in annex.rows]
    assert rows[0] == ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Tình trạng", "Tiến độ gần nhất",
                       "Việc còn lại"]
    late = next(r for r in rows if r[1].startswith("Nắm tình hình"))
    assert late[2:] == ["Ban Dân vận Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "30/06/2026", "Đang thực hiện quá hạn",
                        "Đã tổng hợp ý kiến của 12 xã", "Còn 40% khối lượng; quá hạn 112 ngày"]
    helped = next(r for r in rows if r[1].startswith("Rà soát"))
    assert helped[2:4] == ["Ban Tổ chức Tỉnh ủy", "Ban Dân vận Tỉnh ủy"]
    petition_rows = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert petition_rows[1][1:] == ["Đề nghị công khai phương án sáp nhập thôn", "Cử tri xã Thạch Lạc",
                                    "Ban Dân vận Tỉnh ủy", "Đã trả lời",
                                    "Phương án đã niêm yết tại nhà văn hóa các thôn"]
    # The annexes are landscape pages; the body stays portrait.
    orientations = [s.orientation for s in doc.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.LANDSCAPE]
    assert doc.sections[1].page_width > doc.sections[1].page_height


def test_the_issuing_office_reports_every_task_and_strangers_are_refused(province, notice, login):
    with _today(TODAY):
        whole = login(province.tracker).get(f"/van-ban/{notice.pk}/bao-cao/", {
            "don_vi": province.root.pk, "dinh_dang": "docx"})
        text = _text(Docx(BytesIO(whole.content)))
        assert "tổng số 4 nhiệm vụ" in text and "Sắp xếp biên chế" in text
        wrong = login(province.dv_officer).get(f"/van-ban/{notice.pk}/bao-cao/", {
            "don_vi": province.dan_van.pk, "kinh_gui": province.snv.pk, "dinh_dang": "docx"}, follow=True)
        assert "cấp trên" in wrong.content.decode()
    assert login(province.outsider).get(f"/van-ban/{notice.pk}/bao-cao/").status_code == 404


def test_a_meetings_conclusions_report_and_its_pdf(province, notice, login, need_program):
    need_program("pdftotext", "poppler-utils")
    session = meetings.create_meeting(
        province.tracker, kind=Meeting.Kind.WORKING_SESSION, host_unit=province.root,
        starts_at=datetime(2021, 10, 11, 8, tzinfo=calendar.VN_TZ), title="Làm việc với huyện Thạch Hà")
    meetings.link_document(province.tracker, session, notice)
    with _today(TODAY):
        response = login(province.tracker).get(f"/cuoc-hop/{session.pk}/bao-cao/", {
            "don_vi": province.dan_van.pk, "dinh_dang": "pdf"})
    data = response.content
    assert data.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True).stdout.decode()
    assert "kết luận tại buổi làm việc ngày 11/10/2021" in text and "Thông báo số 1029-TB/TU" in text
    assert "Phụ lục I" in text and "Phụ lục II" in text and "Đã tổng hợp ý" in text  # table cells wrap
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9", "-"], input=data, capture_output=True).stdout.decode()
    sizes = [tuple(float(x) for x in re.search(r"size:\s+([\d.]+) x ([\d.]+)", line).groups())
             for line in info.splitlines() if re.match(r"Page\s+\d+ size:", line)]
    assert sizes[0][0] < sizes[0][1] and sizes[-1][0] > sizes[-1][1]  # a portrait body, a landscape annex
