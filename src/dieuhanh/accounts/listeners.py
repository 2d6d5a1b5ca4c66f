from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from dieuhanh.accounts import services


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        services.signed_in(request, user)
