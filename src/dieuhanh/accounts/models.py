"""What the sign-in needs beyond Django's user: whether the password must be changed before use, and
the sessions a user has open (so that "sign out everywhere" can end them). Users and groups keep a
history of every change, like the business data."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from simple_history import register


class Account(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="account")
    # A demo password, or one an administrator typed for the user: changed before the first use.
    must_change_password = models.BooleanField("phải đổi mật khẩu", default=False)
    password_changed_at = models.DateTimeField("đổi mật khẩu lần cuối", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "trạng thái tài khoản"


class SignedInSession(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "phiên đăng nhập"


register(get_user_model(), app=__package__, excluded_fields=["password", "last_login"], m2m_fields=["groups"],
         table_name="accounts_historicaluser")
register(Group, app=__package__, m2m_fields=["permissions"], table_name="accounts_historicalgroup")
