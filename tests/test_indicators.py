"""Indicators: plans and values through services, roll-up from communes, XLSX import all-or-nothing."""

from datetime import date
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from dieuhanh.core import periods
from dieuhanh.indicators import services, xlsx
from dieuhanh.indicators.figures import Light
from dieuhanh.indicators.models import Actual, Indicator, Target
from dieuhanh.indicators.queries import indicator_rows

NINE_2021 = periods.parse("2021-9M")
TODAY = date(2021, 10, 15)


@pytest.fixture
def revenue(province):
    return Indicator.objects.create(code="TNS", name="Thu ngân sách nhà nước", measure="tỷ đồng", unit=province.ubnd,
                                    responsible=province.snv)


@pytest.fixture
def houses(province):
    return Indicator.objects.create(code="NVH", name="Nhà văn hóa cộng đồng", kind=Indicator.Kind.RATIO,
                                    unit=province.ubnd)


@pytest.fixture
def poverty(province):
    return Indicator.objects.create(code="HN", name="Tỷ lệ hộ nghèo", measure="%", kind=Indicator.Kind.PERCENT,
                                    direction=Indicator.Direction.LOWER, aggregation=Indicator.Aggregation.AVERAGE,
                                    unit=province.ubnd, max_value=D(100))


def test_the_seed_revenue_shows_96_percent_of_the_year_plan(province, revenue):
    services.set_target(province.tracker, revenue, province.ubnd, "2021", "12198")
    services.record_actual(province.tracker, revenue, province.ubnd, "2021-9M", "11710")
    services.record_actual(province.tracker, revenue, province.ubnd, "2020-9M", "10000")
    [row] = indicator_rows([revenue], province.ubnd, NINE_2021, TODAY)
    assert round(row.percent_of_plan) == 96
    assert row.plan_period == periods.parse("2021")
    assert round(row.change_percent, 2) == D("17.10")
    assert row.light == Light.GREEN  # 96% of the year after 9 months is ahead of pace


def test_a_second_report_corrects_the_first_and_history_keeps_both(province, revenue):
    services.record_actual(province.tracker, revenue, province.ubnd, "2021-9M", "11000")
    services.record_actual(province.tracker, revenue, province.ubnd, "2021-9M", "11710")
    assert Actual.objects.get().value == D("11710")
    assert list(Actual.history.order_by("history_date").values_list("value", flat=True)) == [D("11000"), D("11710")]
    assert Actual.history.first().history_user == province.tracker


def test_province_value_is_the_roll_up_of_its_communes(province, houses):
    xa_c = province.ubnd.children.create(code="xa-c", name="UBND xã Thạch Sơn", kind="peoples_committee")
    services.record_actual(province.tracker, houses, province.xa_a, "2021-9M", 14, denominator=20)
    services.record_actual(province.tracker, houses, xa_c, "2021-9M", 7, denominator=11)
    services.set_target(province.tracker, houses, province.ubnd, "2021", 31, denominator=31)
    [row] = indicator_rows([houses], province.ubnd, NINE_2021, TODAY)
    assert (row.actual, row.denominator, row.rolled_up, row.parts) == (D(21), D(31), True, 2)
    assert round(row.ratio_percent, 1) == D("67.7")
    [own] = indicator_rows([houses], province.xa_a, NINE_2021, TODAY)
    assert (own.actual, own.rolled_up) == (D(14), False)


def test_a_unit_reports_only_its_own_figures(province, revenue):
    services.record_actual(province.commune_officer, revenue, province.xa_a, "2021-9M", 5)
    with pytest.raises(PermissionDenied):
        services.record_actual(province.commune_officer, revenue, province.snv, "2021-9M", 5)
    with pytest.raises(PermissionDenied):
        services.set_target(province.commune_officer, revenue, province.ubnd, "2021", 5)
    with pytest.raises(PermissionDenied):
        services.record_actual(province.outsider, revenue, province.xa_a, "2021-9M", 5)


@pytest.mark.parametrize("period, value, denominator, message", [
    ("2021-13", "1", None, "Kỳ"),
    ("2021-9M", "-5", None, "nhỏ hơn mức cho phép"),
    ("2021-9M", None, None, "Chưa nhập giá trị"),
])
def test_bad_values_change_nothing(province, revenue, period, value, denominator, message):
    with pytest.raises(ValidationError, match=message):
        services.record_actual(province.tracker, revenue, province.ubnd, period, value, denominator=denominator)
    assert not Actual.objects.exists()


def test_a_percent_over_100_and_a_ratio_without_denominator_are_refused(province, poverty, houses):
    with pytest.raises(ValidationError, match="vượt mức tối đa"):
        services.record_actual(province.tracker, poverty, province.ubnd, "2021", "104")
    with pytest.raises(ValidationError, match="mẫu số"):
        services.record_actual(province.tracker, houses, province.ubnd, "2021", "21")
    with pytest.raises(ValidationError, match="lớn hơn mẫu số"):
        services.record_actual(province.tracker, houses, province.ubnd, "2021", "32", denominator=31)


def test_an_explanation_request_becomes_a_task_for_the_responsible_unit(province, revenue):
    task = services.request_explanation(province.tracker, revenue, assigned_by=province.root, period=NINE_2021,
                                        situation="đạt 70% mức cần đạt")
    assert task.lead == province.snv and task.assigned_by == province.root
    assert "Giải trình" in task.content and "9 tháng năm 2021" in task.content
    assert task.deadline > task.issued_on
    with pytest.raises(PermissionDenied):
        services.request_explanation(province.commune_officer, revenue, assigned_by=province.root, period=NINE_2021,
                                     situation="")


def _book(rows, header=xlsx.HEADERS, tweak=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = xlsx.SHEET
    ws.append(header)
    for r in rows:
        ws.append(r)
    if tweak:
        tweak(ws)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_template_round_trips_through_import_and_export(province, revenue, houses):
    data = _book([["TNS", "", "ubnd", "2021", "Kế hoạch", 12198, None, ""],
                  ["TNS", "", "ubnd", "2021-9M", "Thực hiện", "11.710", None, "báo cáo 9 tháng"],
                  ["NVH", "", "xa-a", "2021-9M", "Thực hiện", 21, 31, ""]])
    assert xlsx.import_file(data, province.tracker) == 3
    assert Target.objects.get().value == D(12198)
    assert Actual.objects.get(indicator=revenue).value == D(11710)
    assert Actual.objects.get(indicator=revenue).source == Actual.Source.IMPORT
    exported = xlsx.export(Indicator.objects.all(), province.ubnd, NINE_2021)
    from openpyxl import load_workbook
    ws = load_workbook(BytesIO(exported))[xlsx.SHEET]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert ["TNS", "Thu ngân sách nhà nước", "ubnd", "2021-9M", "Thực hiện", 11710, None, "báo cáo 9 tháng"] in values
    assert all(isinstance(r[5], (int, float)) for r in values)


def test_a_bad_file_imports_nothing_and_lists_every_row_and_column(province, revenue, poverty):
    data = _book([["TNS", "", "ubnd", "2021", "Kế hoạch", 12198, None, ""],  # good, still not imported
                  ["TNS", "", "ubnd", "2021-13", "Thực hiện", 5, None, ""],
                  ["TNS", "", "ubnd", "2021", "Thực hiện", "mười", None, ""],
                  ["HN", "", "ubnd", "2021", "Thực hiện", 104, None, ""],
                  ["TNS", "", "ubnd", "2021", "Thực hiện", -3, None, ""],
                  ["XX", "", "khong-co", "2021", "Dự báo", 1, None, ""]])
    with pytest.raises(xlsx.ImportErrors) as e:
        xlsx.import_file(data, province.tracker)
    text = "\n".join(e.value.messages)
    assert "Dòng 3, cột D (Kỳ)" in text
    assert "Dòng 4, cột F (Giá trị): “mười” không phải là số" in text
    assert "Dòng 5, cột F (Giá trị)" in text and "vượt mức tối đa" in text
    assert "Dòng 6, cột F (Giá trị)" in text and "nhỏ hơn mức cho phép" in text
    assert "Dòng 7, cột A" in text and "Dòng 7, cột C" in text and "Dòng 7, cột E" in text
    assert not Target.objects.exists() and not Actual.objects.exists()


def test_wrong_headers_merged_cells_and_formulas_are_refused(province, revenue):
    with pytest.raises(xlsx.ImportErrors, match="tiêu đề cột"):
        xlsx.read(_book([], header=["Chỉ tiêu", "Giá trị"]), province.tracker)
    merged = _book([["TNS", "", "ubnd", "2021", "Kế hoạch", 1, None, ""]], tweak=lambda ws: ws.merge_cells("G2:H2"))
    with pytest.raises(xlsx.ImportErrors, match="G2:H2: không được gộp ô"):
        xlsx.read(merged, province.tracker)
    formula = _book([["TNS", "", "ubnd", "2021", "Kế hoạch", "=1+1", None, ""]])
    with pytest.raises(xlsx.ImportErrors, match="Dòng 2, cột F .*công thức"):
        xlsx.read(formula, province.tracker)
    with pytest.raises(xlsx.ImportErrors, match="không phải bảng tính"):
        xlsx.read(b"not a workbook", province.tracker)
    assert not Target.objects.exists()


def test_import_page_shows_the_errors(province, revenue, login):
    from django.core.files.uploadedfile import SimpleUploadedFile
    data = _book([["TNS", "", "ubnd", "2021-13", "Kế hoạch", 1, None, ""]])
    response = login(province.tracker).post("/chi-tieu/nhap-excel/", {"tep": SimpleUploadedFile("so-lieu.xlsx", data)})
    assert response.status_code == 200
    assert "Dòng 2, cột D (Kỳ)" in response.content.decode()
    assert not Target.objects.exists()


def test_the_entry_page_saves_a_periods_figures_together(province, revenue, houses, login):
    client = login(province.tracker)
    url = f"/chi-tieu/nhap/?don_vi={province.ubnd.pk}&ky=2021-9M"
    response = client.post(url, {"don_vi": province.ubnd.pk, "ky": "2021-9M", f"th_{revenue.pk}": "11.710",
                                 f"th_{houses.pk}": "21", f"th_mau_{houses.pk}": "31"})
    assert response.status_code == 302
    assert Actual.objects.get(indicator=revenue).value == D("11710")
    bad = client.post(url, {"don_vi": province.ubnd.pk, "ky": "2021-9M", f"th_{revenue.pk}": "12000",
                            f"th_{houses.pk}": "40", f"th_mau_{houses.pk}": "31"})
    assert bad.status_code == 200 and "NVH" in bad.content.decode()
    assert Actual.objects.get(indicator=revenue).value == D("11710")  # all or nothing


def test_roll_up_takes_the_nearest_figure_in_each_branch_and_weights_by_population(province, poverty):
    # A district reports for itself (its communes' figures are not added again); a commune of
    # another branch reports directly; the province has no figure of its own.
    district = province.ubnd.children.create(code="huyen", name="UBND huyện Thạch Hà", kind="peoples_committee")
    inner = district.children.create(code="xa-trong", name="UBND xã Thạch Đài", kind="peoples_committee")
    population = Indicator.objects.create(code="DS", name="Dân số", unit=province.ubnd, aggregation="last")
    poverty.aggregation, poverty.weight = Indicator.Aggregation.WEIGHTED, population
    poverty.save()
    for unit, rate, people in ((district, "2", 10000), (inner, "50", 100), (province.xa_a, "6", 30000)):
        services.record_actual(province.tracker, poverty, unit, "2021-9M", rate)
        services.record_actual(province.tracker, population, unit, "2021-9M", people)
    rows = {r.indicator.code: r for r in indicator_rows([poverty, population], province.ubnd, NINE_2021, TODAY)}
    assert rows["HN"].actual == D(5) and rows["HN"].parts == 2  # (2×10.000 + 6×30.000) / 40.000
    assert rows["DS"].actual == D(40000)
    poverty.aggregation = Indicator.Aggregation.AVERAGE
    poverty.save()
    assert indicator_rows([poverty], province.ubnd, NINE_2021, TODAY)[0].actual == D(4)
