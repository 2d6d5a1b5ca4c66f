"""`make bench`: build databases of 10k, 100k and 1M tasks over ~3,000 units (about 10% overdue)
and time, over HTTP, the unit inbox, the filtered task list, the overdue list and the
diacritic-free search — median of repeated requests — on SQLite and on PostgreSQL.

Each (database, size) runs in its own process so that settings read their own DATABASE_URL.
PostgreSQL: set BENCH_PG_URL=postgres://user@host:port (a server where we may create databases);
without it only SQLite is measured.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Production settings (no demo mode), with a key shared by this process and the servers it starts.
os.environ.setdefault("DIEUHANH_SECRET_KEY", "bench-only-" + "b" * 60)
OUT = ROOT / "var" / "bench"


def orchestrate(args):
    OUT.mkdir(parents=True, exist_ok=True)
    backends = ["sqlite"] + (["postgresql"] if os.environ.get("BENCH_PG_URL") else [])
    rows = []
    for backend in backends:
        for size in args.sizes:
            out = subprocess.run([sys.executable, __file__, "--case", backend, str(size), "--repeat", str(args.repeat),
                                  *(["--pages", args.pages] if args.pages else [])],
                                 capture_output=True, text=True, cwd=ROOT)
            if out.returncode != 0:
                print(out.stdout, out.stderr, file=sys.stderr)
                raise SystemExit(f"benchmark {backend} {size} failed")
            row = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(f"{backend:<11} {size:>9,} tasks  build {row['build_s']:6.1f}s  "
                  + "  ".join(f"{k} {v:7.1f} ms" for k, v in row["median_ms"].items()), flush=True)
    (OUT / "results.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    for r in rows:
        if r["inbox_sql_ratio"] is not None:
            print(f"{r['backend']} {r['tasks']:,}: the computed inbox costs {r['inbox_sql_ratio']:.2f}× its SQL")
    for backend in backends:
        counts = {r["tasks"]: r["dashboard_queries"] for r in rows if r["backend"] == backend}
        if len(set(counts.values())) > 1:
            raise SystemExit(f"dashboard queries grow with the data on {backend}: {counts}")
        print(f"{backend}: dashboard queries {counts} — the same at every size")
    print("\n| database | tasks | " + " | ".join(rows[0]["median_ms"]) + " |")
    print("|---|---:|" + "---:|" * len(rows[0]["median_ms"]))
    for r in rows:
        print(f"| {r['backend']} | {r['tasks']:,} | " + " | ".join(f"{v:.1f} ms" for v in r["median_ms"].values()) + " |")


def database_url(backend: str, size: int) -> str:
    if backend == "sqlite":
        return f"sqlite:///{OUT / f'bench-{size}.sqlite3'}"
    return f"{os.environ['BENCH_PG_URL'].rstrip('/')}/dieuhanh_bench_{size}"


def fresh_pg_database(name: str) -> str:
    """An empty database of that name on the BENCH_PG_URL server (dropped first); its URL."""
    import psycopg

    with psycopg.connect(os.environ["BENCH_PG_URL"].rstrip("/") + "/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name}")
        c.execute(f"CREATE DATABASE {name}")
    return f"{os.environ['BENCH_PG_URL'].rstrip('/')}/{name}"


def django_on(url: str) -> None:
    """Django set up on the database at `url`, its tables made."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def run_case(backend: str, size: int, repeat: int, pages: str = ""):
    url = database_url(backend, size)
    if backend == "sqlite":
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        fresh_pg_database(f"dieuhanh_bench_{size}")
    django_on(url)
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    started = time.perf_counter()
    actors = generate.build(size)
    build_s = time.perf_counter() - started
    medians = measure(url, actors, repeat, pages)
    if not pages:
        medians["inbox computed SQL"] = inbox_sql_ms(actors, repeat)
        medians.update(year_report(actors))
        medians["export 10,000 tasks"] = export_ms(actors)
    print(json.dumps({"backend": backend, "tasks": size, "units": actors["units"], "build_s": build_s,
                      "indicator_values": actors["indicator_values"], "dashboard_queries": dashboard_queries(actors),
                      "inbox_sql_ratio": medians["inbox computed"] / medians["inbox computed SQL"] if not pages else None,
                      "median_ms": medians}))


def export_ms(actors) -> float:
    """Milliseconds to write the tracker's task list, its first 10,000 rows, as the XLSX its page exports."""
    from django.contrib.auth import get_user_model

    from dieuhanh.core import calendar
    from dieuhanh.tasks import exports
    from dieuhanh.tasks.queries import TaskFilter

    user, today = get_user_model().objects.get(pk=actors["tracker"]), calendar.today()
    flt = TaskFilter()
    listed = flt.apply(flt.visible_to(user), today, user).order_by("due_on", "id")
    first = listed.filter(pk__in=list(listed.values_list("pk", flat=True)[:10_000]))
    started = time.perf_counter()
    exports.task_sheet(first, today, "Danh sách nhiệm vụ")
    return (time.perf_counter() - started) * 1000


def year_report(actors) -> dict:
    """Milliseconds to build the province's report for the current year, and to write it out."""
    from dieuhanh.core import calendar, periods
    from dieuhanh.org.models import Unit
    from dieuhanh.reports import content, docx, pdf, xlsx

    today = calendar.today()
    root = Unit.objects.get(pk=actors["root"])
    started = time.perf_counter()
    report = content.build(root, periods.Period(today.year, "year"), today)
    timings = {"report_build": (time.perf_counter() - started) * 1000}
    for name, writer in (("docx", docx.render), ("xlsx", xlsx.render), ("pdf", pdf.render)):
        started = time.perf_counter()
        writer(report)
        timings[f"report_{name}"] = (time.perf_counter() - started) * 1000
    return timings


def dashboard_path(actors) -> str:
    from dieuhanh.core import calendar, periods

    return f"/tong-quan/?don_vi={actors['root']}&ky={periods.latest_report(calendar.today()).key}"


def inbox_sql_ms(actors, repeat: int) -> float:
    """Median milliseconds the computed inbox spends waiting on its SQL (each query timed from the
    client's side, sending and reading its rows included), to set against the page's own time: the rest
    is Python and templates."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from dieuhanh.core import generation

    spent = []

    def timed(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - t0)

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(pk=actors["officer"]))
    totals = []
    for i in range(repeat + 2):
        generation._publish()
        spent.clear()
        with connection.execute_wrapper(timed):
            assert client.get("/viec-cua-don-vi/").status_code == 200
        if i >= 2:
            totals.append(sum(spent) * 1000)
    return statistics.median(totals)


def dashboard_queries(actors) -> int:
    """SQL queries for one dashboard page; `orchestrate` checks they do not grow with the data."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(pk=actors["tracker"]))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(dashboard_path(actors)).status_code == 200
    return len(queries.captured_queries)


def measure(url: str, actors: dict, repeat: int, only: str = "") -> dict:
    """Medians of every page, or of those whose name holds `only` (`--pages search`)."""
    pages = {
        "inbox": (actors["officer_cookie"], "/viec-cua-don-vi/", b""),
        "inbox computed": (actors["officer_cookie"], "/viec-cua-don-vi/", b"", True),
        "list": (actors["tracker_cookie"], f"/nhiem-vu/?don_vi={actors['filter_unit']}&trang_thai=on_time", b"task-results"),
        "overdue": (actors["tracker_cookie"], "/nhiem-vu/?trang_thai=overdue", b"task-results"),
        "search": (actors["tracker_cookie"], "/nhiem-vu/?q=ngan+sach", b"task-results"),
        # The header box over tasks, documents, meetings, petitions and units: a common phrase, a document
        # symbol, a petition code.
        "global search": (actors["tracker_cookie"], "/tim/?q=ngan+sach", "Văn bản".encode()),
        "global search symbol": (actors["tracker_cookie"], "/tim/?q=37-TB/TU", b"37-TB/TU"),
        "global search code": (actors["tracker_cookie"], f"/tim/?q={actors['petition_code']}", "Kiến nghị".encode()),
        "api tasks overdue": (f"Bearer {actors['tracker_token']}",
                              f"/api/v1/tasks/?unit={actors['filter_unit']}&status=overdue", b'"results"'),
        "dashboard": (actors["tracker_cookie"], dashboard_path(actors), b"khoi-tasks"),
        "dashboard computed": (actors["tracker_cookie"], dashboard_path(actors), b"khoi-tasks", True),
        "unit picker": (actors["tracker_cookie"], "/don-vi/chon/?q=xa+thach&pham_vi=doc&ten=lead", b"<option"),
        "scorecards": (actors["tracker_cookie"], dashboard_path(actors).replace("/tong-quan/", "/tong-quan/bang-diem/"),
                       "Bảng điểm".encode()),
    }
    return time_pages(url, {name: page for name, page in pages.items() if only in name}, repeat)


def time_pages(url: str, pages: dict, repeat: int) -> dict:
    """Median milliseconds per page over HTTP against a runserver on the database at `url`;
    pages: name → (session cookie, "Bearer <API token>" or None, path, bytes the body must contain[, computed]). A computed page
    is measured after a new data generation before each request, as the first view after a change: the
    page itself, not its cached parts (dieuhanh.core.generation)."""
    import http.client

    from dieuhanh.core import generation

    port = 8900 + os.getpid() % 90
    env = {**os.environ, "DATABASE_URL": url, "DIEUHANH_ALLOWED_HOSTS": "127.0.0.1"}
    # The production server, one synchronous worker: one request at a time, as the medians are taken.
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", os.environ.get("BENCH_WSGI", "dieuhanh.wsgi:application"), "--bind",
                               f"127.0.0.1:{port}", "--workers", "1", "--worker-class", "sync", "--timeout", "300"],
                              env=env, stdout=subprocess.DEVNULL, stderr=open(os.environ.get("BENCH_SERVER_LOG", os.devnull), "w"))
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("HEAD", "/dang-nhap/")
                break
            except OSError:
                time.sleep(0.1)
        medians = {}
        for name, (cookie, path, marker, *computed) in pages.items():
            times = []
            for i in range(repeat + 2):
                if computed:
                    generation._publish()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                headers = {"Host": "127.0.0.1"}
                if cookie:
                    headers.update({"Authorization": cookie} if cookie.startswith("Bearer ") else
                                   {"Cookie": f"sessionid={cookie}"})
                t0 = time.perf_counter()
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read()
                elapsed = (time.perf_counter() - t0) * 1000
                if response.status != 200 or marker not in body:
                    raise SystemExit(f"{name}: HTTP {response.status}")
                if i >= 2:  # the first two warm caches
                    times.append(elapsed)
            medians[name] = statistics.median(times)
        return medians
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--case", nargs=2)
    parser.add_argument("--pages", default="", help="only the pages whose name holds this (search, inbox …)")
    args = parser.parse_args()
    if args.case:
        run_case(args.case[0], int(args.case[1]), args.repeat, args.pages)
    else:
        orchestrate(args)
