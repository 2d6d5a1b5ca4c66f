from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from dieuhanh.accounts import policy, services
from dieuhanh.audit.models import Action, AuditEntry
from dieuhanh.core.feedback import fail
from dieuhanh.core.net import same_site


def account(request):
    return render(request, "accounts/account.html", {
        "two_factor": user_has_device(request.user),
        "two_factor_required": policy.needs_two_factor(request.user),
        "sign_ins": AuditEntry.objects.filter(user=request.user, action__in=[Action.LOGIN, Action.LOGIN_FAILED])[:10],
    })


def two_factor_setup(request):
    codes = None
    if request.method == "POST":
        try:
            codes = services.confirm_totp(request, request.POST.get("ma", ""))
        except ValidationError as error:
            fail(request, error)
    if codes is not None:
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "first": True})
    device = services.pending_totp(request.user)
    qr = segno.make(device.config_url, error="m")
    return render(request, "accounts/two_factor_setup.html", {
        "qr_svg": qr.svg_inline(scale=4, dark="#1d2430"), "secret": _grouped(device.key),
        "required": policy.needs_two_factor(request.user),
    })


def two_factor_verify(request):
    target = same_site(request, request.POST.get("next") or request.GET.get("next"), reverse_lazy("inbox"))
    if request.method == "POST":
        try:
            services.verify(request, request.POST.get("ma", ""))
        except ValidationError as error:
            fail(request, error)
        else:
            return redirect(target)
    return render(request, "accounts/two_factor_verify.html", {"next": target})


@require_POST
def recovery_codes(request):
    return render(request, "accounts/recovery_codes.html", {"codes": services.regenerate_recovery_codes(request)})


@require_POST
def two_factor_disable(request):
    try:
        services.disable_two_factor(request)
    except ValidationError as error:
        fail(request, error)
    else:
        messages.success(request, "Đã tắt xác thực hai lớp.")
    return redirect("account")


@require_POST
def end_sessions(request):
    ended = services.end_sessions(request.user, keep=request.session.session_key, request=request)
    messages.success(request, f"Đã đăng xuất {ended} phiên khác của bạn.")
    return redirect("account")


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(self.request, form.user)
        messages.success(self.request, "Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc.")
        return response


def _grouped(key_hex: str) -> str:
    """The TOTP secret as authenticator apps take it by hand: base32, in groups of four."""
    secret = b32encode(bytes.fromhex(key_hex)).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


class PasswordReset(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_mail.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        services.reset_requested(self.request, form.cleaned_data["email"])
        return super().form_valid(form)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_reset(self.request, form.user)
        return response
