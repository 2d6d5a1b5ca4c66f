"""The figure grammar: a subject and a chain of predicates (amount, against plan, change, ratio, bracket),
each rule on examples written from the grammar of Vietnamese socio-economic reporting."""

from dieuhanh.intake.indicators import clause_indicators, find_indicators, name_of


def figures(text: str) -> list[tuple]:
    return [(i.name, i.value, i.unit, i.percent_of_plan, i.change_percent) for i in find_indicators([text])]


def test_one_subject_with_an_amount_a_share_of_plan_and_a_change_is_one_figure():
    assert figures("Tổng thu ngân sách quý I là 2.104,6 tỷ đồng, đạt 24,5% dự toán năm và giảm 8,2% so với cùng kỳ.") == [
        ("Tổng thu ngân sách", 2104.6, "tỷ đồng", 24.5, -8.2)]


def test_plan_bases_include_resolutions_targets_and_the_short_so_form():
    assert figures("Kim ngạch xuất khẩu đạt 310 triệu USD, đạt 64% so kế hoạch.")[0][3] == 64
    assert figures("Thu nội địa đạt 900 tỷ đồng, bằng 51% so với nghị quyết đề ra.")[0][3] == 51
    assert figures("Vốn FDI đạt 80 triệu USD, bằng 120% mục tiêu năm.")[0][3] == 120
    assert figures("Thu ngân sách đạt 700 tỷ đồng, vượt 15% dự toán HĐND tỉnh giao.")[0][3] == 115


def test_when_two_plans_are_quoted_the_first_is_kept_and_no_second_figure_appears():
    assert figures("Thu ngân sách đạt 1.200 tỷ đồng, bằng 110% dự toán Trung ương giao, bằng 102% dự toán HĐND tỉnh giao.") == [
        ("Thu ngân sách", 1200, "tỷ đồng", 110, None)]


def test_a_change_against_the_month_before_is_set_aside_for_the_year_on_year_one():
    assert figures("Chỉ số giá tiêu dùng tháng tăng 0,4% so với tháng trước và tăng 3,1% so với cùng kỳ.") == [
        ("Chỉ số giá tiêu dùng", None, None, None, 3.1)]
    assert figures("Chỉ số giá tiêu dùng tăng 0,4% so với tháng trước.") == []


def test_a_ratio_to_the_same_period_is_a_change():
    assert figures("Số thu từ thanh tra đạt 85 tỷ đồng, bằng 92,5% so với cùng kỳ.")[0][4] == -7.5


def test_a_bare_share_after_an_amount_is_its_share_of_plan_and_a_new_subject_starts_a_new_figure():
    assert figures("Trong đó thu nội địa 640 tỷ đồng, đạt 48% và thu từ đất là 120 tỷ đồng, đạt 35%.") == [
        ("thu nội địa", 640, "tỷ đồng", 48, None), ("thu từ đất", 120, "tỷ đồng", 35, None)]


def test_a_growth_rate_or_a_share_alone_is_a_value_in_percent():
    assert figures("Tốc độ tăng trưởng kinh tế đạt 6,2%.") == [("Tốc độ tăng trưởng kinh tế", 6.2, "%", None, None)]


def test_a_bracket_is_a_figure_of_its_own_named_after_the_figure_it_follows():
    found = figures("Lượng khách du lịch đạt 52.000 lượt, tăng 12% so với cùng kỳ (lũy kế 3 tháng tăng 9,5%).")
    assert found == [("Lượng khách du lịch", 52000, "lượt", None, 12), ("Lượng khách du lịch", None, None, None, 9.5)]
    [bracket] = [i for i in clause_indicators("Thu đạt 10 tỷ đồng (lũy kế 3 tháng tăng 9,5%)") if i.value is None]
    assert bracket.period == "lũy kế 3 tháng"


def test_an_amount_of_change_compares_the_figure_before_it_but_alone_it_is_the_result():
    assert figures("Thu nhập bình quân đạt 62 triệu đồng, tăng 5,1 triệu đồng so với năm trước.") == [
        ("Thu nhập bình quân", 62, "triệu đồng", None, None)]
    assert figures("Toàn tỉnh giảm 210 biên chế so với năm 2022.") == [("Toàn tỉnh", 210, "biên chế", None, None)]


def test_a_share_that_opens_its_clause_names_what_follows_it():
    [(name, value, unit, _, _)] = figures("Đến nay, 100% các xã đã có quy hoạch chung, bảo đảm yêu cầu.")
    assert (name, value, unit) == ("các xã đã có quy hoạch chung", 100, "%")


def test_a_figure_printed_twice_is_one_and_a_change_of_nothing_named_is_none():
    assert len(find_indicators(["Khu vực công nghiệp tăng 7,2%.", "Khu vực công nghiệp tăng 7,2%."])) == 1
    assert figures("Tăng 7,2% so với cùng kỳ.") == []


def test_the_name_drops_its_period_and_place():
    assert name_of("Tổng thu ngân sách nhà nước 6 tháng đầu năm 2026 ") == "Tổng thu ngân sách nhà nước"
    assert name_of("thu ngân sách trên địa bàn tỉnh Hà Tĩnh ") == "thu ngân sách"
    assert name_of("Đến nay, ") == ""


def test_norms_lengths_and_rates_are_not_figures():
    assert figures("Hỗ trợ tối đa 40 triệu đồng/hộ để xây nhà.") == []
    assert figures("Tuyến đường dài 12 km đã được nâng cấp.") == []
