"""Tiếp nhận văn bản: upload or paste → draft → review → confirm creates everything at once; cancel
leaves nothing; bad input changes nothing."""

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.documents.models import Document
from dieuhanh.indicators.models import Actual
from dieuhanh.intake.models import Draft
from dieuhanh.org.models import Person, Unit
from dieuhanh.petitions.models import Petition
from dieuhanh.tasks.models import Task

FILES = Path(__file__).parent / "files"
NOTICE = """TỈNH ỦY HÀ TĨNH
Số 215-TB/TU
Hà Tĩnh, ngày 14 tháng 3 năm 2024
THÔNG BÁO KẾT LUẬN
của Thường trực Tỉnh ủy tại buổi làm việc với Đảng ủy xã Cẩm Bình
Năm 2023, thu ngân sách trên địa bàn xã đạt 51,4 tỷ đồng, bằng 104% dự toán, tăng 8,2% so với cùng kỳ.
Bí thư Đảng ủy xã Cẩm Bình Nguyễn Văn An: Đề nghị tỉnh hỗ trợ kinh phí nâng cấp tuyến đê ven biển.
1. Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ rà soát, sắp xếp đội ngũ cán bộ xã, hoàn thành trước ngày 30/6/2024.
2. Đề nghị UBND tỉnh chỉ đạo bố trí nguồn vốn cho tuyến đê ven biển xã Cẩm Bình trong quý IV/2024.
"""


class FormValues(HTMLParser):
    """What a browser would submit from <form id="review">: inputs, checked boxes, textareas, selects."""

    def __init__(self):
        super().__init__()
        self.data, self.inside, self.field, self.select = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == "review"
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.data[a["name"]] = "on"
            else:
                self.data[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self.field = a["name"]
            self.data[self.field] = ""
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.data[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        if tag == "textarea":
            self.field = None
        if tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.field:
            self.data[self.field] += data.removeprefix("\n") if not self.data[self.field] else data


def review_data(response, figures: bool = False) -> dict:
    """The form as the reviewer would send it; figures are left out unless the test is about them
    (each figure needs a catalogue choice)."""
    parser = FormValues()
    parser.feed(response.content.decode())
    data = parser.data
    if not figures:
        for n in range(int(data.get("sl-TOTAL_FORMS") or 0)):
            data[f"sl-{n}-DELETE"] = "on"
    return data


def pasted(client, province, text=NOTICE):
    response = client.post("/tiep-nhan/", {"issuer": province.root.pk, "text": text})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Draft.objects.get(), client.get(response["Location"])


def test_paste_review_confirm_creates_document_tasks_figures_people_petitions(province, login):
    client = login(province.tracker)
    draft, page = pasted(client, province)
    html = page.content.decode()
    assert 'value="215-TB/TU"' in html and 'value="14/03/2024"' in html
    data = review_data(page, figures=True)
    assert data["nv-0-lead"] == "Ban Tổ chức Tỉnh ủy" and data["nv-0-coordinators"] == "Sở Nội vụ"
    assert data["nv-1-lead"] == "UBND tỉnh"
    assert data["sl-0-value"] == "51,4" and data["sl-0-percent_of_plan"] == "104"
    assert data["kn-0-submitter"].startswith("Bí thư Đảng ủy xã Cẩm Bình")
    data["nv-0-content"] = "Rà soát, sắp xếp đội ngũ cán bộ cấp xã"  # the officer corrects a task
    data["cb-0-DELETE"] = ""
    assert data["sl-0-indicator"] == ""  # an empty catalogue proposes nothing
    data["sl-0-create_indicator"] = "on"  # … so the reviewer asks for a new indicator
    response = client.post(f"/tiep-nhan/{draft.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert (document.symbol, document.issuer, f"{document.issued_on:%d/%m/%Y}") == ("215-TB/TU", province.root, "14/03/2024")
    tasks = list(Task.objects.filter(document=document).order_by("id"))
    assert [t.lead for t in tasks] == [province.btc, province.ubnd]
    assert tasks[0].content == "Rà soát, sắp xếp đội ngũ cán bộ cấp xã"
    assert [c.unit for c in tasks[0].coordinations.all()] == [province.snv]
    assert f"{tasks[0].deadline:%d/%m/%Y}" == "30/06/2024"
    actual = Actual.objects.get()
    assert (actual.indicator.name, float(actual.value), actual.indicator.measure) == ("thu ngân sách", 51.4, "tỷ đồng")
    assert Person.objects.get().full_name == "Nguyễn Văn An"
    assert Person.objects.get().positions.get().unit == province.xa_b
    petition = Petition.objects.get()
    assert petition.document == document and "tuyến đê" in petition.content
    assert petition.receiving_unit == province.root and petition.received_on == date.today()
    # Received and routed by the petition rules, with the answer time they give: someone manages it.
    assert petition.due_on > petition.received_on and petition.status == Petition.Status.TRANSFERRED
    assert petition.responsible_unit is not None and petition.history.first().history_user == province.tracker
    assert document.attachments.get().content_type == "text/plain"
    assert not Draft.objects.exists()
    assert document.history.get().history_user == province.tracker
    assert tasks[0].history.first().history_user == province.tracker


def test_rows_can_be_removed_and_added(province, login):
    client = login(province.tracker)
    draft, page = pasted(client, province)
    data = review_data(page)
    data["nv-1-DELETE"] = "on"
    data["add"] = "nv"
    page = client.post(f"/tiep-nhan/{draft.pk}/", data)
    data = review_data(page)
    assert data["nv-TOTAL_FORMS"] == "3" and "Chưa chọn đơn vị chủ trì" not in page.content.decode()
    assert data["nv-1-DELETE"] == "on"
    data.update({"nv-2-content": "Tổng kết mô hình dân vận khéo", "nv-2-lead": "ban to chuc tinh uy"})
    page = client.post(f"/tiep-nhan/{draft.pk}/", data)
    assert "Nhập thời hạn, hoặc chọn lặp lại" in page.content.decode()
    data["nv-2-recurrence"] = "yearly"
    assert client.post(f"/tiep-nhan/{draft.pk}/", data).status_code == 302
    assigned = Task.objects.filter(series=None).order_by("id")
    assert [t.content for t in assigned][1:] == ["Tổng kết mô hình dân vận khéo"]
    assert assigned[1].recurrence == "yearly" and assigned.count() == 2


def test_an_unknown_unit_is_created_only_when_asked(province, login):
    client = login(province.tracker)
    draft, page = pasted(client, province)
    data = review_data(page)
    data["nv-1-lead"] = "Sở Du lịch"
    page = client.post(f"/tiep-nhan/{draft.pk}/", data)
    assert "Chưa có đơn vị “Sở Du lịch”" in page.content.decode()
    assert not Document.objects.exists() and not Unit.objects.filter(name="Sở Du lịch").exists()
    data["nv-1-create_units"] = "on"
    assert client.post(f"/tiep-nhan/{draft.pk}/", data).status_code == 302
    created = Unit.objects.get(name="Sở Du lịch")
    assert created.parent == province.root and Task.objects.filter(lead=created).count() == 1


def test_a_refused_confirm_changes_nothing(province, login):
    client = login(province.tracker)
    Document.objects.create(system="party", kind="TB", number=215, symbol="215-TB/TU", series="TB/2020-2025",
                            issuer=province.root, issued_on="2024-01-02", subject="Đã có")
    draft, page = pasted(client, province)
    response = client.post(f"/tiep-nhan/{draft.pk}/", review_data(page))
    assert "Số 215 đã dùng" in response.content.decode()
    assert Document.objects.count() == 1
    assert not (Task.objects.exists() or Actual.objects.exists() or Person.objects.exists() or Petition.objects.exists())
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_cancel_leaves_no_trace(province, login, settings):
    client = login(province.tracker)
    upload = SimpleUploadedFile("thong-bao.txt", NOTICE.encode("utf-8"), content_type="text/plain")
    response = client.post("/tiep-nhan/", {"issuer": province.root.pk, "file": upload})
    draft = Draft.objects.get()
    assert response["Location"] == f"/tiep-nhan/{draft.pk}/" and draft.state == Draft.State.READY
    stored = Path(draft.source.path)
    assert stored.exists()
    client.post(f"/tiep-nhan/{draft.pk}/huy/")
    assert not Draft.objects.exists() and not stored.exists()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))


def test_a_scanned_pdf_is_read_in_the_background_with_progress(province, login, settings, need_program,
                                                              django_capture_on_commit_callbacks):
    need_program("tesseract", "tesseract-ocr tesseract-ocr-vie")
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client = login(province.tracker)
    upload = SimpleUploadedFile("quet.pdf", (FILES / "notice-scan.pdf").read_bytes(), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tiep-nhan/", {"issuer": province.root.pk, "file": upload})
    draft = Draft.objects.get()
    assert (draft.state, draft.pages_done, draft.pages_total) == (Draft.State.READY, 1, 1)
    assert draft.extraction["document"]["symbol"] == "215-TB/TU"
    progress = client.get(f"/tiep-nhan/{draft.pk}/tien-do/", headers={"HX-Request": "true"})
    assert progress["HX-Redirect"] == f"/tiep-nhan/{draft.pk}/"


def test_a_file_still_reading_shows_progress(province, login):
    client = login(province.tracker)
    draft = Draft.objects.create(created_by=province.tracker, issuer=province.root, source_name="dai.pdf",
                                 pages_done=3, pages_total=12)
    page = client.get(f"/tiep-nhan/{draft.pk}/").content.decode()
    assert 'value="25"' in page and "Đã đọc 3/12 trang" in page and 'hx-trigger="every 1s"' in page


@pytest.mark.parametrize("name,data,message", [
    ("hong.pdf", b"%PDF-1.7\n garbage", "PDF bị hỏng"),
    ("english.txt", b"The committee reviewed the budget and asked every department to report. " * 10,
     "không phải văn bản tiếng Việt"),
])
def test_a_bad_file_gets_its_reason_and_no_records(province, login, settings, need_program, name, data, message,
                                                  django_capture_on_commit_callbacks):
    need_program("pdfinfo", "poppler-utils")
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client = login(province.tracker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/tiep-nhan/", {"issuer": province.root.pk, "file": SimpleUploadedFile(name, data)})
    page = client.get(response["Location"]).content.decode()
    assert message in page
    assert not Document.objects.exists() and not Task.objects.exists()


@pytest.mark.parametrize("form,message", [
    ({"text": ""}, "Chọn tệp hoặc dán nội dung văn bản."),
    ({"text": "   "}, "Chọn tệp hoặc dán nội dung văn bản."),
    ({"file": SimpleUploadedFile("a.exe", b"MZ\x90\x00")}, "không thuộc loại được phép"),
    ({"file": SimpleUploadedFile("a.pdf", b"PK\x03\x04 not a pdf")}, "không phải là tệp PDF"),
])
def test_bad_start_input_is_refused_clearly(province, login, form, message):
    client = login(province.tracker)
    response = client.post("/tiep-nhan/", {"issuer": province.root.pk, **form})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Draft.objects.exists()


def test_drafts_are_private_and_intake_needs_a_deciding_role(province, login):
    draft, _ = pasted(login(province.tracker), province)
    other = login(province.btc_leader)
    assert other.get(f"/tiep-nhan/{draft.pk}/").status_code == 404
    assert other.post(f"/tiep-nhan/{draft.pk}/huy/").status_code == 404
    assert Draft.objects.filter(pk=draft.pk).exists()
    assert login(province.commune_officer).get("/tiep-nhan/").status_code == 403
    response = login(province.btc_leader).post("/tiep-nhan/", {"issuer": province.root.pk, "text": NOTICE})
    assert "nằm ngoài phạm vi" in response.content.decode()


def test_an_uploaded_file_becomes_the_documents_attachment(province, login):
    client = login(province.tracker)
    upload = SimpleUploadedFile("thong-bao.txt", NOTICE.encode("utf-8"), content_type="text/plain")
    response = client.post("/tiep-nhan/", {"issuer": province.root.pk, "file": upload})
    page = client.get(response["Location"])
    assert client.post(response["Location"], review_data(page)).status_code == 302
    attachment = Document.objects.get().attachments.get()
    assert (attachment.name, attachment.content_type, attachment.size) == ("thong-bao.txt", "text/plain",
                                                                           len(NOTICE.encode("utf-8")))
    assert attachment.file.read() == NOTICE.encode("utf-8")
    assert not Draft.objects.exists()


def test_a_figure_lands_on_the_existing_indicator_it_matches(province, login):
    from dieuhanh.indicators.models import Indicator
    existing = Indicator.objects.create(code="TNS", unit=province.root, name="Thu ngân sách", measure="tỷ đồng")
    client = login(province.tracker)
    draft, page = pasted(client, province)
    data = review_data(page, figures=True)
    assert data["sl-0-indicator"] == "TNS · Thu ngân sách (tỷ đồng)"  # proposed from the catalogue
    assert client.post(f"/tiep-nhan/{draft.pk}/", data).status_code == 302
    actual = Actual.objects.get()
    assert actual.indicator == existing and Indicator.objects.count() == 1
    assert (actual.period, float(actual.value), float(actual.stated_percent_of_plan)) == ("2024", 51.4, 104.0)
    assert actual.history.first().history_user == province.tracker


def test_a_figure_is_never_a_new_indicator_unless_the_reviewer_asks(province, login):
    from dieuhanh.indicators.models import Indicator
    client = login(province.tracker)
    draft, page = pasted(client, province)
    data = review_data(page, figures=True)
    html = client.post(f"/tiep-nhan/{draft.pk}/", data).content.decode()
    assert "Chọn chỉ tiêu có sẵn trong danh mục, hoặc đánh dấu “Tạo chỉ tiêu mới”." in html
    data["sl-0-indicator"] = "CT99999 · Không có"
    assert "Không có chỉ tiêu “CT99999 · Không có” trong danh mục" in client.post(f"/tiep-nhan/{draft.pk}/",
                                                                                 data).content.decode()
    assert not Indicator.objects.exists() and not Document.objects.exists()


def test_an_indicator_of_another_province_is_not_offered(province, login):
    from dieuhanh.indicators.models import Indicator
    Indicator.objects.create(code="NA1", unit=province.other_root, name="Thu ngân sách", measure="tỷ đồng")
    client = login(province.tracker)
    draft, page = pasted(client, province)
    assert "NA1" not in page.content.decode() and review_data(page, figures=True)["sl-0-indicator"] == ""


def test_a_dissolved_unit_is_offered_as_its_successor_as_of_the_documents_date(province, login):
    successor = Unit.objects.create(code="snv-moi", name="Sở Nội vụ và Lao động", kind=Unit.Kind.DEPARTMENT,
                                    parent=province.ubnd)
    province.snv.active_to, province.snv.successor = date(2025, 7, 1), successor
    province.snv.save()
    client = login(province.tracker)
    draft, page = pasted(client, province)  # a notice of 14/03/2024, when Sở Nội vụ still worked
    html = page.content.decode()
    data = review_data(page)
    assert data["nv-0-coordinators"] == "Sở Nội vụ và Lao động"
    assert "Sở Nội vụ đã ngừng hoạt động từ 01/07/2025; đề xuất đơn vị kế thừa: Sở Nội vụ và Lao động." in html
    data["nv-0-coordinators"] = "Sở Nội vụ"  # the reviewer types the old name back
    html = client.post(f"/tiep-nhan/{draft.pk}/", data).content.decode()
    assert "Sở Nội vụ đã ngừng hoạt động từ 01/07/2025; chọn đơn vị kế thừa: Sở Nội vụ và Lao động." in html
    data["nv-0-coordinators"] = "Sở Nội vụ và Lao động"
    assert client.post(f"/tiep-nhan/{draft.pk}/", data).status_code == 302
    assert [c.unit for c in Task.objects.get(lead=province.btc).coordinations.all()] == [successor]


def test_a_deadline_already_past_is_flagged(province, login):
    client = login(province.tracker)
    _, page = pasted(client, province)
    assert "Thời hạn 30/06/2024 đã qua: nhiệm vụ sẽ quá hạn ngay khi lưu." in page.content.decode()
    later = NOTICE.replace("30/6/2024", "30/6/2099").replace("quý IV/2024", "quý IV/2099")
    Draft.objects.all().delete()
    _, page = pasted(client, province, later)
    assert "đã qua" not in page.content.decode()


def test_a_recurring_task_from_an_old_document_starts_now_unless_the_reviewer_back_fills(province, login):
    client = login(province.tracker)
    draft, page = pasted(client, province)
    data = review_data(page)
    today = date.today()
    assert data["nv-1-starts_on"] == f"{today:%d/%m/%Y}"  # the later of the document's date and today
    data.update({"nv-1-deadline": "", "nv-1-recurrence": "monthly"})
    assert client.post(f"/tiep-nhan/{draft.pk}/", data).status_code == 302
    series = Task.objects.get(recurrence="monthly")
    assert series.starts_on == today and series.occurrences.count() == 1
    assert series.occurrences.get().period_key == f"{today:%Y-%m}"


def test_back_filling_past_periods_is_the_reviewers_choice(province, login):
    client = login(province.tracker)
    draft, page = pasted(client, province)
    data = review_data(page)
    data.update({"nv-1-deadline": "", "nv-1-recurrence": "quarterly", "nv-1-starts_on": "14/03/2024"})
    assert client.post(f"/tiep-nhan/{draft.pk}/", data).status_code == 302
    series = Task.objects.get(recurrence="quarterly")
    today = date.today()
    quarters = (today.year - 2024) * 4 + (today.month - 1) // 3 + 1
    assert series.occurrences.count() == quarters and series.occurrences.order_by("period_key").first().period_key == "2024-Q1"


def test_what_the_reviewer_typed_is_kept_when_the_draft_is_reopened(province, login):
    client = login(province.tracker)
    draft, page = pasted(client, province)
    data = review_data(page)
    data["nv-0-content"] = "Sắp xếp cán bộ cấp xã sau sáp nhập"
    data["symbol"] = "216-TB/TU"
    data["save"] = "1"
    assert "Đã lưu phần rà soát" in client.post(f"/tiep-nhan/{draft.pk}/", data).content.decode()
    reopened = review_data(client.get(f"/tiep-nhan/{draft.pk}/"))
    assert reopened["nv-0-content"] == "Sắp xếp cán bộ cấp xã sau sáp nhập" and reopened["symbol"] == "216-TB/TU"
    assert not Document.objects.exists()


def test_the_review_shows_the_source_beside_the_draft_with_each_rows_span(province, login):
    client = login(province.tracker)
    draft, page = pasted(client, province, NOTICE + "Tình hình cơ bản ổn định, các đồng chí cần chủ động hơn.\n")
    html = page.content.decode()
    text = draft.extraction["text"]
    (start, end), = draft.extraction["assignments"][0]["spans"]
    assert f'data-spans="{start}-{end} "' in html and "Giao Ban Tổ chức" in text[start:end]
    assert f'<span data-a="{start}" data-b="{end}">' in html
    (a, b), = draft.extraction["unread"]
    assert f'<span data-a="{a}" data-b="{b}" class="unread">Tình hình cơ bản ổn định' in html
    assert "1 đoạn có từ giao việc" in html and 'src="/static/intake/review.js"' in html
