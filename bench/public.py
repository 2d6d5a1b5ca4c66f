"""`make bench-public`: the public page over 200,000 answered, published petitions — the first page,
a diacritic-free search, and a filter by field — median of repeated HTTP requests, on SQLite and,
with BENCH_PG_URL set, on PostgreSQL. Each database runs in its own process (its own settings)."""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Production settings (no demo mode), with a key shared by this process and the servers it starts.
os.environ.setdefault("DIEUHANH_SECRET_KEY", "bench-only-" + "b" * 60)
OUT = ROOT / "var" / "bench"
TOPICS = ["đường giao thông nông thôn", "giải phóng mặt bằng", "cấp giấy chứng nhận quyền sử dụng đất",
          "hỗ trợ nhà ở hộ nghèo", "nước sạch sinh hoạt", "ô nhiễm môi trường", "chế độ chính sách người có công",
          "trường học, giáo viên", "trạm y tế xã", "chiếu sáng công cộng", "kênh mương nội đồng", "giống cây trồng"]


def build(size: int, prefix: str = "bench") -> dict:
    from dieuhanh.core.text import fold
    from dieuhanh.org.models import Unit
    from dieuhanh.petitions.models import Answer, Field, Petition, new_code

    rng = random.Random(2026)
    root = Unit.objects.create(code=f"{prefix}-tu", name="Tỉnh ủy Bench", kind=Unit.Kind.PARTY_COMMITTEE)
    ubnd = Unit.objects.create(code=f"{prefix}-ubnd", name="UBND tỉnh", kind=Unit.Kind.PEOPLES_COMMITTEE, parent=root)
    units = [Unit.objects.create(code=f"{prefix}-so-{i}", name=f"Sở số {i}", kind=Unit.Kind.DEPARTMENT, parent=ubnd)
             for i in range(25)]
    fields = [Field.objects.create(name=f"Lĩnh vực {i}") for i in range(8)]
    start = date(2021, 1, 1)
    for offset in range(0, size, 5000):
        batch = []
        for i in range(offset, min(size, offset + 5000)):
            received = start + timedelta(days=rng.randrange(0, 1800))
            due = received + timedelta(days=14)
            content = f"Kiến nghị về {rng.choice(TOPICS)} tại thôn {i % 97}, xã {i % 300}"
            batch.append(Petition(
                code=new_code(), source=Petition.Source.RECEPTION, submitter_kind=Petition.SubmitterKind.CITIZEN,
                submitter=f"Công dân {i}", citizen_phone="0900000000", content=content, field=rng.choice(fields),
                receiving_unit=ubnd, responsible_unit=rng.choice(units), tree=root, received_on=received,
                due_on=due, answered_on=received + timedelta(days=rng.randrange(2, 20)), status=Petition.Status.ANSWERED,
                is_public=True, search_text=fold(f"Công dân {content} câu trả lời của sở")))
        created = Petition.objects.bulk_create(batch)
        Answer.objects.bulk_create([Answer(petition=p, unit=p.responsible_unit, text="Sở đã xem xét, giải quyết.",
                                           answered_at=datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)) for p in created])
    return {"field": fields[0].pk}


def run_case(backend: str, size: int, repeat: int):
    sys.path.insert(0, str(ROOT / "bench"))
    from run import django_on, fresh_pg_database, time_pages

    if backend == "sqlite":
        path = OUT / f"public-{size}.sqlite3"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        url = fresh_pg_database(f"dieuhanh_public_{size}")
    django_on(url)
    started = time.perf_counter()
    made = build(size)
    build_s = time.perf_counter() - started
    medians = time_pages(url, {
        "first page": (None, "/cong-khai/", b"article"),
        "search": (None, "/cong-khai/?q=giai+phong+mat+bang", b"gi\xe1\xba\xa3i ph\xc3\xb3ng"),
        "rare search": (None, "/cong-khai/?q=thon+96+xa+296", b"</html>"),
        "field": (None, f"/cong-khai/?linh_vuc={made['field']}", b"article"),
    }, repeat)
    print(json.dumps({"backend": backend, "petitions": size, "build_s": build_s, "median_ms": medians}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--case")
    args = parser.parse_args()
    if args.case:
        return run_case(args.case, args.size, args.repeat)
    OUT.mkdir(parents=True, exist_ok=True)
    for backend in ["sqlite"] + (["postgresql"] if os.environ.get("BENCH_PG_URL") else []):
        out = subprocess.run([sys.executable, __file__, "--case", backend, "--size", str(args.size),
                              "--repeat", str(args.repeat)], capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            print(out.stdout, out.stderr, file=sys.stderr)
            raise SystemExit(f"benchmark {backend} failed")
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{backend:<11} {row['petitions']:,} answered petitions  build {row['build_s']:.1f}s  "
              + "  ".join(f"{k} {v:.1f} ms" for k, v in row["median_ms"].items()), flush=True)


if __name__ == "__main__":
    main()
