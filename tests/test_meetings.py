"""Meetings: recording one, its opinions, petitions raised there, its conclusion and that
conclusion's tasks on one page; only the host unit's trackers and leaders write."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dieuhanh.core import calendar
from dieuhanh.documents.services import register_document
from dieuhanh.meetings import services
from dieuhanh.meetings.models import Meeting
from dieuhanh.tasks.services import TaskDraft

pytestmark = pytest.mark.django_db
WHEN = datetime(2026, 3, 10, 8, 0, tzinfo=calendar.VN_TZ)


def _meeting(p, actor=None, **extra):
    data = dict(kind=Meeting.Kind.DIALOGUE_OFFICIALS, title="Đối thoại với lãnh đạo chủ chốt cấp xã", starts_at=WHEN,
                host_unit=p.root, chairs="Bí thư Tỉnh ủy", attending_units=[p.btc, p.xa_a])
    data.update(extra)
    return services.create_meeting(actor or p.tracker, **data)


def test_a_meeting_page_shows_opinions_petitions_and_the_conclusions_tasks(province, login):
    meeting = _meeting(province)
    services.add_opinion(province.tracker, meeting, speaker="Nguyễn Văn Long", title="Chủ tịch UBND xã",
                         unit=province.xa_a, gist="Đề nghị tỉnh hỗ trợ kinh phí làm đường")
    document = register_document(province.tracker, issuer=province.root, symbol="1029-TB/TU",
                                 issued_on=date(2026, 3, 12), subject="Thông báo kết luận buổi đối thoại",
                                 tasks=[TaskDraft("Trả lời các kiến nghị về tổ chức cán bộ", province.btc, [],
                                                  deadline=date(2026, 4, 30))])
    services.link_document(province.tracker, meeting, document)
    client = login(province.tracker)
    client.post(f"/cuoc-hop/{meeting.pk}/kien-nghi/", {
        "receiving_unit": province.root.pk, "source": "meeting", "submitter_kind": "official",
        "submitter": "Chủ tịch UBND xã Nguyễn Văn Long", "content": "Hỗ trợ kinh phí làm đường liên xã",
        "urgency": "normal", "responsible_unit": province.ubnd.pk})
    page = client.get(f"/cuoc-hop/{meeting.pk}/").content.decode()
    for expected in ("Nguyễn Văn Long", "Đề nghị tỉnh hỗ trợ kinh phí", "Hỗ trợ kinh phí làm đường liên xã",
                     "1029-TB/TU", "Trả lời các kiến nghị về tổ chức cán bộ", "UBND tỉnh"):
        assert expected in page
    assert meeting.petitions.get().meeting == meeting
    report = register_document(province.tracker, issuer=province.root, symbol="15-BC/TU", issued_on=date(2026, 3, 9),
                               subject="Báo cáo công tác cán bộ cấp xã")
    client.post(f"/cuoc-hop/{meeting.pk}/ket-luan/", {"document": report.pk, "role": "presented"})
    assert list(meeting.presented.all()) == [report] and list(meeting.conclusions.all()) == [document]
    assert meeting.history.count() >= 1


def test_only_the_host_units_trackers_and_leaders_record(province):
    with pytest.raises(PermissionDenied):
        _meeting(province, province.viewer)
    meeting = _meeting(province)
    with pytest.raises(PermissionDenied):
        services.add_opinion(province.commune_officer, meeting, speaker="A", gist="B")
    with pytest.raises(ValidationError, match="không thuộc tỉnh"):
        _meeting(province, attending_units=[province.other_root])
    assert Meeting.objects.count() == 1
    with pytest.raises(ValidationError, match="Ý chính"):
        services.add_opinion(province.tracker, meeting, speaker="A", gist="  ")
    assert not meeting.opinions.exists()


def test_meetings_are_scoped_like_tasks(province, login):
    meeting = _meeting(province)
    assert login(province.outsider).get(f"/cuoc-hop/{meeting.pk}/").status_code == 404
    assert "Đối thoại với lãnh đạo" not in login(province.outsider).get("/cuoc-hop/").content.decode()
    assert "Đối thoại với lãnh đạo" in login(province.inspector).get("/cuoc-hop/", {"q": "doi thoai"}).content.decode()


def test_a_meeting_is_recorded_from_its_form(province, login):
    client = login(province.tracker)
    response = client.post("/cuoc-hop/moi/", {"kind": "working", "title": "Làm việc với Ban Tổ chức",
                                              "starts_at": "14:00 10/03/2026", "host_unit": province.root.pk})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.starts_at.astimezone(calendar.VN_TZ).hour == 14
    assert client.post("/cuoc-hop/moi/", {"kind": "working", "title": "", "starts_at": "x",
                                          "host_unit": province.root.pk}).status_code == 200
    assert Meeting.objects.count() == 1
