"""edXML packets (QCVN 102:2016, STANDARDS §2), on sample packages written from the published structure:
the header and attachments read, both namespaces, every broken package refused in Vietnamese, the outgoing
and status packets written and read back."""

from datetime import date, datetime
from pathlib import Path

import pytest

from dieuhanh.core import edxml

FILES = Path(__file__).parent / "files" / "edxml"


def test_a_document_packet_gives_its_header_and_attachments():
    package = edxml.parse((FILES / "1029-TB-TU.edxml").read_bytes())
    assert package.symbol == "1029-TB/TU" and package.promulgated_on == date(2026, 2, 3)
    assert package.sender.organ_id == "000.00.31.H23" and package.sender.name == "Văn phòng Tỉnh ủy Hà Tĩnh"
    assert package.subject == "Kết luận của Thường trực Tỉnh ủy về công tác dân vận"
    assert package.signer == "T/M BAN THƯỜNG VỤ Phó Bí thư Thường trực Nguyễn Văn A"
    assert package.due_on == date(2026, 3, 31) and package.to_places == ["Ban Dân vận Tỉnh ủy", "Lưu VP"]
    assert [(a.name, a.content_type) for a in package.attachments] == [("1029-TB-TU.pdf", "application/pdf"),
                                                                      ("phu-luc.txt", "text/plain")]
    assert package.attachments[0].data.startswith(b"%PDF") and package.document_id.endswith(",1029")


def test_a_provincial_gateways_namespace_reads_the_same():
    package = edxml.parse((FILES / "37-KH-UBND-lgsp.edxml").read_bytes())
    assert package.symbol == "37/KH-UBND" and package.promulgated_on == date(2026, 1, 15)
    assert package.attachments[0].data.decode() == "Kế hoạch"


def _broken(old: str, new: str) -> bytes:
    return (FILES / "1029-TB-TU.edxml").read_text().replace(old, new, 1).encode()


@pytest.mark.parametrize("data, words", [
    (b"not xml at all", "không đọc được XML"),
    (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x/>", "DOCTYPE"),
    (_broken("<edXML:ContentId>cid:2</edXML:ContentId><edXML:ContentTransferEncoded>",
             "<edXML:ContentId>cid:9</edXML:ContentId><edXML:ContentTransferEncoded>"), "thiếu tệp đính kèm “phu-luc.txt”"),
    (_broken("<edXML:SignatureValue>", "<edXML:SignatureValue>%%%"), "chữ ký số"),
    (_broken("<edXML:SignedInfo/>", ""), "Khối chữ ký số"),
    (_broken("<edXML:PromulgationDate>2026-02-03", "<edXML:PromulgationDate>hôm qua"), "ngày ban hành"),
    (_broken("<edXML:MessageHeader>", "<edXML:Other>").replace(b"</edXML:MessageHeader>", b"</edXML:Other>"),
     "thiếu phần tiêu đề"),
])
def test_a_broken_package_is_refused_in_vietnamese(data, words):
    with pytest.raises(edxml.EdxmlError, match=words):
        edxml.parse(data)


def test_an_outgoing_packet_and_its_status_answers_read_back():
    incoming = edxml.parse((FILES / "1029-TB-TU.edxml").read_bytes())
    us = edxml.Organ("000.00.12.H23", "Ban Tổ chức Tỉnh ủy")
    outgoing = edxml.Package(document_id="x-1", sender=us, recipients=[incoming.sender], code_number="15",
                             code_notation="BC/BTCTU", promulgated_on=date(2026, 4, 1), subject="Báo cáo kết quả",
                             attachments=[edxml.Attachment("nhiem-vu.xlsx", "application/vnd.ms-excel", b"PK\x03\x04")])
    again = edxml.parse(edxml.build_document(outgoing))
    assert (again.symbol, again.subject, again.sender, again.recipients) == (
        "15-BC/BTCTU", "Báo cáo kết quả", us, [incoming.sender])
    assert again.attachments[0].data == b"PK\x03\x04"
    packet = edxml.build_status(edxml.StatusPacket(incoming, us, "04", "Đã phân công 3 nhiệm vụ",
                                                   datetime(2026, 2, 5, 9, 0)))
    read = edxml.parse_status(packet)
    assert read["code"] == "04" and read["label"] == "Phân công" and read["document_id"] == incoming.document_id
    assert read["organ_id"] == "000.00.31.H23" and read["from"] == us
    with pytest.raises(edxml.EdxmlError):
        edxml.build_status(edxml.StatusPacket(incoming, us, "99", "", datetime(2026, 2, 5)))


def _package_of(text: str) -> bytes:
    """A packet from Văn phòng Tỉnh ủy carrying a notice as text and an annex."""
    sender = edxml.Organ("000.00.31.H23", "Văn phòng Tỉnh ủy Hà Tĩnh")
    return edxml.build_document(edxml.Package(
        document_id="000.00.31.H23,2024/03/14,215", sender=sender, code_number="215", code_notation="TB/TU",
        promulgated_on=date(2024, 3, 14), subject="Kết luận của Ban Thường vụ Tỉnh ủy", signer_name="Nguyễn Văn A",
        attachments=[edxml.Attachment("215-TB-TU.txt", "text/plain", text.encode()),
                     edxml.Attachment("phu-luc.pdf", "application/pdf", b"%PDF-1.4 phu luc")]))


@pytest.mark.django_db
def test_a_package_is_taken_in_like_an_upload_then_answered_with_status_packets(province, login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dieuhanh.documents.models import Document
    from dieuhanh.intake.models import Draft
    from dieuhanh.tasks import services as task_services
    from test_intake_review import NOTICE, review_data

    settings.MEDIA_ROOT = tmp_path
    client = login(province.tracker)
    upload = SimpleUploadedFile("215-TB-TU.edxml", _package_of(NOTICE))
    response = client.post("/tiep-nhan/", {"issuer": province.root.pk, "file": upload})
    draft = Draft.objects.get()
    assert draft.source_name == "215-TB-TU.txt" and draft.envelope["symbol"] == "215-TB/TU"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'value="215-TB/TU"' in html and 'value="Kết luận của Ban Thường vụ Tỉnh ủy"' in html
    assert client.post(response["Location"], review_data(page)).status_code == 302
    document = Document.objects.get()
    assert sorted(a.name for a in document.attachments.all()) == ["215-TB-TU.txt", "phu-luc.pdf"]
    assert document.exchange["sender"]["id"] == "000.00.31.H23" and not Draft.objects.exists()
    detail = client.get(f"/van-ban/{document.pk}/").content.decode()
    assert "03 · Đã tiếp nhận" in detail and "04 · Phân công" in detail and "06 · Hoàn thành" not in detail
    answer = edxml.parse_status(client.get(f"/van-ban/{document.pk}/edxml/trang-thai/04/").content)
    assert answer["code"] == "04" and answer["document_id"] == "000.00.31.H23,2024/03/14,215"
    assert client.get(f"/van-ban/{document.pk}/edxml/trang-thai/06/").status_code == 404  # its tasks are not done
    for task in document.tasks.all():
        task_services.cancel(province.tracker, task, reason="Không còn phù hợp")
    assert edxml.parse_status(client.get(f"/van-ban/{document.pk}/edxml/trang-thai/06/").content)["code"] == "06"
    outgoing = edxml.parse(client.get(f"/van-ban/{document.pk}/edxml/").content)
    assert outgoing.symbol == "215-TB/TU" and outgoing.recipients[0].organ_id == "000.00.31.H23"
    assert any(a.name.endswith(".xlsx") for a in outgoing.attachments)  # its tasks go with it


@pytest.mark.django_db
def test_a_broken_package_leaves_no_draft(province, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dieuhanh.intake.models import Draft

    client = login(province.tracker)
    page = client.post("/tiep-nhan/", {"issuer": province.root.pk,
                                       "file": SimpleUploadedFile("hong.edxml", b"<edXML/>")}).content.decode()
    assert "thiếu phần tiêu đề" in page and not Draft.objects.exists()
    no_document = edxml.build_document(edxml.Package(sender=edxml.Organ("x", "y"), code_number="1", code_notation="TB/TU",
                                                     promulgated_on=date(2026, 1, 1)))
    page = client.post("/tiep-nhan/", {"issuer": province.root.pk,
                                       "file": SimpleUploadedFile("rong.edxml", no_document)}).content.decode()
    assert "không có tệp văn bản đọc được" in page and not Draft.objects.exists()
