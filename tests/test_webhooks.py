"""Webhooks (issue 18, item 3): events become signed posts to an office's endpoint, after commit, retried with a
growing delay while it is down, each attempt logged with its response code, never posted again once answered."""

import hashlib
import hmac
import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.utils import timezone

from dieuhanh.api import webhooks
from dieuhanh.api.models import Delivery, Subscription
from dieuhanh.org.models import Role
from dieuhanh.tasks import services as task_services

pytestmark = pytest.mark.django_db


class Endpoint:
    """A local HTTP endpoint that records what it is sent and answers `status` (None: the connection is cut)."""

    def __init__(self):
        self.status, self.received = 200, []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                payload = self.rfile.read(int(self.headers["Content-Length"]))
                endpoint.received.append((dict(self.headers), payload))
                self.send_response(endpoint.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/su-kien"


@pytest.fixture
def endpoint():
    served = Endpoint()
    yield served
    served.server.shutdown()


def _subscribe(province, url, kinds=(), unit=None):
    return Subscription.objects.create(name="Hệ thống nq57", url=url, kinds=list(kinds), owner=province.tracker,
                                       unit=unit or province.root, role=Role.TRACKER)


def test_an_event_is_posted_signed_once_its_transaction_commits(province, endpoint, django_capture_on_commit_callbacks):
    subscription = _subscribe(province, endpoint.url, kinds=["assigned"])
    with django_capture_on_commit_callbacks(execute=True):
        task = province.task("Tổng kết công tác dân vận", deadline=date(2099, 1, 1))
    assert endpoint.received == []  # nothing posted inside the request
    assert webhooks.send_due() == 1
    [(headers, payload)] = endpoint.received
    body = json.loads(payload)
    assert body["kind"] == "assigned" and body["target"] == {"type": "task", "id": task.pk}
    assert body["link"].endswith(f"/nhiem-vu/{task.pk}/")
    expected = hmac.new(subscription.secret.encode(), headers["X-Dieuhanh-Timestamp"].encode() + b"." + payload,
                        hashlib.sha256).hexdigest()
    assert headers["X-Dieuhanh-Signature"] == f"sha256={expected}"
    delivery = Delivery.objects.get()
    assert delivery.state == Delivery.State.DELIVERED and delivery.last_status == 200 and delivery.attempts == 1
    assert webhooks.send_due() == 0 and len(endpoint.received) == 1  # never twice


def test_a_dead_endpoint_is_retried_later_and_then_given_up(province, endpoint, django_capture_on_commit_callbacks,
                                                            settings):
    settings.DIEUHANH_WEBHOOK_ATTEMPTS = 3
    _subscribe(province, endpoint.url)
    endpoint.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        province.task("Rà soát quy hoạch", deadline=date(2099, 1, 1))
    assert webhooks.send_due() == 0
    delivery = Delivery.objects.get()
    assert delivery.state == Delivery.State.PENDING and delivery.last_status == 503
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=20)
    assert webhooks.send_due() == 0 and len(endpoint.received) == 1  # not before its time
    later = timezone.now() + timedelta(hours=1)
    for _ in range(2):
        webhooks.send_due(now=later)
        later += timedelta(hours=7)
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.FAILED and delivery.attempts == 3
    assert [a["status"] for a in delivery.log] == [503, 503, 503]  # each attempt kept with its code
    endpoint.status = 200
    webhooks.replay(Delivery.objects.all())  # the admin's "Gửi lại"
    assert webhooks.send_due() == 1
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.DELIVERED


def test_an_unreachable_address_is_logged_not_raised(province, django_capture_on_commit_callbacks):
    _subscribe(province, "http://127.0.0.1:9/khong-co")
    with django_capture_on_commit_callbacks(execute=True):
        province.task("Rà soát quy hoạch", deadline=date(2099, 1, 1))
    webhooks.send_due()
    delivery = Delivery.objects.get()
    assert delivery.last_status is None and delivery.last_error and delivery.state == Delivery.State.PENDING


def test_only_chosen_kinds_within_the_subscriptions_scope_are_sent(province, endpoint,
                                                                   django_capture_on_commit_callbacks):
    _subscribe(province, endpoint.url, kinds=["accepted"], unit=province.btc)
    with django_capture_on_commit_callbacks(execute=True):
        inside = province.task("Việc của Ban Tổ chức", deadline=date(2099, 1, 1))
        outside = province.task("Việc của Sở Nội vụ", lead=province.snv, deadline=date(2099, 1, 1))
        for task in (inside, outside):
            lead = province.lead_officer if task is inside else province.coord_officer
            task_services.request_completion(lead, task, note="Xong")
            task_services.accept_completion(province.tracker, task)
    events = {d.event.target_id for d in Delivery.objects.select_related("event")}
    assert events == {inside.pk}  # "assigned" not chosen; Sở Nội vụ's task outside the Ban Tổ chức scope


def test_a_burst_of_events_with_the_endpoint_down_then_up_arrives_once_each(province, endpoint,
                                                                          django_capture_on_commit_callbacks):
    """The burst `make bench-webhooks` sends with 1,000 events, at test size: none lost, none twice."""
    _subscribe(province, endpoint.url, kinds=["progress"])
    task = province.task("Báo cáo định kỳ", deadline=date(2099, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(60):
            task_services.report_progress(province.lead_officer, task, percent=i % 100, text=f"Lần {i}")
    endpoint.status = 500
    webhooks.send_due(limit=1000)
    endpoint.status = 200
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=1)):
        webhooks.send_due(limit=1000)
    ids = [h["X-Dieuhanh-Delivery"] for h, _ in endpoint.received[60:]]
    assert len(ids) == len(set(ids)) == 60
    assert Delivery.objects.filter(state=Delivery.State.DELIVERED).count() == 60


def test_a_burst_of_events_wakes_one_sending_job_not_one_each(province, endpoint, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    _subscribe(province, endpoint.url, kinds=["progress"])
    task = province.task("Báo cáo định kỳ", deadline=date(2099, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(30):
            task_services.report_progress(province.lead_officer, task, percent=i, text=f"Lần {i}")
    jobs = DBTaskResult.objects.filter(task_path__endswith="send_due_job")
    assert Delivery.objects.count() == 30 and 1 <= jobs.count() <= 2  # one a second at most
    webhooks.send_due_job.call()  # the job itself, as the worker runs it: batch after batch until none is due
    assert Delivery.objects.filter(state=Delivery.State.DELIVERED).count() == 30 and len(endpoint.received) == 30
    later = timezone.now() + timedelta(minutes=10)
    assert webhooks.wake(later) and not webhooks.wake(later)  # a retry time is woken once
