"""Signing in: the password page, then the code page for a user with an authenticator app
(``web.second_factor`` keeps the sign-in waiting in between). The rules (who must use two
factors, checking a code, the limit on failed attempts) are ``accounts.twofactor``'s."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from missiemonitor.accounts.backends import client_address
from missiemonitor.accounts.devices import BackupCodeDevice
from missiemonitor.accounts.twofactor import (
    TwoFactorError,
    sign_in_code_check,
    two_factor_enabled,
    two_factor_required,
)
from missiemonitor.web import second_factor
from missiemonitor.web.forms.account import CodeForm
from missiemonitor.web.pages import render_page

DEMO_USERNAME = "demo"


class SignInView(LoginView):
    """The password step. A user with an authenticator app goes on to the code page without
    being signed in yet; a user who must use two factors and has none is signed in and sent
    to the set-up page (where ``SecondFactorMiddleware`` keeps them)."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if two_factor_enabled(user):
            second_factor.pending_begin(self.request, user=user, backend=user.backend,
                                        next_url=self.get_success_url())
            return redirect("signin_code")
        second_factor.pending_clear(self.request)
        response = super().form_valid(form)
        if two_factor_required(user):
            return redirect("two_factor_setup")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The demo account signs in with its password alone; say so, in demo mode only.
        context["demo_username"] = DEMO_USERNAME if settings.MM_ENV == "demo" else ""
        return context


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def signin_code(request: HttpRequest) -> HttpResponse:
    """The code step: for a sign-in waiting after its password, or for a signed-in session
    that has not given its code (for instance one opened through the admin's sign-in form)."""
    waiting = second_factor.pending_get(request)
    if waiting is not None:
        user, entry = waiting
    elif request.user.is_authenticated and second_factor.session_state(request.user) == second_factor.VERIFY:
        user, entry = request.user, None
    elif request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    else:
        return redirect("login")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                device = sign_in_code_check(user=user, code=form.cleaned_data["code"],
                                            address=client_address(request))
            except TwoFactorError as exc:
                form.add_error("code", exc.message)
            else:
                return _signed_in(request, user, entry, device)
    return render_page(request, "registration/signin_code.html",
                       {"form": form, "waiting_user": user}, status=status)


def _signed_in(request: HttpRequest, user, entry, device) -> HttpResponse:
    next_url = settings.LOGIN_REDIRECT_URL
    if entry is not None:
        second_factor.pending_clear(request)
        auth_login(request, user, backend=entry["backend"])
        next_url = entry.get("next") or next_url
    otp_login(request, device)
    if isinstance(device, BackupCodeDevice):
        left = device.remaining()
        messages.warning(request, ngettext(
            "You signed in with a backup code; %(count)d is left. Make new ones on your account page.",
            "You signed in with a backup code; %(count)d are left. Make new ones on your account page.",
            left) % {"count": left})
    return redirect(next_url)
