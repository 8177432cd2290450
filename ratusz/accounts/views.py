"""Enrolment and verification of the second factor (TOTP, recovery codes)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token

from . import twofactor
from .forms import TokenForm


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return "/admin/"
    return target


def enrol(request):
    user = request.user
    if twofactor.has_confirmed_device(user):
        # A stolen password must not be enough to add an attacker's device.
        return redirect("ratusz_2fa_verify")
    device = twofactor.pending_totp(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = twofactor.new_recovery_codes(user)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("token", _("Kod jest nieprawidłowy albo wygasł. Wpisz aktualny kod."))
    context = {
        "form": form,
        "secret": twofactor.secret_of(device),
        "qr": twofactor.qr_svg(device, _("Kod QR do aplikacji uwierzytelniającej")),
        "next": _next_url(request),
    }
    return render(request, "accounts/enrol.html", context, status=400 if form.errors else 200)


def verify(request):
    user = request.user
    if not twofactor.has_confirmed_device(user):
        return redirect("ratusz_2fa_enrol")
    if user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if device.__class__.__name__ == "StaticDevice":
                left = device.token_set.count()
                messages.warning(
                    request,
                    _("Użyto kodu zapasowego. Pozostało kodów: %(left)d.") % {"left": left},
                )
            return redirect(_next_url(request))
        form.add_error("token", _("Kod jest nieprawidłowy. Spróbuj ponownie."))
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


def confirm(request):
    """Enter the current second factor again before changing the factors
    themselves: a session left open or stolen must not replace the codes or
    remove a device (twofactor.CONFIRM_SECONDS)."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            twofactor.mark_confirmed(request.session)
            return redirect(_next_url(request))
        form.add_error("token", _("Kod jest nieprawidłowy. Spróbuj ponownie."))
    return render(
        request,
        "accounts/confirm.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


def recovery_codes(request):
    """A verified user may print a fresh set (the old ones stop working)
    after entering the current second factor again."""
    if not twofactor.recently_confirmed(request.session):
        return redirect_to_confirm(request, reverse("ratusz_2fa_codes"))
    if request.method != "POST":
        return render(request, "accounts/new_codes.html")
    codes = twofactor.new_recovery_codes(request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/admin/"})


def redirect_to_confirm(request, next_path):
    return redirect(reverse("ratusz_2fa_confirm") + "?" + urlencode({"next": next_path}))
