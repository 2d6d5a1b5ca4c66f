"""Programmes and emulation movements (issue 16, item 3): tasks grouped over a window with a lead unit, their
progress counted as the task list counts it, units ranked, commendation proposed by the programme's rules at
its end and decided by the leader."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dieuhanh.core.errors import Refused
from dieuhanh.programmes import services
from dieuhanh.programmes.models import Commendation, Programme
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def chi_thi_42(province):
    programme = Programme.objects.create(name="Chương trình trọng điểm số 1 (minh họa)", lead=province.root,
                                         starts_on=date(2020, 3, 1), ends_on=date(2020, 8, 31))
    made = []
    for i, (lead, done_on) in enumerate([(province.btc, date(2020, 5, 30)), (province.btc, date(2020, 6, 29)),
                                         (province.snv, date(2020, 7, 20)), (province.snv, None)]):
        task = province.task(f"Nhiệm vụ thi đua số {i}", lead=lead, deadline=date(2020, 6, 30), issued_on=date(2020, 3, 2))
        if done_on:
            Task.objects.filter(pk=task.pk).update(state="done", done_on=done_on, progress=100)
        made.append(task)
    programme.tasks.set(made)
    province.task("Việc ngoài chương trình", deadline=date(2020, 6, 30), issued_on=date(2020, 3, 2))
    return programme


def test_progress_counts_agree_with_the_lists_they_open_and_units_are_ranked(province, chi_thi_42, login):
    client = login(province.tracker)
    page = client.get(f"/chuong-trinh/{chi_thi_42.pk}/").content.decode()
    links = re.findall(r'<a href="([^"]+trang_thai=[a-z_]+)"><span class="status[^"]*">[^<]+</span> (\d+)</a>', page)
    assert links and sum(int(n) for _, n in links) == 4
    for link, n in links:
        listed = client.get(link.replace("&amp;", "&")).content.decode()
        assert listed.count('<tr><td><a href="/nhiem-vu/') == int(n)
    ranking = page[page.index('id="xep-hang"'):]
    assert ranking.index("Ban Tổ chức") < ranking.index("Sở Nội vụ")  # 2 of 2 on time against 1 of 2
    assert "Việc ngoài chương trình" not in client.get(f"/nhiem-vu/?chuong_trinh={chi_thi_42.pk}").content.decode()


def test_commendation_is_proposed_at_the_end_by_the_rules_and_decided_by_the_leader(province, chi_thi_42):
    running = Programme.objects.create(name="Phong trào đang diễn ra", lead=province.root,
                                       starts_on=date(2026, 1, 1), ends_on=date(2099, 12, 31))
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        services.propose_commendations(province.tracker, running, date(2026, 12, 1))
    with pytest.raises(Refused):
        services.propose_commendations(province.commune_officer, chi_thi_42, date(2026, 12, 1))
    [proposed] = services.propose_commendations(province.tracker, chi_thi_42, date(2026, 12, 1))
    assert proposed.unit == province.btc and proposed.on_time_rate == 100  # Sở Nội vụ: 50%, under the 90% rule
    assert services.propose_commendations(province.tracker, chi_thi_42, date(2026, 12, 1)) == []  # once
    with pytest.raises(Refused):
        services.decide(province.tracker, proposed, accept=True)  # the leader decides
    with pytest.raises(ValidationError, match="lý do"):
        services.decide(province.leader, proposed, accept=False)
    services.decide(province.leader, proposed, accept=True, note="Khen thưởng tập thể")
    assert Commendation.objects.get().decision == Commendation.Decision.ACCEPTED
    assert Commendation.objects.get().history.first().history_user == province.leader


def test_a_programme_ending_before_it_starts_is_refused(province):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.create(name="Sai ngày", lead=province.root, starts_on=date(2020, 8, 31),
                                 ends_on=date(2020, 3, 1))
