"""The two-level transition of 1/7/2025 as one step (issue 15): a province still organised by districts, with
three years of tasks, petitions and indicator values, is reorganised from vietnam-provinces' legacy mapping.
The reports for periods before the change are the same bytes before and after; every open item has exactly
one owner, and an active one; a later period's dashboard shows the moved work; the preview changes nothing
and the whole batch reverts."""

from datetime import date, datetime, time
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from dieuhanh.core.calendar import VN_TZ
from dieuhanh.core.periods import Period
from dieuhanh.dashboard import tally
from dieuhanh.indicators.models import Actual, Indicator
from dieuhanh.indicators.queries import indicator_rows
from dieuhanh.org.areas import load_current, load_legacy
from dieuhanh.org.models import Area, Membership, Role, Unit
from dieuhanh.petitions import services as petitions
from dieuhanh.petitions.models import Petition
from dieuhanh.reorg import two_level
from dieuhanh.reorg.models import Reorganisation
from dieuhanh.reports import content, xlsx
from dieuhanh.tasks.models import Coordination, Task
from dieuhanh.tasks.services import TaskDraft, assign_tasks

pytestmark = pytest.mark.django_db
K = Unit.Kind
TODAY = date(2026, 12, 1)
# Thị trấn Thạch Hà became xã Thạch Hà; xã Thạch Mỹ and xã Thạch Châu merged into xã Mai Phụ.
COMMUNES = ("18562", "18577", "18583")
OPEN = ["open", "awaiting", "paused"]


def _lower(name: str) -> str:
    return name[0].lower() + name[1:]


class ThachHa:
    def __init__(self, django_user_model):
        load_current()
        load_legacy(42)
        self.area = Area.objects.get(legacy=False, level=Area.Level.PROVINCE, code="42")
        district = Area.objects.get(legacy=True, level=Area.Level.DISTRICT, code="445")
        self.root = Unit.objects.create(code="tu", name="Tỉnh ủy Hà Tĩnh", kind=K.PARTY_COMMITTEE, area=self.area)
        self.ubnd = Unit.objects.create(code="ubnd", name="UBND tỉnh Hà Tĩnh", kind=K.PEOPLES_COMMITTEE,
                                        parent=self.root, area=self.area)
        self.huyen_uy = Unit.objects.create(code="hu", name="Huyện ủy Thạch Hà", kind=K.PARTY_COMMITTEE,
                                            parent=self.root, area=district)
        self.ubnd_huyen = Unit.objects.create(code="ubh", name="UBND huyện Thạch Hà", kind=K.PEOPLES_COMMITTEE,
                                              parent=self.ubnd, area=district)
        self.ban = Unit.objects.create(code="btc-h", name="Ban Tổ chức Huyện ủy Thạch Hà", kind=K.PARTY_BOARD,
                                       parent=self.huyen_uy)
        self.communes = {}
        for code in COMMUNES:
            area = Area.objects.get(legacy=True, code=code)
            self.communes[code] = (
                Unit.objects.create(code=f"du-{code}", name=f"Đảng ủy {_lower(area.name)}", kind=K.PARTY_COMMITTEE,
                                    parent=self.huyen_uy, area=area),
                Unit.objects.create(code=f"ub-{code}", name=f"UBND {_lower(area.name)}", kind=K.PEOPLES_COMMITTEE,
                                    parent=self.ubnd_huyen, area=area))
        self.admin = django_user_model.objects.create_user("quantri", password="x")
        Membership.objects.create(user=self.admin, unit=self.root, role=Role.ADMIN)
        Membership.objects.create(user=self.admin, unit=self.root, role=Role.TRACKER)
        self.district_officer = django_user_model.objects.create_user("huyen", password="x")
        Membership.objects.create(user=self.district_officer, unit=self.huyen_uy, role=Role.OFFICER)
        self._three_years()

    def _three_years(self):
        leads = [self.huyen_uy, self.ubnd_huyen, self.ban, *[u for pair in self.communes.values() for u in pair]]
        n = 0
        for year in (2023, 2024, 2025, 2026):
            for month in (3, 10):
                for lead in leads:
                    n += 1
                    [task] = assign_tasks(self.admin, assigned_by=self.root, issued_on=date(year, month, 1), drafts=[
                        TaskDraft(f"Nhiệm vụ {n} năm {year}", lead, [leads[n % len(leads)]] if n % 3 else [],
                                  deadline=date(year, month, 20))])
                    if n % 4:  # most work is done, some late; the rest stays open, overdue by now
                        done_on = date(year, month, 15 if n % 2 else 27)
                        Task.objects.filter(pk=task.pk).update(state="done", done_on=done_on, progress=100)
        indicator = Indicator.objects.create(code="THU-NS", name="Thu ngân sách", unit=self.root, measure="tỷ đồng")
        for i, (du, ub) in enumerate(self.communes.values()):
            for year in (2023, 2024):
                Actual.objects.create(indicator=indicator, unit=ub, period=str(year), value=Decimal(100 + 10 * i + year % 10))
            petition = petitions.record(self.admin, petitions.PetitionInput(
                content=f"Đề nghị sửa đường liên thôn số {i}", submitter="Ông Trần Văn B", receiving_unit=self.root,
                citizen_phone="0912345678", source=Petition.Source.RECEPTION))
            Petition.objects.filter(pk=petition.pk).update(responsible_unit=ub, received_on=date(2024, 10, 1 + i),
                                                           due_on=date(2024, 11, 1), status=Petition.Status.IN_PROGRESS)

    def reports(self) -> list[bytes]:
        """Every report of the province for a period before 1/7/2025, as the office downloads it."""
        periods = [Period(2023, "year"), Period(2024, "year"), Period(2025, "half", 1), Period(2024, "quarter", 4)]
        return [xlsx.render(content.build(self.root, p, TODAY)) for p in periods]


@pytest.fixture
def thach_ha(django_user_model):
    """The clock itself, so every `today` imported anywhere reads 01/12/2026."""
    with mock.patch("django.utils.timezone.now", return_value=datetime.combine(TODAY, time(9, 0), tzinfo=VN_TZ)):
        yield ThachHa(django_user_model)


def _snapshot():
    return (sorted(Task.objects.values_list("pk", "lead_id", "assigned_by_id", "state")),
            sorted(Coordination.objects.values_list("task_id", "unit_id")),
            sorted(Petition.objects.values_list("pk", "responsible_unit_id", "receiving_unit_id")),
            sorted(Membership.objects.values_list("user_id", "unit_id", "role")),
            sorted(Unit.objects.filter(active_to=None).values_list("pk", "parent_id", "path")))


def test_the_preview_says_what_would_move_and_changes_nothing(thach_ha):
    before = _snapshot()
    outcome = two_level.transition(thach_ha.admin, 42)
    assert outcome.merged == 6 and len(outcome.created) == 4  # two bodies each of xã Thạch Hà and xã Mai Phụ
    assert outcome.dissolved == 3  # Huyện ủy (with its Ban Tổ chức) and UBND huyện
    assert outcome.moved["nhiệm vụ chủ trì"] == Task.objects.filter(state__in=OPEN).exclude(
        lead__in=[thach_ha.root, thach_ha.ubnd]).count()
    assert _snapshot() == before and not Reorganisation.objects.exists()


def test_the_transition_keeps_the_past_moves_the_open_work_and_reverts(thach_ha):
    reports_before = thach_ha.reports()
    before = _snapshot()
    later = Period(2026, "year")
    later_before = tally.by_lead(thach_ha.root, later, TODAY)

    outcome = two_level.transition(thach_ha.admin, 42, apply=True)

    assert thach_ha.reports() == reports_before  # the same bytes, period by period
    gone = [thach_ha.huyen_uy, thach_ha.ubnd_huyen, thach_ha.ban, *[u for p in thach_ha.communes.values() for u in p]]
    assert all(Unit.objects.get(pk=u.pk).active_to == date(2025, 7, 1) for u in gone)
    # Exactly one owner per open item, and a working one.
    assert not Task.objects.filter(state__in=OPEN, lead__active_to__isnull=False).exists()
    assert not Coordination.objects.filter(task__state__in=OPEN, unit__active_to__isnull=False).exists()
    assert not Petition.objects.filter(status__in=Petition.OPEN_STATUSES, responsible_unit__active_to__isnull=False
                                       ).exists()
    mai_phu = Unit.objects.get(area__code="18583", area__legacy=False, kind=K.PEOPLES_COMMITTEE)
    assert mai_phu.name == "UBND xã Mai Phụ" and mai_phu.parent_id == thach_ha.ubnd.pk
    assert Unit.objects.get(area__code="18562", area__legacy=False, kind=K.PARTY_COMMITTEE).name == "Đảng ủy xã Thạch Hà"
    # The dashboard of a later period shows the moved work under the new communes.
    later_after = tally.by_lead(thach_ha.root, later, TODAY)
    assert tally.total(later_after).counts == tally.total(later_before).counts
    moved = {u.pk for u in outcome.created}
    assert sum(t.total for pk, t in later_after.items() if pk in moved) == Task.objects.filter(
        lead__in=moved, due_on__year=2026).count() > 0
    # The indicator series goes on: before the merger, xã Mai Phụ's figure is its predecessors' sum.
    indicator = Indicator.objects.get(code="THU-NS")
    Actual.objects.create(indicator=indicator, unit=mai_phu, period="2025", value=Decimal(300))
    [before_merger] = indicator_rows([indicator], mai_phu, Period(2024, "year"), TODAY)
    predecessors = Actual.objects.filter(indicator=indicator, period="2024", unit__successor=mai_phu)
    assert predecessors.count() == 2 and before_merger.from_predecessors and before_merger.parts == 2
    assert before_merger.actual == sum(a.value for a in predecessors)
    [after_merger] = indicator_rows([indicator], mai_phu, Period(2025, "year"), TODAY)
    assert after_merger.actual == 300 and after_merger.previous == before_merger.actual
    Actual.objects.filter(unit=mai_phu).delete()
    # The district's accounts stay with it: on the province's committee they would read the whole province.
    assert Membership.objects.filter(user=thach_ha.district_officer, unit=thach_ha.huyen_uy).exists()
    with pytest.raises(ValidationError, match="đã chuyển sang chính quyền hai cấp"):
        two_level.transition(thach_ha.admin, 42, apply=True)

    assert two_level.revert(thach_ha.admin, 42) == len(outcome.operations)
    assert _snapshot() == before
    assert thach_ha.reports() == reports_before


def test_the_command_previews_then_applies(thach_ha, capsys):
    call_command("reorganise", "two-level", "--province", "42", "--as", "quantri")
    out = capsys.readouterr().out
    assert "đơn vị cấp xã cũ sáp nhập: 6" in out and "chưa thay đổi gì" in out
    assert not Reorganisation.objects.exists()
    call_command("reorganise", "two-level", "--province", "42", "--as", "quantri", "--apply")
    assert "Đã áp dụng" in capsys.readouterr().out
    assert Reorganisation.objects.filter(batch="hai-cap-42", state="applied").count() == 6  # four merges, two dissolutions


def test_a_province_already_on_two_levels_or_a_commune_without_successor_is_refused(thach_ha):
    lost = Area.objects.get(legacy=True, code="18448")  # xã Bình Lộc: no successor in the mapping
    Unit.objects.create(code="du-bl", name="Đảng ủy xã Bình Lộc", kind=K.PARTY_COMMITTEE, parent=thach_ha.huyen_uy,
                        area=lost)
    before = _snapshot()
    with pytest.raises(ValidationError, match="Không tìm thấy xã, phường mới"):
        two_level.transition(thach_ha.admin, 42, apply=True)
    assert _snapshot() == before
    with pytest.raises(ValidationError, match="Chưa có cây đơn vị"):
        two_level.transition(thach_ha.admin, 40, apply=True)  # Nghệ An: no units here
