"""Before a signed-in user works: the idle expiry moves forward (at most once a minute), the session has
not outlived its absolute lifetime, the second factor is entered (or set up, where it is required), and a demo or administrator-typed password is changed."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from dieuhanh.accounts.services import CHANGE_PASSWORD, SECOND_FACTOR, SIGNED_IN_AT

# When the session was last saved: an older save is renewed, which pushes its idle expiry forward.
SEEN_AT = "dieuhanh_seen_at"
TOUCH_SECONDS = 60

# Pages a user may open while a step is pending: the step itself and signing out.
ALLOWED = {"logout", "two_factor_setup", "two_factor_verify", "password_change"}


class AccountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        session = request.session
        now = time.time()
        if now - session.get(SEEN_AT, 0) >= TOUCH_SECONDS:
            session[SEEN_AT] = now  # saved at the end of the request, with a new idle expiry and cookie
        started = session.get(SIGNED_IN_AT)
        if started is None:
            session[SIGNED_IN_AT] = time.time()
        elif now - started > settings.DIEUHANH_SESSION_MAX_HOURS * 3600:
            logout(request)
            messages.info(request, f"Phiên làm việc đã quá {settings.DIEUHANH_SESSION_MAX_HOURS} giờ; "
                                   "vui lòng đăng nhập lại.")
            return redirect(f"{reverse('login')}?next={request.path}")
        name = request.resolver_match.url_name if request.resolver_match else None
        if name in ALLOWED or request.resolver_match is None:
            return None
        step = session.get(SECOND_FACTOR)
        if step == "verify":
            return redirect(f"{reverse('two_factor_verify')}?next={request.path}")
        if step == "setup":
            return redirect("two_factor_setup")
        if session.get(CHANGE_PASSWORD):
            messages.warning(request, "Bạn cần đặt mật khẩu mới trước khi làm việc.")
            return redirect("password_change")
        return None
