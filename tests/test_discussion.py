"""Discussion (trao đổi) on a task and on a petition: who takes part, who is told (mentions of people
and units, the other side), files, the author's short edit window with the history kept, bad input."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dieuhanh.discussion.mentions import mentioned_names
from dieuhanh.discussion.models import Comment
from dieuhanh.events.models import Event, Kind
from dieuhanh.petitions import services as petitions
from dieuhanh.petitions.models import Petition
from dieuhanh.tasks import services

pytestmark = pytest.mark.django_db


def _pdf(name="du-thao.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "application/pdf")


def _told(kind) -> set[str]:
    return {u.username for e in Event.objects.filter(kind=kind) for u in e.recipients.all()}


def test_mentions_are_names_after_a_space_never_an_address():
    assert mentioned_names("@btc đề nghị gửi dự thảo, cc @sonoivu và (@xa.a); hỏi ten@donvi.gov.vn") == [
        "btc", "sonoivu", "xa.a"]
    assert mentioned_names("@BTC rồi @btc lần nữa.") == ["btc"]
    assert mentioned_names("không nhắc ai @ cả") == []


def test_the_assigner_writes_and_the_lead_hears_mentioned_people_and_units_are_told(province):
    task = province.task(coordinators=[province.snv])
    comment = services.comment(province.tracker, task, "Đề nghị @bantochuc gửi dự thảo; @snv cho ý kiến trước.",
                               unit_ids=[province.btc.pk])
    assert list(comment.mentioned_users.all()) == [province.lead_officer]
    assert {u.code for u in comment.mentioned_units.all()} == {"btc", "snv"}
    # Mentioned: the officer named, and the officers and leaders of the units named.
    assert _told(Kind.MENTIONED) == {"bantochuc", "truongban", "sonoivu"}
    assert _told(Kind.COMMENTED) == set()  # everyone on the lead's side was already named
    services.comment(province.lead_officer, task, "Ban sẽ gửi dự thảo trong tuần.", files=[_pdf()])
    assert _told(Kind.COMMENTED) == {"vanphong", "bithu"}  # the office that assigned it, and who spoke before
    event = Event.objects.filter(kind=Kind.COMMENTED).get()
    assert event.link == f"/nhiem-vu/{task.pk}/" and "Ban sẽ gửi dự thảo" in event.text


def test_nobody_outside_the_task_is_mentioned_or_takes_part(province):
    task = province.task()
    with pytest.raises(ValidationError, match="không tham gia"):
        services.comment(province.tracker, task, "Nhờ @xa.b xem giúp")
    with pytest.raises(ValidationError, match="“@aiday”"):
        services.comment(province.tracker, task, "Nhờ @aiday xem giúp")
    with pytest.raises(ValidationError, match="đơn vị của nội dung này"):
        services.comment(province.tracker, task, "Xem giúp", unit_ids=[province.xa_b.pk])
    with pytest.raises(ValidationError, match="không được để trống"):
        services.comment(province.tracker, task, "   ")
    with pytest.raises(ValidationError):
        services.comment(province.tracker, task, "Dự thảo", files=[SimpleUploadedFile("x.pdf", b"MZ\x90", "application/pdf")])
    with pytest.raises(PermissionDenied):
        services.comment(province.other_commune, task, "Cho tôi hỏi")
    assert not Comment.objects.exists() and not Event.objects.filter(kind__in=[Kind.MENTIONED, Kind.COMMENTED]).exists()


def test_the_page_shows_the_thread_and_its_files_only_to_the_task_people(province, login):
    task = province.task()
    client = login(province.lead_officer)
    client.post(f"/nhiem-vu/{task.pk}/trao-doi/", {"text": "Gửi dự thảo lần 1 cho @vanphong", "files": [_pdf()]})
    comment = Comment.objects.get()
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Gửi dự thảo lần 1" in page and "du-thao.pdf" in page and "Sửa (trong 15 phút" in page
    file = comment.files.get()
    assert client.get(f"/nhiem-vu/{task.pk}/trao-doi/tep/{file.pk}/").status_code == 200
    tracker_page = login(province.tracker).get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Gửi dự thảo lần 1" in tracker_page and "Sửa (trong 15 phút" not in tracker_page  # not the author
    assert login(province.outsider).get(f"/nhiem-vu/{task.pk}/trao-doi/tep/{file.pk}/").status_code == 404


def test_only_the_author_edits_within_the_window_and_the_history_keeps_every_version(province, login):
    task = province.task()
    comment = services.comment(province.lead_officer, task, "Dự thảo gửi ngày 5/3")
    with pytest.raises(PermissionDenied):
        services.edit_comment(province.tracker, task, comment.pk, "Sửa hộ")
    login(province.lead_officer).post(f"/nhiem-vu/{task.pk}/trao-doi/{comment.pk}/sua/",
                                      {"text": "Dự thảo gửi ngày 6/3, nhờ @vanphong xem"})
    comment.refresh_from_db()
    assert comment.text == "Dự thảo gửi ngày 6/3, nhờ @vanphong xem" and comment.edited_at
    assert list(dict.fromkeys(h.text for h in comment.history.order_by("history_date", "history_id"))) == [
        "Dự thảo gửi ngày 5/3", "Dự thảo gửi ngày 6/3, nhờ @vanphong xem"]
    assert _told(Kind.MENTIONED) == {"vanphong"}  # the newly mentioned is told of the edit
    late = timezone.now() + timedelta(minutes=16)
    with mock.patch("django.utils.timezone.now", return_value=late):
        with pytest.raises(ValidationError, match="trong 15 phút"):
            services.edit_comment(province.lead_officer, task, comment.pk, "Sửa muộn")
    assert Comment.objects.get().text == "Dự thảo gửi ngày 6/3, nhờ @vanphong xem"


def test_the_task_page_reads_a_thread_in_the_same_number_of_queries_for_3_or_30_comments(
        province, login, django_assert_num_queries):
    task = province.task(coordinators=[province.snv])
    client = login(province.tracker)
    for i in range(3):
        services.comment(province.lead_officer, task, f"Ý kiến {i} cho @snv", files=[_pdf(f"tep-{i}.pdf")])
    client.get(f"/nhiem-vu/{task.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/nhiem-vu/{task.pk}/")
    for i in range(27):
        services.comment(province.lead_officer, task, f"Ý kiến thêm {i} cho @snv", files=[_pdf(f"them-{i}.pdf")])
    with django_assert_num_queries(len(few)):
        client.get(f"/nhiem-vu/{task.pk}/")


def test_a_petition_is_discussed_between_the_office_and_the_unit_handling_it(province, login):
    petition = petitions.record(province.tracker, petitions.PetitionInput(
        content="Đề nghị sửa cầu treo", submitter="Cử tri xã Thạch Lạc", receiving_unit=province.root,
        responsible_unit=province.snv))
    login(province.tracker).post(f"/kien-nghi/{petition.pk}/trao-doi/", {"text": "Đề nghị Sở báo cáo trước thứ Sáu"})
    assert _told(Kind.COMMENTED) == {"sonoivu"}
    petitions.comment(province.coord_officer, Petition.objects.get(pk=petition.pk), "Sở đã khảo sát, gửi kèm ảnh",
                      files=[_pdf("anh.pdf")])
    assert _told(Kind.COMMENTED) == {"sonoivu", "vanphong", "bithu"}
    page = login(province.coord_officer).get(f"/kien-nghi/{petition.pk}/").content.decode()
    assert "Đề nghị Sở báo cáo trước thứ Sáu" in page and "anh.pdf" in page
    assert login(province.outsider).post(f"/kien-nghi/{petition.pk}/trao-doi/", {"text": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        petitions.comment(province.commune_officer, Petition.objects.get(pk=petition.pk), "Cho tôi hỏi")
    assert Comment.objects.count() == 2
