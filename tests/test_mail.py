"""Reminder mail through a real SMTP server started by the test: one digest a day or one mail per
reminder, HTML and text; a server that is down delays mail without losing or doubling it; a
refused address fails for good. The scheduler's next 07:00."""

import socket
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from dieuhanh.notify import mail, services
from dieuhanh.notify.management.commands.scheduler import next_daily
from dieuhanh.notify.models import OutgoingMail, Preference


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    port = _free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    yield controller, inbox
    try:
        controller.stop()
    except AssertionError:
        pass  # already stopped by the test


def _people(province):
    province.lead_officer.email = "bantochuc@example.vn"
    province.lead_officer.save()
    province.btc_leader.email = "truongban@example.vn"
    province.btc_leader.save()
    Preference.objects.create(user=province.btc_leader, mail=Preference.Mail.EACH)


def test_a_digest_and_a_mail_each_reach_the_server_once(province, smtp):
    controller, inbox = smtp
    controller.start()
    _people(province)
    task = province.task("Báo cáo quý", deadline=date(2099, 1, 5))
    services.remind(province.tracker, task, "Đề nghị gửi báo cáo")
    services.remind(province.tracker, task, "Nhắc lần hai")
    mail.queue_digests(date(2026, 11, 23))
    mail.queue_digests(date(2026, 11, 23))  # a rerun queues nothing
    assert mail.send_pending() == 3 and mail.send_pending() == 0
    by_to = {}
    for m in inbox.messages:
        by_to.setdefault(m["To"], []).append(m)
    assert len(by_to["truongban@example.vn"]) == 2  # one per reminder, by preference
    [digest] = by_to["bantochuc@example.vn"]
    subject = str(make_header(decode_header(digest["Subject"])))
    assert subject == "[Điều hành] 2 thông báo ngày 23/11/2026"
    parts = {p.get_content_type(): p.get_payload(decode=True).decode() for p in digest.walk()
             if p.get_content_type() in ("text/plain", "text/html")}
    assert "Đề nghị gửi báo cáo" in parts["text/plain"] and "<li" in parts["text/html"]


def test_mail_waits_while_the_server_is_down_and_goes_when_it_returns(province, smtp):
    controller, inbox = smtp
    _people(province)
    task = province.task("Báo cáo tháng", deadline=date(2099, 1, 5))
    services.remind(province.tracker, task, "Khẩn trương")
    assert mail.send_pending() == 0  # nobody listening
    waiting = OutgoingMail.objects.get()
    assert (waiting.state, waiting.attempts) == ("pending", 1) and waiting.next_try_at > datetime.now(dt_timezone.utc)
    controller.start()
    assert mail.send_pending() == 0  # not yet due
    assert mail.send_pending(now=waiting.next_try_at + timedelta(seconds=1)) == 1
    assert len(inbox.messages) == 1 and OutgoingMail.objects.get().state == "sent"


def test_a_refused_address_fails_without_blocking_the_rest(province, smtp):
    controller, inbox = smtp
    controller.start()
    _people(province)
    province.btc_leader.email = "bounce@example.vn"
    province.btc_leader.save()
    services.remind(province.tracker, province.task("Việc A", deadline=date(2099, 1, 5)), "Nhắc")
    mail.queue_digests(date(2026, 11, 23))
    mail.send_pending()
    states = dict(OutgoingMail.objects.values_list("to", "state"))
    assert states == {"bounce@example.vn": "failed", "bantochuc@example.vn": "sent"}


def test_the_scheduler_runs_the_daily_job_at_seven_in_vietnam():
    assert next_daily(datetime(2026, 11, 23, 0, 30, tzinfo=dt_timezone.utc)) == datetime(
        2026, 11, 24, 0, 0, tzinfo=dt_timezone.utc)  # 07:30 in Hà Nội: tomorrow 07:00
    assert next_daily(datetime(2026, 11, 22, 23, 0, tzinfo=dt_timezone.utc)) == datetime(
        2026, 11, 23, 0, 0, tzinfo=dt_timezone.utc)  # 06:00 in Hà Nội: today 07:00


def test_a_failed_daily_job_is_enqueued_again_later(db, monkeypatch, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from dieuhanh.notify import jobs

    monkeypatch.setattr(jobs, "daily_work", lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        jobs.daily_job.call(0)
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["args"] == [1] and retry.run_after > datetime.now(dt_timezone.utc)
