"""What the audit log hears without being called: sign-ins and their failures, lockouts, refusals,
changes of roles and groups, and every change saved through the admin."""

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from dieuhanh.audit.log import record, refused
from dieuhanh.audit.models import Action
from dieuhanh.core import errors


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, request, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(Action.LOGIN_FAILED, request, username=str(credentials.get("username", ""))[:150])


@receiver(errors.refused)
def _refused(sender, message, **kwargs):
    refused(message)


@receiver(post_save, sender=LogEntry)
def _admin_change(sender, instance, created, **kwargs):
    if created:
        record(Action.ADMIN_CHANGE, user=instance.user,
               target=f"{instance.content_type} #{instance.object_id}: {instance.object_repr}",
               detail=f"{instance.get_action_flag_display()} {instance.get_change_message()}")


@receiver(m2m_changed, sender=get_user_model().groups.through)
def _groups_changed(sender, instance, action, pk_set, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        if isinstance(instance, Group):
            target, names = f"nhóm {instance.name}", f"người dùng {sorted(pk_set or [])}"
        else:
            target = f"người dùng {instance}"
            names = ", ".join(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
        verb = {"post_add": "thêm", "post_remove": "bỏ", "post_clear": "bỏ hết"}[action]
        record(Action.ROLE_CHANGED, target=target, detail=f"{verb} nhóm: {names}")


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(Action.LOCKED_OUT, request, username=username or "", detail=f"địa chỉ {ip_address}")


@receiver(post_delete, sender=AccessAttempt)
def _unlocked(sender, instance, **kwargs):
    if instance.failures_since_start >= 1:
        record(Action.UNLOCKED, target=f"{instance.username or '—'} từ {instance.ip_address or '—'}",
               detail=f"xóa {instance.failures_since_start} lần đăng nhập sai")
