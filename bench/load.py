"""`make bench-load`: many people at once against the production server (gunicorn via `dieuhanh serve`)
on PostgreSQL, over loopback.

A database of 100,000 tasks (bench/generate.py) and 20,000 published answers (bench/public.py); then,
for 50, 100 and 200 concurrent users, 60 s each: every user signs in once and opens pages one after
another — the unit inbox, a filtered task list, a task, the province dashboard, the public page — waiting
0.5–1.5 s between pages as a person clicking quickly would. Reported per level: requests, errors (any
status other than 200), requests per second, p50 and p95 overall and per page. Then the anonymous public
page alone, 50 visitors with no pause, for its requests per second.

The load generator (asyncio, plain HTTP/1.1 keep-alive) runs on the same two cores as the server and the
database, so the figures are conservative. BENCH_PG_URL=postgres://user@host:port, or `make bench-load`
starts a throw-away cluster."""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
os.environ.setdefault("DIEUHANH_SECRET_KEY", "bench-only-" + "b" * 60)
WEIGHTS = {"inbox": 25, "list": 20, "task": 25, "dashboard": 10, "public": 20}


def build(url: str, tasks: int, petitions: int) -> dict:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name}")
        c.execute(f"CREATE DATABASE {name}")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    import generate
    import public

    call_command("migrate", verbosity=0)
    actors = generate.build(tasks)
    public.build(petitions, prefix="cong-khai")
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    from dieuhanh.core import calendar, periods
    from dieuhanh.tasks.models import Task

    ids = list(Task.objects.order_by("?").values_list("pk", flat=True)[:2000])
    ky = periods.latest_report(calendar.today()).key
    return {"officer": actors["officer_cookie"], "tracker": actors["tracker_cookie"], "task_ids": ids,
            "pages": {"inbox": ["/viec-cua-don-vi/"],
                      "list": [f"/nhiem-vu/?don_vi={actors['filter_unit']}&trang_thai=on_time",
                               "/nhiem-vu/?trang_thai=overdue", "/nhiem-vu/?q=ngan+sach"],
                      "dashboard": [f"/tong-quan/?don_vi={actors['root']}&ky={ky}"],
                      "public": ["/cong-khai/", "/cong-khai/?q=duong+giao+thong", "/cong-khai/?trang=2"]}}


class Client:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, port: int, cookie: str | None):
        self.port, self.cookie, self.reader, self.writer = port, cookie, None, None

    async def get(self, path: str) -> int:
        """As a browser does: a keep-alive connection the server closed meanwhile is opened again once."""
        reused = self.writer is not None
        try:
            return await self._get(path)
        except (OSError, asyncio.IncompleteReadError):
            self.writer = None
            if not reused:
                raise
            return await self._get(path)

    async def _get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        cookie = f"Cookie: sessionid={self.cookie}\r\n" if self.cookie else ""
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{cookie}Connection: keep-alive\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in
                   (line.partition(b":") for line in head.split(b"\r\n")[1:] if line)}
        if b"content-length" in headers:
            await self.reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding") == b"chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        if headers.get(b"connection") == b"close":
            self.writer.close()
            self.writer = None
        return status


async def user(port, data, until, results, rng, pause=True):
    clients = {"officer": Client(port, data["officer"]), "tracker": Client(port, data["tracker"]),
               "anonymous": Client(port, None)}
    kinds, weights = zip(*WEIGHTS.items())
    await asyncio.sleep(rng.random())  # people do not all arrive in the same millisecond
    while time.monotonic() < until:
        kind = rng.choices(kinds, weights)[0]
        if kind == "task":
            path, who = f"/nhiem-vu/{rng.choice(data['task_ids'])}/", "tracker"
        else:
            path = rng.choice(data["pages"][kind])
            who = {"inbox": "officer", "public": "anonymous"}.get(kind, "tracker")
        started = time.monotonic()
        try:
            status = await clients[who].get(path)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            status, clients[who].writer = 0, None
        results.append((kind, status, time.monotonic() - started))
        if pause:
            await asyncio.sleep(rng.uniform(0.5, 1.5))


async def level(port, data, users, seconds, pause=True, only=None):
    results, rng = [], random.Random(users)
    until = time.monotonic() + seconds
    global WEIGHTS
    saved = WEIGHTS
    if only:
        WEIGHTS = {only: 1}
    try:
        await asyncio.gather(*(user(port, data, until, results, random.Random(rng.random()), pause)
                               for _ in range(users)))
    finally:
        WEIGHTS = saved
    return results


def summary(results, seconds) -> dict:
    def pct(values, p):
        return statistics.quantiles(values, n=100)[p - 1] * 1000 if len(values) > 1 else (values[0] * 1000 if values else 0)
    times = [t for _, _, t in results]
    errors = {}
    for kind, status, _ in results:
        if status != 200:
            errors[f"{kind} {status}"] = errors.get(f"{kind} {status}", 0) + 1
    out = {"requests": len(results), "errors": sum(errors.values()), "error_kinds": errors,
           "per_second": len(results) / seconds, "p50_ms": pct(times, 50), "p95_ms": pct(times, 95), "pages": {}}
    for kind in WEIGHTS:
        mine = [t for k, _, t in results if k == kind]
        if mine:
            out["pages"][kind] = {"requests": len(mine), "p50_ms": pct(mine, 50), "p95_ms": pct(mine, 95)}
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", default="50,100,200")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--petitions", type=int, default=20_000)
    parser.add_argument("--reuse", action="store_true",
                        help="the database of the last run, not a new one (to compare changes quickly)")
    args = parser.parse_args()
    url = f"{os.environ['BENCH_PG_URL'].rstrip('/')}/dieuhanh_load"
    started = time.perf_counter()
    saved = OUT / "load-data.json"
    if args.reuse and saved.exists():
        data = json.loads(saved.read_text())
        print("database: the last run's", flush=True)
    else:
        data = build(url, args.tasks, args.petitions)
        OUT.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps(data))
        print(f"database: {args.tasks:,} tasks, {args.petitions:,} answers, built in {time.perf_counter() - started:.0f} s",
              flush=True)
    port = 8800 + os.getpid() % 100
    env = {**os.environ, "DATABASE_URL": url, "DIEUHANH_ALLOWED_HOSTS": "127.0.0.1",
           "DIEUHANH_SESSION_IDLE_MINUTES": "600", "DIEUHANH_LOG_LEVEL": "ERROR"}
    server = subprocess.Popen([sys.executable, "-m", "dieuhanh.cli", "serve", "--bind", f"127.0.0.1:{port}"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = []
    try:
        time.sleep(4)
        asyncio.run(level(port, data, 10, 5))  # warm every worker's caches and connections
        for users in map(int, args.users.split(",")):
            row = {"users": users, **summary(asyncio.run(level(port, data, users, args.seconds)), args.seconds)}
            rows.append(row)
            print(f"{users:>4} users  {row['requests']:>6} requests  {row['errors']} errors {row['error_kinds'] or ''} "
                  f"{row['per_second']:6.1f}/s  "
                  f"p50 {row['p50_ms']:6.1f} ms  p95 {row['p95_ms']:6.1f} ms  — "
                  + ", ".join(f"{k} p95 {v['p95_ms']:.0f} ms" for k, v in row["pages"].items()), flush=True)
        public = summary(asyncio.run(level(port, data, 50, 20, pause=False, only="public")), 20)
        print(f"public page alone, 50 visitors without pause: {public['per_second']:.0f} requests/s, "
              f"{public['errors']} errors, p95 {public['p95_ms']:.1f} ms", flush=True)
    finally:
        server.terminate()
        server.wait()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "load.json").write_text(json.dumps({"levels": rows, "public": public}, indent=1))


if __name__ == "__main__":
    main()
