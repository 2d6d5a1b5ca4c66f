"""Nothing outside a user's scope appears anywhere: another province's task, petition, indicator and
meeting carry a marker; every page (list, detail, history, export) opened by every role of this province,
with the ids of the marked objects too, never shows it — in HTML, JSON or a downloaded file."""

import io
import zipfile
from datetime import datetime, timezone

from dieuhanh.indicators import services as indicator_services
from dieuhanh.indicators.models import Indicator
from dieuhanh.meetings import services as meeting_services
from dieuhanh.org.models import Role
from dieuhanh.petitions import services as petition_services
from dieuhanh.petitions.models import Petition
from dieuhanh.tasks.services import TaskDraft, assign_tasks
from routes import path, routes

CANARY = "Chimcanhcut"  # a word no page of Hà Tĩnh's would ever print


def _text(body: bytes) -> str:
    if body[:2] == b"PK":  # XLSX or DOCX: the text is in the zipped XML
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return body.decode("utf-8", "replace")


def _marked_objects(province) -> list[int]:
    na = province.other_root
    chief = province.outsider
    [task] = assign_tasks(chief, assigned_by=na, issued_on=datetime(2026, 1, 5).date(),
                          drafts=[TaskDraft(f"{CANARY} rà soát quy hoạch", na, deadline=datetime(2099, 1, 1).date())])
    petition = petition_services.record(chief, petition_services.PetitionInput(
        content=f"{CANARY} đề nghị sửa đường", submitter=f"Ông {CANARY}", receiving_unit=na,
        submitter_kind=Petition.SubmitterKind.CITIZEN, citizen_phone="0912345678", source=Petition.Source.RECEPTION))
    indicator = Indicator.objects.create(code="NA-CANARY", name=f"{CANARY} thu ngân sách", unit=na)
    indicator_services.record_actual(chief, indicator, na, "2026-Q1", "123", note=CANARY)
    meeting = meeting_services.create_meeting(chief, kind="working", title=f"Làm việc về {CANARY}",
                                              starts_at=datetime(2026, 3, 1, 2, tzinfo=timezone.utc), host_unit=na)
    return sorted({task.pk, petition.pk, indicator.pk, meeting.pk, na.pk, 1})


def test_no_page_shows_another_provinces_objects_to_any_role(province, client):
    province.task()
    ids = _marked_objects(province)
    users = [province.tracker, province.leader, province.btc_leader, province.lead_officer, province.coord_officer,
             province.commune_officer, province.viewer, province.inspector]
    assert {m.role for u in users for m in u.memberships.all()} == set(Role) - {Role.ADMIN}
    seen = []
    for user in users:
        client.force_login(user)
        for route in routes():
            for pk in ids if "<int:" in route else [1]:
                page = path(route, pk)
                for query in ("", f"?don_vi={province.other_root.pk}", "?xuat=xlsx&dinh_dang=xlsx", "?q=ra+soat"):
                    response = client.get(page + query)
                    body = b"".join(response.streaming_content) if response.streaming else response.content
                    if CANARY in _text(body):
                        seen.append((user.username, page + query, response.status_code))
    assert not seen, seen[:20]
