"""Who must sign in with a second factor: administrators always, and the roles DIEUHANH_2FA_ROLES names
(e.g. tracker, leader). In demo mode nobody is forced, so `make run` opens at once."""

from django.conf import settings

from dieuhanh.accounts.models import Account


def needs_two_factor(user) -> bool:
    if settings.DIEUHANH_DEMO or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    roles = set(settings.DIEUHANH_2FA_ROLES)
    return bool(roles) and user.memberships.filter(role__in=roles).exists()


def must_change_password(user) -> bool:
    if settings.DIEUHANH_DEMO:
        return False
    return Account.objects.filter(user=user, must_change_password=True).exists()
