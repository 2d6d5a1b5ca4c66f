"""Demo indicators and NTM assessments for Hà Tĩnh.

The 9-month 2021 figures are the seed's (11.710 tỷ đồng = 96% of the year's 12.198; 5,08%;
21/31 nhà văn hóa; 1.894/2.053 nhà ở); the plans not printed in the seed, the communes'
disbursements and poverty rates and the NTM assessments are illustrative (ghi chú "minh họa"),
shaped like the seed on Thạch Hà: 14/30 communes đạt chuẩn, 3 nâng cao, none below 10 criteria.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from dieuhanh.core import calendar
from dieuhanh.core.history import by
from dieuhanh.indicators.models import Actual, Indicator, Target
from dieuhanh.ntm.models import Assessment, CriteriaSet
from dieuhanh.org.models import Area, Unit

ILLUSTRATIVE = "số liệu minh họa"
CATALOGUE = [
    # code, name, measure, kind, direction, aggregation, responsible key, min, max
    ("TNS", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "amount", "higher", "sum", "so-tai-chinh", 0, None),
    ("GRDP", "Tốc độ tăng trưởng kinh tế (GRDP)", "%", "percent", "higher", "none", "so-tai-chinh", None, None),
    ("NVH", "Nhà văn hóa cộng đồng hoàn thành", "nhà", "ratio", "higher", "sum", "so-vh-tt-dl", 0, None),
    ("NHA-O", "Nhà ở cho hộ nghèo, gia đình chính sách hoàn thành", "nhà", "ratio", "higher", "sum", "so-xay-dung", 0,
     None),
    ("GNDT", "Giải ngân vốn đầu tư công", "tỷ đồng", "amount", "higher", "sum", "so-tai-chinh", 0, None),
    ("DS", "Dân số trung bình", "người", "count", "higher", "last", "so-noi-vu", 0, None),
    ("HN", "Tỷ lệ hộ nghèo (đa chiều)", "%", "percent", "lower", "weighted", "so-noi-vu", 0, 100),
]


def seed_figures(actor, ht: dict[str, Unit], rng: random.Random) -> None:
    province = ht["ubnd"]
    made = {}
    for i, (code, name, measure, kind, direction, aggregation, responsible, low, high) in enumerate(CATALOGUE):
        made[code] = by(Indicator(code=code, name=name, measure=measure, kind=kind, direction=direction,
                                  aggregation=aggregation, unit=province, responsible=ht[responsible], position=i,
                                  min_value=low, max_value=high), actor)
        made[code].save()
    made["HN"].weight = made["DS"]
    made["HN"].save()

    def plan(code, period, value, denominator=None, unit=province, note=ILLUSTRATIVE):
        by(Target(indicator=made[code], unit=unit, period=period, value=Decimal(value), denominator=denominator,
                  note=note, created_by=actor), actor).save()

    def actual(code, period, value, denominator=None, unit=province, note=""):
        by(Actual(indicator=made[code], unit=unit, period=period, value=Decimal(value), denominator=denominator,
                  note=note, source=Actual.Source.ENTRY, created_by=actor), actor).save()

    plan("TNS", "2021", "12198", note="11.710 tỷ đồng bằng 96% dự toán cả năm (báo cáo 9 tháng)")
    actual("TNS", "2021-9M", "11710")
    actual("TNS", "2020-9M", "10850", note=ILLUSTRATIVE)
    plan("GRDP", "2021", "6.5")
    actual("GRDP", "2021-9M", "5.08")
    plan("NVH", "2021", "31", Decimal(31))
    actual("NVH", "2021-9M", "21", Decimal(31))
    plan("NHA-O", "2021", "2053", Decimal(2053))
    actual("NHA-O", "2021-9M", "1894", Decimal(2053))
    communes = [u for k, u in ht.items() if k.startswith("ub-")][:20]
    year = calendar.today().year
    for unit in communes:  # the province's figures for these are the communes' roll-up (Σ)
        population = rng.randint(8_000, 30_000)
        plan("GNDT", str(year), str(rng.randint(20, 80)), unit=unit)
        actual("GNDT", f"{year}-9M", str(rng.randint(10, 70)), unit=unit, note=ILLUSTRATIVE)
        actual("DS", f"{year}-9M", str(population), unit=unit, note=ILLUSTRATIVE)
        actual("HN", f"{year}-9M", f"{rng.uniform(0.8, 6.5):.2f}", unit=unit, note=ILLUSTRATIVE)
    plan("HN", str(year), "2.5")


def seed_ntm(ht: dict[str, Unit], rng: random.Random) -> None:
    """Thạch Hà's 30 old communes under the 2021–2025 set; some new communes under 2026–2030."""
    sets = {s.code: list(s.criteria.filter(parent=None).order_by("position")) for s in CriteriaSet.objects.all()}
    standard, advanced, model = sets["xa-2021-dat-chuan"], sets["xa-2021-nang-cao"], sets["xa-2021-kieu-mau"]
    rows = []

    def mark(area, criteria, day, met_count):
        chosen = set(rng.sample(range(len(criteria)), met_count))
        for i, c in enumerate(criteria):
            rows.append(Assessment(area=area, criterion=c, assessed_on=day, met=i in chosen, note=ILLUSTRATIVE))

    old = list(Area.objects.filter(legacy=True, level=Area.Level.COMMUNE, parent__name__endswith="Thạch Hà")
               .order_by("name")[:30])
    for n, area in enumerate(old):
        mark(area, standard, date(2022, 12, 15), rng.randint(10, 17))
        met = 19 if n < 14 else rng.randint(10, 18)
        mark(area, standard, date(2023 + n % 2, 11, 20), met)
        if n < 3:
            mark(area, advanced, date(2024, 12, 10), 19)
            mark(area, model, date(2025, 5, 15), 2)
    current = list(Area.objects.filter(legacy=False, parent=ht["tu"].area).order_by("code")[:12])
    criteria_2026 = sets["xa-2026-dat-chuan"]
    for n, area in enumerate(current):
        mark(area, criteria_2026, date(2026, 6, 30) + timedelta(days=n), 10 if n < 2 else rng.randint(3, 9))
    bulk_create_with_history(rows, Assessment, batch_size=500)
