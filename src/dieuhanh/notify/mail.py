"""E-mail for reminders: one mail per reminder or one digest a day, per the person's preference,
written to the outbox and sent by `send_pending` (HTML and text, Vietnamese)."""

import smtplib
from datetime import date, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification, OutgoingMail, Preference

MAX_ATTEMPTS = 8


def preference(user) -> str:
    pref = Preference.objects.filter(user=user).first()
    return pref.mail if pref else Preference.Mail.DIGEST


def _queue(key: str, to: str, subject: str, items: list[Notification]) -> OutgoingMail | None:
    context = {"items": items, "subject": subject}
    try:
        with transaction.atomic():
            return OutgoingMail.objects.create(
                key=key, to=to, subject=subject, text=render_to_string("notify/mail.txt", context),
                html=render_to_string("notify/mail.html", context), next_try_at=timezone.now())
    except IntegrityError:
        return None  # already queued: nothing twice


def queue_each(notifications: list[Notification], subject: str = "Đôn đốc thực hiện nhiệm vụ") -> int:
    """Right after a reminder or an event, for the people who want one mail each."""
    queued = 0
    for n in notifications:
        if n.user.email and preference(n.user) == Preference.Mail.EACH:
            queued += _queue(f"n{n.pk}", n.user.email, f"[Điều hành] {subject}", [n]) is not None
            Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
    return queued


def queue_digests(day: date) -> int:
    """One mail per person with the day's notifications not yet mailed."""
    pending = (Notification.objects.filter(emailed_at__isnull=True, user__is_active=True)
               .exclude(user__email="").select_related("user", "task").order_by("user_id", "created_at"))
    by_user = {}
    for n in pending:
        by_user.setdefault(n.user, []).append(n)
    queued = 0
    for user, items in by_user.items():
        if preference(user) != Preference.Mail.DIGEST:
            continue
        subject = f"[Điều hành] {len(items)} thông báo ngày {day:%d/%m/%Y}"
        queued += _queue(f"digest-{user.pk}-{day.isoformat()}", user.email, subject, items) is not None
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
    return queued


def send_pending(now=None) -> int:
    """Send what is due; a refused address fails for good, a server that is down is tried again
    later (1, 2, 4 … minutes), so nothing is lost while the mail server is away."""
    now = now or timezone.now()
    sent = 0
    for mail in OutgoingMail.objects.filter(state=OutgoingMail.State.PENDING, next_try_at__lte=now).order_by("id"):
        # Claim it: another worker sending the outbox at the same moment skips it.
        if not OutgoingMail.objects.filter(pk=mail.pk, state=OutgoingMail.State.PENDING,
                                           attempts=mail.attempts).update(attempts=mail.attempts + 1):
            continue
        message = EmailMultiAlternatives(mail.subject, mail.text, to=[mail.to])
        message.attach_alternative(mail.html, "text/html")
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as error:
            OutgoingMail.objects.filter(pk=mail.pk).update(state=OutgoingMail.State.FAILED, last_error=str(error))
        except (OSError, smtplib.SMTPException) as error:
            attempts = mail.attempts + 1
            OutgoingMail.objects.filter(pk=mail.pk).update(
                last_error=str(error)[:1000], next_try_at=now + timedelta(minutes=2 ** min(attempts - 1, 10)),
                state=OutgoingMail.State.FAILED if attempts >= MAX_ATTEMPTS else OutgoingMail.State.PENDING)
        else:
            OutgoingMail.objects.filter(pk=mail.pk).update(state=OutgoingMail.State.SENT, sent_at=timezone.now())
            sent += 1
    return sent
