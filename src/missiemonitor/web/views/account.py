"""The own account page (two-factor sign-in, backup codes, API tokens), the set-up of an
authenticator app, and what an administrator does about another user's second factor and
tokens from the user page. The rules are the services' (``accounts.twofactor``,
``accounts.tokens``); these views only translate their outcomes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from missiemonitor.accounts import selectors, services
from missiemonitor.accounts.models import ApiToken, User
from missiemonitor.accounts.tokens import token_create, token_revoke_as, tokens_of
from missiemonitor.accounts.twofactor import (
    TwoFactorError,
    backup_codes_regenerate,
    totp_secret_text,
    totp_setup_begin,
    totp_setup_confirm,
    two_factor_disable,
    two_factor_reset,
    two_factor_status,
)
from missiemonitor.web.forms.account import CodeForm, SetupCodeForm, TokenForm
from missiemonitor.web.pages import render_page
from missiemonitor.web.qr import qr_svg


def _account_context(request: HttpRequest, **extra) -> dict:
    user = request.user
    return {"status": two_factor_status(user=user), "tokens": list(tokens_of(user=user)),
            "token_form": TokenForm(), "disable_form": CodeForm(auto_id="disable_%s"), **extra}


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own account: second factor and API tokens."""
    return render_page(request, "account/account.html", _account_context(request))


@never_cache
@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: its secret as a QR code and as text, then a code from it.
    On success the backup codes are shown, this once."""
    user = request.user
    form = SetupCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                device, codes = totp_setup_confirm(user=user, code=form.cleaned_data["code"])
            except TwoFactorError as exc:
                form.add_error("code", exc.message)
            else:
                otp_login(request, device)
                return _backup_codes_page(request, codes, first=True)
    device = totp_setup_begin(user=user)
    context = {
        "form": form,
        "status": two_factor_status(user=user),
        "secret": totp_secret_text(device),
        "issuer": settings.OTP_TOTP_ISSUER,
        "qr": qr_svg(device.config_url, ident="totp-qr",
                     title=_("QR code to add Missiemonitor to your authenticator app")),
    }
    return render_page(request, "account/setup.html", context, status=status)


def _backup_codes_page(request: HttpRequest, codes: list[str], *, first: bool) -> HttpResponse:
    response = render_page(request, "account/backup_codes.html", {"codes": codes, "first": first})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def backup_codes_new(request: HttpRequest) -> HttpResponse:
    try:
        codes = backup_codes_regenerate(user=request.user)
    except TwoFactorError as exc:
        messages.error(request, exc.message)
        return redirect("account")
    return _backup_codes_page(request, codes, first=False)


@login_required
@sensitive_post_parameters("code")
@require_POST
def two_factor_off(request: HttpRequest) -> HttpResponse:
    """Switch two-factor sign-in off, for a user who may, with a current code."""
    form = CodeForm(request.POST, auto_id="disable_%s")
    if form.is_valid():
        try:
            two_factor_disable(user=request.user, code=form.cleaned_data["code"])
        except TwoFactorError as exc:
            form.add_error("code", exc.message)
        else:
            messages.success(request, _("Two-factor sign-in is off. You sign in with your password alone."))
            return redirect("account")
    return render_page(request, "account/account.html", _account_context(request, disable_form=form),
                       status=400)


@never_cache
@login_required
@require_POST
def api_token_new(request: HttpRequest) -> HttpResponse:
    """Create an API token for oneself; its text is shown on this answer only."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        return render_page(request, "account/account.html", _account_context(request, token_form=form),
                           status=400)
    token, text = token_create(user=request.user, name=form.cleaned_data["name"],
                               days=form.cleaned_data["days"], scope=form.cleaned_data["scope"])
    response = render_page(request, "account/token_created.html", {"token": token, "text": text})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    try:
        token = token_revoke_as(actor=request.user, owner=request.user, prefix=prefix)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Token %(name)s is revoked.") % {"name": token.name})
    return redirect("account")


# --- An administrator, on the page of another user ---------------------------------------------

def _managed(request: HttpRequest, username: str) -> User:
    if not services.user_can_manage(request.user):
        raise PermissionDenied
    try:
        return selectors.user_get(actor=request.user, username=username)
    except User.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def user_two_factor_reset(request: HttpRequest, username: str) -> HttpResponse:
    """Remove a user's authenticator app and backup codes (a lost phone)."""
    user = _managed(request, username)
    try:
        two_factor_reset(actor=request.user, user=user)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You cannot change this user."))
    else:
        messages.success(request, _("The second factor of %(name)s is removed; they set up a new "
                                    "authenticator app when they next sign in.") % {"name": user.username})
    return redirect("user_edit", username=user.username)


@login_required
@require_POST
def user_token_revoke(request: HttpRequest, username: str, prefix: str) -> HttpResponse:
    user = _managed(request, username)
    try:
        token = token_revoke_as(actor=request.user, owner=user, prefix=prefix)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You cannot change this user."))
    else:
        messages.success(request, _("Token %(name)s is revoked.") % {"name": token.name})
    return redirect("user_edit", username=user.username)
