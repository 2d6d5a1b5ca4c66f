from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.documents.models import Attachment, Document
from dieuhanh.documents.services import register_document
from dieuhanh.org.models import PartyTerm
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services import TaskDraft

pytestmark = pytest.mark.django_db


def register(p, symbol="1029-TB/TU", issued_on=date(2023, 8, 28), actor=None, **extra):
    return register_document(actor or p.tracker, issuer=p.root, symbol=symbol, issued_on=issued_on,
                             subject="Thông báo kết luận", **extra)


def test_a_document_with_two_tasks_in_one_step(province):
    doc = register(province, tasks=[
        TaskDraft("Tuyên truyền kết luận", province.btc, deadline=date(2023, 12, 31)),
        TaskDraft("Trả lời kiến nghị", province.ubnd, [province.snv], deadline=date(2023, 10, 31)),
    ])
    assert (doc.system, doc.kind, doc.number, doc.symbol) == ("party", "TB", 1029, "1029-TB/TU")
    assert doc.tasks.count() == 2 and {t.assigned_by for t in doc.tasks.all()} == {province.root}


def test_malformed_symbol_is_refused(province):
    with pytest.raises(ValidationError, match="không đúng mẫu"):
        register(province, symbol="TB 1029")
    assert not Document.objects.exists()


def test_state_numbers_restart_each_calendar_year(province):
    register(province, symbol="15/QĐ-UBND", issued_on=date(2023, 3, 1))
    with pytest.raises(ValidationError, match="đã dùng"):
        register(province, symbol="15/KH-UBND", issued_on=date(2023, 9, 1))
    register(province, symbol="15/QĐ-UBND", issued_on=date(2024, 3, 1))


def test_legal_normative_documents_have_their_own_series(province):
    register(province, symbol="36/QĐ-UBND", issued_on=date(2022, 3, 1))
    register(province, symbol="36/2022/QĐ-UBND", issued_on=date(2022, 5, 1))
    with pytest.raises(ValidationError, match="Năm trong ký hiệu"):
        register(province, symbol="37/2021/QĐ-UBND", issued_on=date(2022, 5, 1))


def test_party_numbers_run_per_type_over_a_committee_term(province):
    register(province, symbol="1029-TB/TU", issued_on=date(2023, 8, 28))
    with pytest.raises(ValidationError, match="đã dùng"):
        register(province, symbol="1029-TB/TU", issued_on=date(2024, 2, 1))  # same term, other year
    register(province, symbol="1029-KL/TU", issued_on=date(2024, 2, 1))  # other type
    register(province, symbol="1029-TB/TU", issued_on=date(2026, 2, 1))  # next term (2025–2030)


def test_a_recorded_term_overrides_the_default_cycle(province):
    PartyTerm.objects.create(unit=province.root, label="XIX", starts_on=date(2020, 10, 15), ends_on=date(2025, 10, 10))
    PartyTerm.objects.create(unit=province.root, label="XX", starts_on=date(2025, 10, 11))
    register(province, symbol="01-TB/TU", issued_on=date(2025, 10, 5))
    register(province, symbol="01-TB/TU", issued_on=date(2025, 10, 20))
    assert set(Document.objects.values_list("series", flat=True)) == {"TB/XIX", "TB/XX"}


def test_files_over_the_cap_or_not_what_they_say_are_refused(province, settings):
    settings.MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("kl.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="vượt quá dung lượng"):
        register(province, files=[big])
    renamed = SimpleUploadedFile("kl.docx", b"%PDF-1.4 really a pdf")
    with pytest.raises(ValidationError, match="không phải là tệp DOCX"):
        register(province, files=[renamed])
    exe = SimpleUploadedFile("kl.exe", b"MZ")
    with pytest.raises(ValidationError, match="không thuộc loại"):
        register(province, files=[exe])
    assert not Document.objects.exists() and not Attachment.objects.exists()


def test_a_real_docx_is_kept(province):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    doc = register(province, files=[SimpleUploadedFile("kl.docx", buffer.getvalue())])
    assert doc.attachments.get().content_type.endswith("wordprocessingml.document")


def test_a_bad_task_rolls_back_the_document(province):
    with pytest.raises(ValidationError):
        register(province, tasks=[TaskDraft("", province.btc, deadline=date(2023, 12, 31))])
    assert not Document.objects.exists() and not Task.objects.exists()


def test_deadline_before_the_issue_date_is_refused(province):
    with pytest.raises(ValidationError, match="không được trước ngày giao"):
        register(province, tasks=[TaskDraft("Việc", province.btc, deadline=date(2023, 8, 1))])
    assert not Document.objects.exists()


def test_only_deciding_roles_register_documents(province):
    with pytest.raises(PermissionDenied):
        register(province, actor=province.lead_officer)


def test_text_is_normalised_on_input(province):
    doc = register_document(province.tracker, issuer=province.root, symbol="5-CT/TU", issued_on=date(2023, 1, 3),
                            subject="Về công tác thuỷ lợi, phòng chống thiên tai ")
    assert doc.subject == "Về công tác thủy lợi, phòng chống thiên tai"
