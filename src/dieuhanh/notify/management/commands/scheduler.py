"""Enqueues the daily job at 07:00 Asia/Ho_Chi_Minh and the outbox every few minutes; the workers
(`dieuhanh worker`, one or several) do the work, so the scheduler itself never sends anything."""

import time
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from dieuhanh.core.calendar import VN_TZ
from dieuhanh.notify.jobs import daily_job, send_mail_job
from dieuhanh.workers.reaper import reap

DAILY_AT = (7, 0)
MAIL_EVERY = timedelta(minutes=5)


def next_daily(now: datetime) -> datetime:
    """The next 07:00 in Vietnam after `now`."""
    local = now.astimezone(VN_TZ)
    run = local.replace(hour=DAILY_AT[0], minute=DAILY_AT[1], second=0, microsecond=0)
    return run if run > local else run + timedelta(days=1)


class Command(BaseCommand):
    help = "Lịch chạy: công việc hằng ngày lúc 07:00 (giờ Việt Nam), gửi thư đang chờ mỗi 5 phút."

    def handle(self, *args, **options):
        daily_at = next_daily(timezone.now())
        mail_at = timezone.now()
        while True:
            now = timezone.now()
            if now >= daily_at:
                daily_job.enqueue()
                daily_at = next_daily(now)
            if now >= mail_at:
                send_mail_job.enqueue()
                mail_at = now + MAIL_EVERY
            reap()  # jobs of workers that died: failed or queued again, within a minute
            time.sleep(max(1.0, min((daily_at - now).total_seconds(), (mail_at - now).total_seconds(), 30)))
