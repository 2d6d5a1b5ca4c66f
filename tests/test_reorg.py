"""Reorganisation (issue 15, first part): merge, split, rename, move and dissolve on a date, previewed and
applied in one transaction, reverted exactly; open work carries over, done work keeps its unit; bad input
is refused in Vietnamese and changes nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dieuhanh.core.errors import Refused
from dieuhanh.events.models import Event
from dieuhanh.org.models import Membership, Role, Unit
from dieuhanh.reorg import services
from dieuhanh.reorg.models import Reorganisation
from dieuhanh.tasks.models import Coordination, Task

K = Unit.Kind
ON = date(2026, 7, 1)


@pytest.fixture
def admin(province):
    return province.user("quantri.tinh", province.root, Role.ADMIN)


@pytest.fixture
def merged_board(province):
    return Unit.objects.create(code="btc-nv", name="Ban Tổ chức - Nội vụ Tỉnh ủy", kind=K.PARTY_BOARD,
                               parent=province.root)


def _state(province):
    """Everything a merge may touch, to compare before and after a revert."""
    return (sorted(Task.objects.values_list("pk", "lead_id", "assigned_by_id", "state")),
            sorted(Coordination.objects.values_list("task_id", "unit_id")),
            sorted(Membership.objects.values_list("user_id", "unit_id", "role")),
            sorted(Unit.objects.values_list("pk", "name", "parent_id", "active_to", "successor_id", "path")))


def test_a_merge_moves_the_open_work_keeps_the_done_work_and_reverts_exactly(province, admin, merged_board):
    open_task = province.task("Rà soát quy hoạch cán bộ", lead=province.btc, coordinators=[province.snv])
    coordinated = province.task("Tổng kết công tác dân vận", lead=province.snv, coordinators=[province.btc])
    done = province.task("Báo cáo năm 2025", lead=province.btc)
    Task.objects.filter(pk=done.pk).update(state="done", done_on=date(2026, 3, 1), progress=100)
    before = _state(province)

    op = services.draft(admin, kind=Reorganisation.Kind.MERGE, effective_on=ON,
                        predecessors=[province.btc], successor=merged_board)
    counts = services.plan(op).counts()
    assert counts["nhiệm vụ chủ trì"] == 1 and counts["nhiệm vụ phối hợp"] == 1 and counts["tài khoản"] == 3

    services.apply(admin, op)
    assert Task.objects.get(pk=open_task.pk).lead == merged_board
    assert Task.objects.get(pk=done.pk).lead == province.btc  # the past stays as it was
    assert Coordination.objects.filter(task=coordinated, unit=merged_board).exists()
    assert not Coordination.objects.filter(unit=province.btc, task__state="open").exists()
    assert set(Membership.objects.filter(unit=merged_board).values_list("user__username", flat=True)) == {
        "truongban", "bantochuc", "xem"}
    btc = Unit.objects.get(pk=province.btc.pk)
    assert (btc.active_to, btc.successor) == (ON, merged_board)
    assert Task.objects.get(pk=open_task.pk).history.first().history_user == admin
    assert Event.objects.filter(target_id=open_task.pk, kind="edited").exists()  # the successor is told
    # every open item has exactly one owner, and it is not the dissolved unit
    assert not Task.objects.filter(lead=province.btc, state__in=["open", "awaiting", "paused"]).exists()

    services.revert(admin, Reorganisation.objects.get(pk=op.pk))
    assert _state(province) == before
    assert Reorganisation.objects.get(pk=op.pk).state == Reorganisation.State.REVERTED


def test_a_coordination_the_successor_already_holds_is_not_doubled_and_comes_back_on_revert(province, admin):
    task = province.task("Sáp nhập thôn", lead=province.snv, coordinators=[province.btc, province.xa_a])
    op = services.draft(admin, kind=Reorganisation.Kind.MERGE, effective_on=ON, predecessors=[province.btc],
                        successor=province.xa_a)
    services.apply(admin, op)
    assert list(Coordination.objects.filter(task=task).values_list("unit_id", flat=True)) == [province.xa_a.pk]
    services.revert(admin, Reorganisation.objects.get(pk=op.pk))
    assert set(Coordination.objects.filter(task=task).values_list("unit_id", flat=True)) == {
        province.btc.pk, province.xa_a.pk}


def test_a_merged_units_children_move_under_the_successor(province, admin):
    successor = Unit.objects.create(code="ubnd-moi", name="UBND tỉnh (mới)", kind=K.PEOPLES_COMMITTEE,
                                    parent=province.root)
    services.apply(admin, services.draft(admin, kind=Reorganisation.Kind.MERGE, effective_on=ON,
                                         predecessors=[province.ubnd], successor=successor))
    snv = Unit.objects.get(pk=province.snv.pk)
    assert snv.parent == successor and snv.path.startswith(successor.path)


def test_a_split_shares_the_open_work_as_chosen_and_refuses_leaving_any_unassigned(province, admin):
    first = Unit.objects.create(code="b1", name="Ban Tổ chức", kind=K.PARTY_BOARD, parent=province.root)
    second = Unit.objects.create(code="b2", name="Ban Nội vụ", kind=K.PARTY_BOARD, parent=province.root)
    kept = province.task("Quy hoạch cán bộ", lead=province.btc)
    shared = province.task("Tinh giản biên chế", lead=province.btc)
    with pytest.raises(ValidationError, match="chưa có đơn vị nhận|cần đơn vị kế thừa"):
        services.draft(admin, kind=Reorganisation.Kind.SPLIT, effective_on=ON, predecessors=[province.btc],
                       others=[first, second])
    assert not Reorganisation.objects.exists()
    with pytest.raises(ValidationError, match="chỉ được cho các đơn vị kế thừa"):
        services.draft(admin, kind=Reorganisation.Kind.SPLIT, effective_on=ON, predecessors=[province.btc],
                       successor=first, others=[second], shares={f"task:{shared.pk}": province.snv.pk})
    op = services.draft(admin, kind=Reorganisation.Kind.SPLIT, effective_on=ON, predecessors=[province.btc],
                        successor=first, others=[second], shares={f"task:{shared.pk}": second.pk})
    services.apply(admin, op)
    assert Task.objects.get(pk=kept.pk).lead == first and Task.objects.get(pk=shared.pk).lead == second


def test_rename_and_move_keep_history_and_revert(province, admin):
    op = services.draft(admin, kind=Reorganisation.Kind.RENAME, effective_on=ON, predecessors=[province.snv],
                        new_name="Sở Nội vụ (sau hợp nhất)")
    services.apply(admin, op)
    assert Unit.objects.get(pk=province.snv.pk).name == "Sở Nội vụ (sau hợp nhất)"
    services.revert(admin, Reorganisation.objects.get(pk=op.pk))
    assert Unit.objects.get(pk=province.snv.pk).name == "Sở Nội vụ"
    move = services.draft(admin, kind=Reorganisation.Kind.MOVE, effective_on=ON, predecessors=[province.xa_a],
                          new_parent=province.root)
    services.apply(admin, move)
    assert Unit.objects.get(pk=province.xa_a.pk).parent == province.root


def test_dissolving_a_unit_with_open_work_needs_a_successor(province, admin):
    province.task("Kiện toàn ban chỉ đạo", lead=province.xa_b)
    op = services.draft(admin, kind=Reorganisation.Kind.DISSOLVE, effective_on=ON, predecessors=[province.xa_b])
    with pytest.raises(ValidationError, match="chưa có đơn vị nhận"):
        services.apply(admin, op)
    assert Unit.objects.get(pk=province.xa_b.pk).active_to is None  # nothing changed


@pytest.mark.parametrize("case, message", [
    ("cycle_move", "trực thuộc chính nó"),
    ("cycle_merge", "vòng lặp"),
    ("self", "vừa bị sắp xếp vừa là"),
    ("other_province", "cùng tỉnh"),
])
def test_bad_operations_are_refused_and_store_nothing(province, admin, case, message):
    kinds = Reorganisation.Kind
    args = {
        "cycle_move": dict(kind=kinds.MOVE, predecessors=[province.ubnd], new_parent=province.snv),
        "cycle_merge": dict(kind=kinds.MERGE, predecessors=[province.ubnd], successor=province.snv),
        "self": dict(kind=kinds.MERGE, predecessors=[province.btc, province.snv], successor=province.btc),
        "other_province": dict(kind=kinds.MERGE, predecessors=[province.btc], successor=province.other_root),
    }[case]
    with pytest.raises((ValidationError, Refused), match=message):
        services.draft(admin if case != "other_province" else _superuser(), effective_on=ON, **args)
    assert not Reorganisation.objects.exists()


def _superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("sieuquantri", password="x" * 16)


def test_a_date_before_an_applied_operation_and_a_revert_under_a_later_one_are_refused(province, admin, merged_board):
    services.apply(admin, services.draft(admin, kind=Reorganisation.Kind.RENAME, effective_on=ON,
                                         predecessors=[merged_board], new_name="Ban Tổ chức Tỉnh ủy (mới)"))
    with pytest.raises(ValidationError, match="trước một sắp xếp đã áp dụng"):
        services.draft(admin, kind=Reorganisation.Kind.MERGE, effective_on=date(2026, 6, 1),
                       predecessors=[province.btc], successor=merged_board)
    first = Reorganisation.objects.get()
    later = services.draft(admin, kind=Reorganisation.Kind.MERGE, effective_on=date(2026, 8, 1),
                           predecessors=[province.btc], successor=merged_board)
    services.apply(admin, later)
    with pytest.raises(ValidationError, match="áp dụng sau đã dựa vào"):
        services.revert(admin, Reorganisation.objects.get(pk=first.pk))


def test_only_an_administrator_over_every_unit_reorganises(province, merged_board):
    with pytest.raises(Refused):
        services.draft(province.tracker, kind=Reorganisation.Kind.MERGE, effective_on=ON,
                       predecessors=[province.btc], successor=merged_board)
    assert not Reorganisation.objects.exists()


def test_the_command_previews_applies_and_reverts(province, admin, merged_board):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    province.task("Quy hoạch cán bộ", lead=province.btc)
    out = StringIO()
    call_command("reorganise", "merge", "--units", "btc", "--into", "btc-nv", "--on", "2026-07-01",
                 "--as", "quantri.tinh", stdout=out)
    assert "nhiệm vụ chủ trì: 1" in out.getvalue() and Reorganisation.objects.get().state == "draft"
    call_command("reorganise", "merge", "--units", "btc", "--into", "btc-nv", "--on", "2026-07-01",
                 "--as", "quantri.tinh", "--apply", stdout=out)
    applied = Reorganisation.objects.get(state="applied")
    call_command("reorganise", "revert", "--id", str(applied.pk), "--as", "quantri.tinh", stdout=out)
    assert Reorganisation.objects.get(pk=applied.pk).state == "reverted"
    with pytest.raises(CommandError, match="Chỉ quản trị của mọi đơn vị"):
        call_command("reorganise", "merge", "--units", "btc", "--into", "tu-na", "--on", "2026-07-01",
                     "--as", "quantri.tinh", stdout=out)


@pytest.fixture
def communes(province):
    from dieuhanh.org.models import Area

    ha_tinh = Area.objects.create(code="42", name="Hà Tĩnh", level=Area.Level.PROVINCE)
    nghe_an = Area.objects.create(code="40", name="Nghệ An", level=Area.Level.PROVINCE)
    Unit.objects.filter(pk=province.root.pk).update(area=ha_tinh)
    make = lambda code, name, parent: Area.objects.create(code=code, name=name, level=Area.Level.COMMUNE,  # noqa: E731
                                                          parent=parent)
    return (make("1", "Xã Thạch Mỹ", ha_tinh), make("2", "Xã Thạch Châu", ha_tinh), make("3", "Xã Mai Phụ", ha_tinh),
            make("4", "Phường Trường Vinh", nghe_an))


def test_communes_merge_on_a_date_carry_open_petitions_and_units_and_revert(province, admin, communes):
    from dieuhanh.petitions import services as petitions
    from dieuhanh.petitions.models import Petition

    my, chau, mai_phu, _ = communes
    Unit.objects.filter(pk=province.xa_a.pk).update(area=my)
    open_one, answered = _petition(province, chau), _petition(province, chau, "Đề nghị sửa cầu tràn")
    petitions.answer(province.tracker, answered, "Đã sửa xong cầu tràn")
    op = services.draft_areas(admin, kind=Reorganisation.Kind.MERGE, effective_on=ON, areas=[my, chau],
                              successor=mai_phu)
    counts = services.plan(op).counts()
    assert counts["kiến nghị đang xử lý (địa bàn)"] == 1 and counts["đơn vị (địa bàn)"] == 1
    services.apply(admin, op)
    my.refresh_from_db()
    assert (my.valid_to, my.merged_into) == (date(2026, 6, 30), mai_phu) and my.current() == mai_phu
    assert Petition.objects.get(pk=open_one.pk).area == mai_phu
    assert Petition.objects.get(pk=answered.pk).area == chau  # the past stays as it was
    assert Unit.objects.get(pk=province.xa_a.pk).area == mai_phu
    services.revert(admin, Reorganisation.objects.get(pk=op.pk))
    my.refresh_from_db()
    assert (my.valid_to, my.merged_into) == (None, None)
    assert Petition.objects.get(pk=open_one.pk).area == chau and Unit.objects.get(pk=province.xa_a.pk).area == my


@pytest.mark.parametrize("case, message", [
    ("other_province", "cùng cấp, cùng tỉnh"),
    ("self", "vừa bị sáp nhập vừa là"),
    ("no_successor", "cần đơn vị hành chính kế thừa"),
])
def test_bad_area_operations_are_refused_and_store_nothing(province, communes, django_user_model, case, message):
    my, chau, mai_phu, vinh = communes
    successor = {"other_province": vinh, "self": my, "no_successor": None}[case]
    superuser = django_user_model.objects.create_superuser("it", password="x")  # past the policy: the checks speak
    with pytest.raises(ValidationError, match=message):
        services.draft_areas(superuser, kind=Reorganisation.Kind.MERGE, effective_on=ON, areas=[my, chau],
                             successor=successor)
    assert not Reorganisation.objects.exists()


def test_only_the_provinces_administrators_reorganise_its_communes(province, communes):
    my, chau, mai_phu, _ = communes
    with pytest.raises(Refused):
        services.draft_areas(province.tracker, kind=Reorganisation.Kind.MERGE, effective_on=ON, areas=[my, chau],
                             successor=mai_phu)


def test_a_merge_hands_over_the_indicators_and_the_plans_from_the_date_on(province, admin, merged_board):
    from decimal import Decimal

    from dieuhanh.indicators.models import Indicator, Target

    indicator = Indicator.objects.create(code="DV", name="Tỷ lệ đảng viên mới", unit=province.btc,
                                         responsible=province.btc)
    this_year = Target.objects.create(indicator=indicator, unit=province.btc, period="2026", value=Decimal(3))
    next_year = Target.objects.create(indicator=indicator, unit=province.btc, period="2027", value=Decimal(4))
    op = services.draft(admin, kind=Reorganisation.Kind.MERGE, effective_on=ON, predecessors=[province.btc],
                        successor=merged_board)
    assert services.plan(op).counts()["kế hoạch chỉ tiêu các kỳ sau"] == 1
    services.apply(admin, op)
    indicator.refresh_from_db()
    assert (indicator.unit, indicator.responsible) == (merged_board, merged_board)
    assert Target.objects.get(pk=next_year.pk).unit == merged_board
    assert Target.objects.get(pk=this_year.pk).unit == province.btc  # a plan of a period begun before stays
    services.revert(admin, Reorganisation.objects.get(pk=op.pk))
    indicator.refresh_from_db()
    assert indicator.unit == province.btc and Target.objects.get(pk=next_year.pk).unit == province.btc


def _petition(province, area, text="Đề nghị nạo vét kênh"):
    from dieuhanh.petitions import services as petitions
    from dieuhanh.petitions.models import Petition

    return petitions.record(province.tracker, petitions.PetitionInput(
        content=text, submitter="Bà Lê Thị D", receiving_unit=province.root, area=area, citizen_phone="0912345678",
        responsible_unit=province.snv, source=Petition.Source.RECEPTION))


def test_a_commune_split_shares_its_open_petitions_and_a_dissolution_needs_a_successor(
        province, django_user_model, communes):
    from dieuhanh.petitions.models import Petition

    my, chau, mai_phu, vinh = communes
    it = django_user_model.objects.create_superuser("it", password="x")
    kept, shared = _petition(province, my), _petition(province, my, "Đề nghị sửa cầu tràn")
    with pytest.raises(ValidationError, match="chỉ được cho các đơn vị hành chính kế thừa"):
        services.draft_areas(it, kind=Reorganisation.Kind.SPLIT, effective_on=ON, areas=[my], successor=chau,
                             others=[mai_phu], shares={f"petition:{shared.pk}": vinh.pk})
    op = services.draft_areas(it, kind=Reorganisation.Kind.SPLIT, effective_on=ON, areas=[my], successor=chau,
                              others=[mai_phu], shares={f"petition:{shared.pk}": mai_phu.pk})
    services.apply(it, op)
    assert Petition.objects.get(pk=kept.pk).area == chau and Petition.objects.get(pk=shared.pk).area == mai_phu
    with pytest.raises(ValidationError, match="chưa có địa bàn nhận"):
        services.draft_areas(it, kind=Reorganisation.Kind.DISSOLVE, effective_on=date(2026, 8, 1), areas=[chau])
    assert Reorganisation.objects.count() == 1


def test_a_commune_moves_to_another_province_and_back(province, django_user_model, communes):
    my, _, _, vinh = communes
    it = django_user_model.objects.create_superuser("it", password="x")
    op = services.draft_areas(it, kind=Reorganisation.Kind.MOVE, effective_on=ON, areas=[my], new_parent=vinh.parent)
    services.apply(it, op)
    my.refresh_from_db()
    assert my.parent == vinh.parent
    services.revert(it, Reorganisation.objects.get(pk=op.pk))
    my.refresh_from_db()
    assert my.parent.code == "42"
    with pytest.raises(ValidationError, match="khác tỉnh hiện tại"):
        services.draft_areas(it, kind=Reorganisation.Kind.MOVE, effective_on=ON, areas=[my], new_parent=my.parent)
