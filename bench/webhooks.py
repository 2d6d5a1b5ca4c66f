"""`make bench-webhooks`: a burst of 1,000 events for a subscribed endpoint that is down (connection refused,
then HTTP 503) and then up; every event must arrive exactly once. Prints the time the requests that caused the
events took with and without the subscription (a dead endpoint must not slow them) and the delivery figures.

On SQLite, or on PostgreSQL when BENCH_PG_URL is set."""

import json
import os
import statistics
import sys
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DIEUHANH_SECRET_KEY", "bench-only-" + "b" * 60)
EVENTS = 1000


class Endpoint:
    def __init__(self):
        self.status, self.received = 503, []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                endpoint.received.append((self.headers["X-Dieuhanh-Delivery"], endpoint.status))
                self.send_response(endpoint.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.server.server_close()  # down: nothing listens on the port yet

    def up(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), self.server.RequestHandlerClass)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def main():
    sys.path.insert(0, str(ROOT / "bench"))
    from run import OUT, django_on, fresh_pg_database

    OUT.mkdir(parents=True, exist_ok=True)
    if os.environ.get("BENCH_PG_URL"):
        url = fresh_pg_database("dieuhanh_bench_webhooks")
    else:
        (OUT / "bench-webhooks.sqlite3").unlink(missing_ok=True)
        url = f"sqlite:///{OUT / 'bench-webhooks.sqlite3'}"
    django_on(url)
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from dieuhanh.api import webhooks
    from dieuhanh.api.models import Delivery, Subscription
    from dieuhanh.org.models import Membership, Role, Unit
    from dieuhanh.tasks.services import TaskDraft, assign_tasks, report_progress

    User = get_user_model()
    root = Unit.objects.create(code="wh-tu", name="Tỉnh ủy", kind=Unit.Kind.PARTY_COMMITTEE)
    board = Unit.objects.create(code="wh-btc", name="Ban Tổ chức", kind=Unit.Kind.PARTY_BOARD, parent=root)
    tracker, officer = User.objects.create_user("wh.tracker"), User.objects.create_user("wh.officer")
    Membership.objects.create(user=tracker, unit=root, role=Role.TRACKER)
    Membership.objects.create(user=officer, unit=board, role=Role.OFFICER)
    [task] = assign_tasks(tracker, assigned_by=root, issued_on=date.today(),
                          drafts=[TaskDraft("Báo cáo định kỳ", board, deadline=date.today() + timedelta(days=300))])

    def reports(n):
        times = []
        for i in range(n):
            started = time.perf_counter()
            with transaction.atomic():
                report_progress(officer, task, percent=i % 100, text=f"Báo cáo lần {i}")
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    without = reports(100)
    endpoint = Endpoint()
    Subscription.objects.create(name="bench", url=f"http://127.0.0.1:{endpoint.port}/", kinds=["progress"],
                                owner=tracker, unit=root, role=Role.TRACKER)
    with_dead = reports(EVENTS)  # each enqueues the worker's job (not running here: run below by hand)
    assert Delivery.objects.count() == EVENTS, Delivery.objects.count()
    webhooks.send_due(limit=EVENTS)  # down: connection refused
    endpoint.up()
    endpoint.status = 503
    later = timezone.now() + timedelta(minutes=2)
    webhooks.send_due(now=later, limit=EVENTS)  # up, but answering 503
    endpoint.status = 200
    started = time.perf_counter()
    rounds = 0
    while Delivery.objects.filter(state=Delivery.State.PENDING).exists():
        later += timedelta(hours=1)
        webhooks.send_due(now=later, limit=EVENTS)
        rounds += 1
    send_s = time.perf_counter() - started
    delivered = [d for d, status in endpoint.received if status == 200]
    result = {"backend": connection.vendor, "events": EVENTS, "deliveries": Delivery.objects.count(),
              "delivered": Delivery.objects.filter(state=Delivery.State.DELIVERED).count(),
              "received_ok": len(delivered), "distinct_ok": len(set(delivered)),
              "refused_or_503": len(endpoint.received) - len(delivered), "rounds_after_up": rounds,
              "send_s": round(send_s, 2), "report_ms_without": round(without, 2),
              "report_ms_with_dead_endpoint": round(with_dead, 2)}
    print(json.dumps(result, ensure_ascii=False))
    if not (result["delivered"] == result["received_ok"] == result["distinct_ok"] == EVENTS):
        raise SystemExit("lost or duplicated deliveries")


if __name__ == "__main__":
    main()
