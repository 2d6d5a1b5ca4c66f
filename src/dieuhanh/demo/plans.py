"""Demo work plans (NĐ 335/2025): three finished months of products for the Ban Tổ chức and phường Thành Sen
officials, each completed, confirmed or returned by their leader through the services, with the leaders'
general points, and the current month planned from what their units owe."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model

from dieuhanh.core import periods
from dieuhanh.core.calendar import today
from dieuhanh.performance import services
from dieuhanh.performance.models import Product

# (official, leader, the official's unit key)
TEAMS = [("bantochuc", "truongbantc", "btc"), ("xa.thanhsen", "chutich.thanhsen", "ub-18073")]
PRODUCTS = [  # (title, kind, weight)
    ("Báo cáo tháng về công tác tổ chức, cán bộ", Product.Kind.REPORT, "1"),
    ("Dự thảo tờ trình kiện toàn nhân sự", Product.Kind.DOCUMENT, "2"),
    ("Tổng hợp ý kiến góp ý dự thảo quy chế", Product.Kind.OTHER, "1"),
    ("Đề án sắp xếp tổ chức bộ máy (phần việc được giao)", Product.Kind.DOCUMENT, "3"),
    ("Trả lời kiến nghị của cử tri về chế độ cán bộ cơ sở", Product.Kind.PETITION, "1"),
]


def _months(now: date, count: int) -> list[periods.Period]:
    out, day = [], now.replace(day=1)
    for _ in range(count):
        day = (day - timedelta(days=1)).replace(day=1)
        out.append(periods.Period(day.year, "month", day.month))
    return out[::-1]


def seed_plans(ht: dict, clock, rng: random.Random) -> None:
    users = get_user_model().objects.in_bulk([n for team in TEAMS for n in team[:2]], field_name="username")
    now = today()
    for official_name, leader_name, unit_key in TEAMS:
        official, leader, unit = users[official_name], users[leader_name], ht[unit_key]
        for period in _months(now, 3):
            made = []
            for i, (title, kind, weight) in enumerate(rng.sample(PRODUCTS, 4)):
                due = period.start + timedelta(days=6 + 6 * i)
                with clock(period.start):
                    made.append(services.plan(official, unit=unit, period=period.key, title=title, kind=kind,
                                              weight=Decimal(weight), due_on=due))
            for n, product in enumerate(made):
                late = n == 1 and rng.random() < 0.6
                done = product.due_on + timedelta(days=3 if late else -1)
                with clock(min(done, period.end)):
                    services.complete(official, product, done_on=min(done, period.end),
                                      link=f"https://vanban.example/minh-hoa/{product.pk}",
                                      cause="Chờ ý kiến của cơ quan phối hợp" if late and rng.random() < 0.5 else "")
                with clock(period.end):
                    if n == 3 and rng.random() < 0.5:
                        services.return_product(leader, product, reason="Cần bổ sung số liệu minh họa",
                                                major_error=True)
                        continue
                    if product.objective_cause:
                        services.confirm_cause(leader, product)
                    services.confirm(leader, product)
            with clock(period.end):
                services.set_general_points(leader, official, unit, period.key, Decimal(rng.choice([25, 27, 28, 29])))
        current = periods.Period(now.year, "month", now.month)
        for proposal in services.proposals(official, unit, current.key)[:3]:
            services.plan(official, unit=unit, period=current.key, title=proposal.title, kind=proposal.kind,
                          due_on=proposal.due_on, task=proposal.task, petition=proposal.petition)
