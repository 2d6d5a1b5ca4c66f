"""Periodic reports: the DOCX in the administrative layout, its counts equal to the database; XLSX
numbers typed as numbers; the command line; bad periods refused, an empty unit reported honestly."""

import os
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from dieuhanh.core import periods
from dieuhanh.core.periods import PeriodError
from dieuhanh.reports import building, content, docx, xlsx
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.status import Status, status_q

TODAY = date(2026, 10, 20)
NINE = periods.parse("2026-9M")


def _tasks(province):
    for i in range(9):
        deadline = date(2026, 3, 2) + timedelta(days=20 * i)
        task = province.task(f"Nhiệm vụ báo cáo số {i}", lead=[province.btc, province.snv, province.xa_a][i % 3],
                             deadline=deadline)
        if i % 3 == 0:
            Task.objects.filter(pk=task.pk).update(state="done", done_on=deadline, progress=100)
        elif i % 3 == 1:
            Task.objects.filter(pk=task.pk).update(state="done", done_on=deadline + timedelta(days=3), progress=100)


def _text(document) -> list[str]:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(line for c in row.cells for line in c.text.split("\n"))
    return lines


def test_the_docx_has_the_party_heading_and_counts_equal_to_the_database(province):
    _tasks(province)
    report = content.build(province.root, NINE, TODAY)
    document = Document(BytesIO(docx.render(report)))
    text = _text(document)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "TỈNH ỦY HÀ TĨNH" in text and "*" in text
    assert any(line.startswith("Số:") and line.endswith("-BC/TU") for line in text)
    assert any("ngày 20 tháng 10 năm 2026" in line for line in text)
    assert "BÁO CÁO" in text and "Kết quả thực hiện nhiệm vụ 9 tháng năm 2026" in text
    counts = document.tables[1]  # after the heading block
    table = {row.cells[0].text: row.cells[1].text for row in counts.rows[1:]}
    in_period = Task.objects.filter(due_on__gte=NINE.start, due_on__lte=NINE.end)
    for status in (Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE):
        assert table[status.label] == str(in_period.filter(status_q(status, TODAY)).count())
    assert table[Status.DONE_ON_TIME.label] == "3" and table["Tổng số"] == str(in_period.count()) == "9"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.left_margin.mm), round(section.right_margin.mm)) == (210, 30, 15)
    fonts = {r.font.name for p in document.paragraphs for r in p.runs}
    assert fonts == {"Times New Roman"}
    assert any(line.startswith("Nơi nhận") for line in text) and any(line.startswith("T/M TỈNH ỦY") for line in text)


def test_a_state_body_gets_the_national_heading(province):
    report = content.build(province.ubnd, NINE, TODAY)
    text = _text(Document(BytesIO(docx.render(report))))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert any(line.startswith("Số:") and "/BC-" in line for line in text)


def test_a_unit_without_tasks_gets_an_honest_empty_report(province):
    report = content.build(province.xa_b, NINE, TODAY)
    assert report.is_empty
    text = _text(Document(BytesIO(docx.render(report))))
    assert any("không có nhiệm vụ có thời hạn" in line for line in text)


def test_the_xlsx_has_one_sheet_per_table_with_numbers_as_numbers(province):
    _tasks(province)
    wb = load_workbook(BytesIO(xlsx.render(content.build(province.root, NINE, TODAY))))
    assert wb.sheetnames == ["Trang thai", "Don vi", "Qua han", "Gia han", "Van ban"]  # no indicators here
    rows = {r[0]: r[1] for r in wb["Trang thai"].iter_rows(min_row=3, values_only=True)}
    assert rows["Tổng số"] == 9 and isinstance(rows["Tổng số"], int)
    units = [r for r in wb["Don vi"].iter_rows(min_row=3, values_only=True)]
    assert sum(r[1] for r in units) == 9


def test_future_and_inverted_periods_are_refused(province):
    with pytest.raises(PeriodError, match="chưa bắt đầu"):
        content.build(province.root, periods.parse("2027"), TODAY)
    with pytest.raises(PeriodError, match="trước ngày bắt đầu"):
        periods.parse_report_period("2026-09-30..2026-01-01")


def test_the_command_writes_the_report(province, tmp_path):
    _tasks(province)
    out = tmp_path / "bao-cao.docx"
    call_command("report", "--unit", "tu", "--period", "2026-01-01..2026-09-30", "--format", "docx", "--out", str(out))
    assert "từ ngày 01/01/2026 đến ngày 30/09/2026" in "\n".join(_text(Document(str(out))))
    xlsx_out = tmp_path / "bao-cao.xlsx"
    call_command("report", "--period", "2026-Q2", "--format", "xlsx", "--out", str(xlsx_out))
    assert load_workbook(xlsx_out).sheetnames[0] == "Trang thai"
    with pytest.raises(CommandError, match="Kỳ không tồn tại: tháng 13"):
        call_command("report", "--period", "2026-13", "--format", "xlsx", "--out", str(xlsx_out))


def test_the_pdf_text_carries_the_heading_and_the_counts(province, tmp_path, need_program):
    need_program("pdftotext", "poppler-utils")
    import subprocess

    from dieuhanh.reports import pdf
    _tasks(province)
    out = tmp_path / "bao-cao.pdf"
    out.write_bytes(pdf.render(content.build(province.root, NINE, TODAY)))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "ngày 20 tháng 10 năm 2026" in text
    assert "Kết quả thực hiện nhiệm vụ 9 tháng năm 2026" in text
    line = next(line for line in text.splitlines() if "Hoàn thành đúng hạn" in line and "Tổng" not in line)
    assert line.split()[-1] == "3"
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    # Times New Roman's metric twin for every glyph (fonts-liberation2 has the Vietnamese ones), and no browser.
    assert "Liberation-Serif" in fonts and "DejaVu" not in fonts and "Chromium" not in info
    if os.environ.get("DIEUHANH_SHOT"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(out), os.environ["DIEUHANH_SHOT"]])


def test_a_report_asked_twice_at_once_is_one_job_and_its_file_is_kept(province, login, django_capture_on_commit_callbacks):
    from dieuhanh.reports import services
    from dieuhanh.reports.models import ReportRun

    _tasks(province)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.request_report(province.tracker, province.root, "2026-9M", "xlsx")
        again = services.request_report(province.leader, province.root, "2026-9M", "xlsx")
    assert first.pk == again.pk and ReportRun.objects.count() == 1 and len(callbacks) == 1
    run = building.build_run(first.pk)
    assert run.state == ReportRun.State.DONE and building.build_run(first.pk).file.name == run.file.name
    client = login(province.tracker)
    assert "Tải về" in client.get(f"/bao-cao/?don_vi={province.root.pk}").content.decode()
    workbook = load_workbook(BytesIO(b"".join(client.get(f"/bao-cao/{run.pk}/tai/").streaming_content)))
    assert workbook.sheetnames[0] == "Trang thai"
    later = services.request_report(province.tracker, province.root, "2026-9M", "xlsx")  # a new version
    assert later.pk != run.pk and ReportRun.objects.count() == 2
    assert login(province.outsider).get(f"/bao-cao/{run.pk}/tai/").status_code == 404


def test_a_failed_job_is_shown_and_bad_requests_are_refused(province, login, monkeypatch):
    from django.core.exceptions import ValidationError

    from dieuhanh.reports import services
    from dieuhanh.reports.models import ReportRun

    run = services.request_report(province.tracker, province.root, "2026-Q1", "docx")
    monkeypatch.setitem(building.WRITERS, "docx", lambda report: 1 / 0)
    assert building.build_run(run.pk).state == ReportRun.State.QUEUED  # retried later, twice
    assert building.build_run(run.pk).state == ReportRun.State.QUEUED
    assert building.build_run(run.pk).state == ReportRun.State.FAILED
    assert "Lỗi: division by zero" in login(province.tracker).get(f"/bao-cao/?don_vi={province.root.pk}").content.decode()
    with pytest.raises(ValidationError, match="chưa bắt đầu"):
        services.request_report(province.tracker, province.root, "2099", "docx")
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        services.request_report(province.tracker, province.root, "2026-09-30..2026-01-01", "pdf")
    response = login(province.tracker).post("/bao-cao/lap/", {"don_vi": province.root.pk, "ky": "2099",
                                                              "dinh_dang": "pdf"}, follow=True)
    assert "chưa bắt đầu" in response.content.decode()


def test_petitions_and_ntm_have_their_parts(province):
    from dieuhanh.ntm.models import Assessment, CriteriaSet
    from dieuhanh.org.models import Area
    from dieuhanh.petitions import services as petition_services
    from dieuhanh.petitions.models import Petition

    province_area = Area.objects.create(code="42", name="Hà Tĩnh", level=Area.Level.PROVINCE)
    commune = Area.objects.create(code="18500", name="Xã Thạch Lạc", level=Area.Level.COMMUNE, parent=province_area)
    province.ubnd.area = province_area
    province.ubnd.save()
    for c in CriteriaSet.objects.get(code="xa-2026-dat-chuan").criteria.all():
        Assessment.objects.create(area=commune, criterion=c, assessed_on=date(2026, 4, 1), met=True)
    petition_services.record(province.tracker, petition_services.PetitionInput(
        content="Đề nghị sửa đường", submitter="Ông A", receiving_unit=province.root, received_on=date(2026, 5, 4),
        responsible_unit=province.snv, source=Petition.Source.RECEPTION))
    text = _text(Document(BytesIO(docx.render(content.build(province.ubnd, NINE, TODAY)))))
    assert "KIẾN NGHỊ, ĐỀ XUẤT" in " ".join(text) and "Sở Nội vụ" in text
    assert any("1/1 xã đạt chuẩn nông thôn mới" in line for line in text)


def test_a_report_a_leader_can_sign_addressed_signed_and_its_units_in_tree_order(province, login):
    """Kính gửi the body above, "Như trên" referring to it; the deputy's signature "K/T" for the head with title
    and name; the by-unit table under the tree, siblings by name; a signer or addressee from elsewhere refused."""
    from django.core.exceptions import ValidationError

    from dieuhanh.org.models import Person, Position, Unit
    from dieuhanh.reports import services

    _tasks(province)
    zeta = Unit.objects.create(code="a-last", name="Ban mới", kind=Unit.Kind.PARTY_BOARD, parent=province.root)
    province.task("Nhiệm vụ của ban tạo trước", lead=zeta, deadline=date(2026, 5, 1))
    zeta.name = "Ban Dân vận Tỉnh ủy"  # made last, named first among its siblings
    zeta.save()
    head = Position.objects.create(person=Person.objects.create(full_name="Lê Văn Trưởng"), title="Trưởng ban Tổ chức",
                                   unit=province.btc)
    deputy = Position.objects.create(person=Person.objects.create(full_name="Trần Thị Phó"),
                                     title="Phó Trưởng ban Tổ chức", unit=province.btc)
    page = login(province.tracker).get(f"/bao-cao/?don_vi={province.btc.pk}").content.decode()
    assert page.index(head.person.full_name) < page.index(deputy.person.full_name)  # the head offered first
    assert 'value="2026-9M">9 tháng năm 2026' in page  # the period picker
    with pytest.raises(ValidationError, match="cấp trên"):
        services.request_report(province.tracker, province.btc, "2026-9M", "docx", addressee=province.snv)
    with pytest.raises(ValidationError, match="chức vụ tại đơn vị"):
        services.request_report(province.tracker, province.root, "2026-9M", "docx", signer=deputy)
    run = services.request_report(province.tracker, province.btc, "2026-9M", "docx", addressee=province.root,
                                  signer=deputy)
    text = _text(Document(run.file.open("rb") if run.file else BytesIO(building.build_run(run.pk).file.read())))
    assert "Kính gửi: Tỉnh ủy Hà Tĩnh" in text and "- Như trên;" in text
    assert ["T/M BAN TỔ CHỨC TỈNH ỦY", "K/T TRƯỞNG BAN TỔ CHỨC", "PHÓ TRƯỞNG BAN TỔ CHỨC"] == [
        line for line in text if line in ("T/M BAN TỔ CHỨC TỈNH ỦY", "K/T TRƯỞNG BAN TỔ CHỨC", "PHÓ TRƯỞNG BAN TỔ CHỨC")]
    assert "Trần Thị Phó" in text
    whole = content.build(province.root, NINE, TODAY)
    # Under Tỉnh ủy by name: Ban Dân vận, Ban Tổ chức, then UBND tỉnh's units — although Ban Dân vận, made last,
    # has the largest id and its path would put it at the end.
    assert [t.unit.name for t in whole.by_unit] == ["Ban Dân vận Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Sở Nội vụ",
                                                    "UBND xã Thạch Lạc"]
