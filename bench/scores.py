"""`make bench-scores`: officials' scores under NĐ 335/2025 in a province of ~3,000 units and 30,000 officials
with a year of weekly products (one product per official per week, 52 weeks: 1.56 million products) on
PostgreSQL. Measures, as medians of HTTP requests against gunicorn: one official's month (/ke-hoach/), a unit's
month and quarter sheets (/ke-hoach/don-vi/), the province's quarter ranking (/ke-hoach/xep-hang/); and the
seconds `rescore_all` takes for one month of 30,000 officials (what `dieuhanh rescore` does)."""

import argparse
import json
import os
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DIEUHANH_SECRET_KEY", "bench-only-" + "s" * 60)
FIRST_MONDAY = date(2025, 12, 1)
WEEKS = 52
QUARTER, MONTH = "2026-Q3", "2026-11"
PRODUCT_COLUMNS = ["official_id", "unit_id", "period", "week_of", "title", "kind", "weight", "due_on", "state",
                   "done_on", "evidence", "evidence_link", "quality_errors", "delays", "return_reason",
                   "objective_cause", "confirmed_by_id", "confirmed_at", "reassign_reason"]
TITLES = ["Báo cáo tình hình thực hiện nhiệm vụ tuần", "Dự thảo kế hoạch triển khai", "Tờ trình đề xuất",
          "Tham mưu văn bản chỉ đạo", "Tổng hợp số liệu chỉ tiêu", "Trả lời kiến nghị của cử tri"]


def _officials(units, officials: int):
    """About officials / units people per unit: the first a leader, the rest officers."""
    from django.contrib.auth import get_user_model

    from dieuhanh.org.models import Membership, Role

    User = get_user_model()
    per_unit = [officials // len(units) + (1 if i < officials % len(units) else 0) for i in range(len(units))]
    users = User.objects.bulk_create([User(username=f"cc-{u.pk}-{j}", first_name=f"Công chức {j} {u.code}",
                                           password="!") for u, n in zip(units, per_unit) for j in range(n)],
                                     batch_size=5000)
    members, made, leaders = [], iter(users), {}
    for unit, n in zip(units, per_unit):
        for j in range(n):
            user = next(made)
            members.append(Membership(user=user, unit=unit, role=Role.LEADER if j == 0 else Role.OFFICER))
            if j == 0:
                leaders[unit.pk] = user
    Membership.objects.bulk_create(members, batch_size=5000)
    return [(m.user, m.unit) for m in members], leaders


def _products(cursor, people, leaders, rng) -> int:
    """One product per official per week, by COPY: mostly confirmed, some late, some with a major error, some
    returned or waiting for the leader."""
    now = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)
    count = 0
    with cursor.copy(f"COPY performance_product ({', '.join(PRODUCT_COLUMNS)}) FROM STDIN") as copy:
        for week in range(WEEKS):
            monday = FIRST_MONDAY + timedelta(weeks=week)
            friday = monday + timedelta(days=4)
            for user, unit in people:
                roll = rng.random()
                state = "confirmed" if roll < 0.85 else "returned" if roll < 0.9 else "done"
                delays = 1 if rng.random() < 0.15 else 0
                done_on = friday + timedelta(days=3 * delays) if state != "returned" else None
                leader = leaders[unit.pk]
                copy.write_row([user.pk, unit.pk, f"{friday:%Y-%m}", monday, rng.choice(TITLES), "other",
                                Decimal(rng.choice([1, 1, 1, 2, 3])), friday, state, done_on, "", "https://vb.example/1",
                                1 if rng.random() < 0.05 else 0, delays, "Thiếu số liệu" if state == "returned" else "",
                                "", leader.pk if state == "confirmed" and leader != user else None,
                                now if state == "confirmed" else None, ""])
                count += 1
    return count


def build(officials: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from dieuhanh.org.models import Membership, Role
    from dieuhanh.performance import services
    from dieuhanh.performance.models import GeneralPoints

    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    rng = random.Random(335)
    root, boards, ubnd, depts, communes = generate._units(rng)
    units = [root, *boards, ubnd, *depts, *communes]
    people, leaders = _officials(units, officials)
    admin = get_user_model().objects.create(username="quantri", is_superuser=True, password="!")
    tracker = get_user_model().objects.create(username="theodoi", password="!")
    Membership.objects.create(user=tracker, unit=root, role=Role.TRACKER)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        products = _products(cursor.cursor, people, leaders, rng)
    months = sorted({f"{FIRST_MONDAY + timedelta(weeks=w, days=4):%Y-%m}" for w in range(WEEKS)})
    GeneralPoints.objects.bulk_create([
        GeneralPoints(official=user, period=key, points=Decimal(rng.choice([24, 26, 27, 28, 29, 30])),
                      entered_by=leaders[unit.pk]) for key in months for user, unit in people], batch_size=10000)
    load_s = time.perf_counter() - started
    rescore_s = {}
    for key in months:
        t0 = time.perf_counter()
        services.rescore_all(admin, key)
        rescore_s[key] = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    unit = depts[3]
    official = next(user for user, u in people if u == unit and user != leaders[unit.pk])
    return {"units": len(units), "officials": len(people), "products": products, "load_s": load_s,
            "rescore_month_s": rescore_s[MONTH], "rescore_all_s": sum(rescore_s.values()),
            "official_cookie": generate._session(official), "leader_cookie": generate._session(leaders[unit.pk]),
            "tracker_cookie": generate._session(tracker), "unit": unit.pk}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--officials", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if not os.environ.get("BENCH_PG_URL"):
        raise SystemExit("BENCH_PG_URL: the score benchmark runs on PostgreSQL (make bench-scores starts one).")
    sys.path.insert(0, str(ROOT / "bench"))
    from run import django_on, fresh_pg_database, time_pages

    url = fresh_pg_database(f"dieuhanh_scores_{args.officials}")
    django_on(url)
    started = time.perf_counter()
    made = build(args.officials)
    build_s = time.perf_counter() - started
    sheet = f"/ke-hoach/don-vi/?don_vi={made['unit']}"
    medians = time_pages(url, {
        "official month": (made["official_cookie"], f"/ke-hoach/?ky={MONTH}", "Điểm tháng".encode()),
        "unit month sheet": (made["leader_cookie"], f"{sheet}&ky={MONTH}", "Xác nhận xếp loại".encode()),
        "unit quarter sheet": (made["leader_cookie"], f"{sheet}&ky={QUARTER}", "Xếp loại".encode()),
        "province quarter ranking": (made["tracker_cookie"], f"/ke-hoach/xep-hang/?ky={QUARTER}", "Hạng".encode()),
    }, args.repeat)
    print(json.dumps({k: v for k, v in made.items() if not k.endswith("cookie")} | {"build_s": build_s,
                                                                                     "median_ms": medians}))


if __name__ == "__main__":
    main()
