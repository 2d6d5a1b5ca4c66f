"""Derived figures with the seeds' own numbers."""

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from dieuhanh.indicators import figures
from dieuhanh.indicators.figures import Contribution, Light


def rounded(value, places=2):
    return value.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def test_percent_of_plan_is_96_for_11710_of_12198():
    assert rounded(figures.percent_of_plan(D("11710"), D("12198")), 0) == D("96")


def test_change_against_the_same_period_last_year():
    # "chỉ số sản xuất công nghiệp 9 tháng tăng 16,56% so với cùng kỳ": 116,56 over 100.
    assert rounded(figures.change_percent(D("116.56"), D("100"))) == D("16.56")
    assert rounded(figures.change_percent(D("90"), D("100"))) == D("-10.00")
    assert figures.change_percent(D("5"), None) is None and figures.change_percent(D("5"), D("0")) is None


def test_ratio_21_of_31_and_14_of_30():
    assert rounded(figures.ratio_percent(D(21), D(31)), 1) == D("67.7")
    assert rounded(figures.ratio_percent(D(14), D(30)), 1) == D("46.7")


def test_roll_up_adds_values_and_denominators_of_communes():
    parts = [Contribution(D(14), D(30)), Contribution(D(3), D(8))]
    assert figures.roll_up(parts, "sum") == Contribution(D(17), D(38))
    assert figures.roll_up(parts, "none") is None
    assert figures.roll_up(parts[:1], "none") == Contribution(D(14), D(30))  # one figure is itself
    assert figures.roll_up([], "sum") is None


def test_weighted_average_uses_each_communes_weight():
    # poverty 2% of 10.000 people and 6% of 30.000 → 5%, where the plain average says 4%.
    parts = [Contribution(D(2), weight=D(10000)), Contribution(D(6), weight=D(30000))]
    assert figures.roll_up(parts, "weighted").value == D(5)
    assert figures.roll_up(parts, "average").value == D(4)


def test_nearest_rows_keep_a_district_and_drop_its_communes():
    rows = [{"p": "/1/2/"}, {"p": "/1/2/5/"}, {"p": "/1/3/6/"}]
    assert figures.nearest(rows, lambda r: r["p"]) == [{"p": "/1/2/"}, {"p": "/1/3/6/"}]


def test_revenue_at_nine_months_is_compared_with_three_quarters_of_the_year_plan():
    a = figures.assess(actual=D("11710"), plan=D("12198"), higher_is_better=True, accrues=True, share=0.75,
                       finished=True)
    assert a.light == Light.GREEN and rounded(a.attainment, 1) == D("128.0")
    progressing = figures.assess(actual=D("8500"), plan=D("12198"), higher_is_better=True, accrues=True,
                                 share=0.75, finished=True)
    assert progressing.light == Light.ORANGE  # 92,9% of what 9 months should bring
    behind = figures.assess(actual=D("7000"), plan=D("12198"), higher_is_better=True, accrues=True, share=0.75,
                            finished=True)
    assert behind.light == Light.RED


def test_a_finished_period_short_of_its_own_plan_missed_it():
    # "bằng 96% dự toán cả năm" read at the end of the year is a miss, not progress.
    a = figures.assess(actual=D("11710"), plan=D("12198"), higher_is_better=True, accrues=True, share=1,
                       finished=True)
    assert a.light == Light.RED
    running = figures.assess(actual=D("11710"), plan=D("12198"), higher_is_better=True, accrues=True, share=1,
                             finished=False)
    assert running.light == Light.ORANGE


def test_a_level_is_compared_with_the_plan_itself_and_lower_can_be_better():
    growth = figures.assess(actual=D("5.08"), plan=D("6.5"), higher_is_better=True, accrues=False, share=0.75,
                            finished=True)
    assert growth.expected == D("6.5") and growth.light == Light.RED
    poverty = figures.assess(actual=D("2.4"), plan=D("2.5"), higher_is_better=False, accrues=False, share=0.75,
                             finished=True)
    assert poverty.light == Light.GREEN


def test_no_plan_or_no_value_cannot_be_assessed():
    assert figures.assess(actual=None, plan=D(1), higher_is_better=True, accrues=True, share=1,
                          finished=False).light == Light.GREY
    assert figures.assess(actual=D(1), plan=None, higher_is_better=True, accrues=True, share=1,
                          finished=False).light == Light.GREY
