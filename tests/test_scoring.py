"""NĐ 335/2025 scores on worked examples written from the decree, and properties: a score never leaves
[0, 100] and never rises when a product is delayed."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dieuhanh.performance.scoring import (
    Grade,
    Product,
    ScoreError,
    cap_check,
    excellent_cap,
    rolled,
    score,
    task_result,
)

WEEK = [Product(D(1), True), Product(D(1), True), Product(D(2), True, quality_errors=1), Product(D(1), True, delays=1)]


def test_a_major_error_and_a_delay_each_cost_a_quarter_of_that_products_points():
    r = task_result(WEEK)
    # 5 converted units assigned, all done; the 2-unit product keeps 75% of its quality, the delayed one 75%
    # of its progress: quality 4,5/5, progress 4,75/5.
    assert (r.quantity, r.quality, r.progress) == (D(100), D(90), D(95))
    assert r.points == D(70) * D("0.95")
    s = score(D(28), WEEK)
    assert s.total == D("94.5") and s.grade == Grade.EXCELLENT


def test_an_objective_cause_confirmed_waives_the_delay():
    excused = [*WEEK[:3], Product(D(1), True, delays=1, objective_cause=True)]
    assert task_result(excused).progress == D(100)
    assert score(D(28), excused).total > score(D(28), WEEK).total


def test_work_not_done_counts_for_nothing_in_all_three_measures():
    r = task_result([Product(D(3), True), Product(D(1), False)])
    assert (r.quantity, r.quality, r.progress) == (D(75), D(75), D(75))
    assert score(D(20), [Product(D(1), False)]).grade == Grade.FAILED


def test_a_leader_is_also_scored_on_the_unit():
    own = [Product(D(6), True), Product(D(4), True, quality_errors=4, delays=4)]  # 60% quality and progress
    result = task_result(own).points
    all_done = score(D(25), own, subordinate_grades=[Grade.GOOD, Grade.DONE])
    one_failed = score(D(25), own, subordinate_grades=[Grade.GOOD, Grade.FAILED])
    assert all_done.unit_percent == 100 and all_done.total == D(25) + result / 2 + D(35)
    assert one_failed.unit_percent == 50 and one_failed.total == D(25) + result / 2 + D("17.5")


@pytest.mark.parametrize("total, expected", [(D(90), Grade.EXCELLENT), (D("89.99"), Grade.GOOD), (D(70), Grade.GOOD),
                                             (D("69.9"), Grade.DONE), (D(50), Grade.DONE), (D("49.9"), Grade.FAILED)])
def test_grades_follow_the_decrees_bands(total, expected):
    from dieuhanh.performance.scoring import grade

    assert grade(total) == expected


def test_the_twenty_percent_cap_on_excellent_is_checked_before_confirming():
    ten = [Grade.EXCELLENT] * 2 + [Grade.GOOD] * 8
    assert excellent_cap(ten) == 2 and cap_check(ten) is None
    over = [Grade.EXCELLENT] * 3 + [Grade.GOOD] * 7
    assert "vượt mức tối đa 2" in cap_check(over)


def test_bad_input_is_refused_in_vietnamese():
    with pytest.raises(ScoreError, match="Tổng trọng số"):
        task_result([Product(D(0), True)])
    with pytest.raises(ScoreError, match="tiêu chí chung"):
        score(D(31), WEEK)
    with pytest.raises(ScoreError, match="âm"):
        task_result([Product(D(-1), True), Product(D(2), True)])


def test_months_roll_into_the_quarter():
    assert rolled([D(90), D(80), D(85)]) == D(85)


products = st.lists(st.builds(Product, weight=st.integers(1, 20).map(D), completed=st.booleans(),
                              quality_errors=st.integers(0, 5), delays=st.integers(0, 5),
                              objective_cause=st.booleans()), min_size=1, max_size=12)


@given(products, st.integers(0, 30))
def test_a_score_stays_within_0_and_100(items, general):
    s = score(D(general), items)
    assert 0 <= s.total <= 100 and 0 <= s.tasks.points <= 70


@given(products, st.integers(0, 30), st.data())
def test_a_delay_never_raises_the_score(items, general, data):
    i = data.draw(st.integers(0, len(items) - 1))
    p = items[i]
    delayed = Product(p.weight, p.completed, p.quality_errors, p.delays + 1, p.objective_cause)
    assert score(D(general), [*items[:i], delayed, *items[i + 1:]]).total <= score(D(general), items).total


def test_a_quarter_rolls_its_months_plain_or_by_their_work():
    from dieuhanh.performance.scoring import rolled

    assert rolled([D(80), D(100)]) == 90
    assert rolled([D(80), D(100)], [D(3), D(1)]) == 85
    with pytest.raises(ScoreError):
        rolled([D(80)], [D(0)])
    with pytest.raises(ScoreError):
        rolled([])
