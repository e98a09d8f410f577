"""Two-factor sign-in in the pages: the sign-in that waits for its code, and the middleware that
holds back a session still owing its second factor.

Signing in is: the password page, then (for a user with an authenticator app) the code page,
then in. Between the two the user is *not* signed in: the session only remembers who is
waiting (:func:`pending_begin`), for ``MM_2FA_PENDING_SECONDS``. A user who must use two-factor
sign-in (``accounts.twofactor.two_factor_required``) but has no app yet is signed in after the
password and can then reach nothing but the set-up page until the app is confirmed.

:class:`SecondFactorMiddleware` enforces that on every request, for every way a session can
come about (the sign-in page, the admin's own sign-in form, a session from before the app was
set up, an app reset by an administrator): a signed-in user whom django-otp has not verified in
this session is sent to the code page when they have an app, or to the set-up page when they
must have one; under ``/api/`` the answer is a 403 problem.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from missiemonitor.accounts.models import User
from missiemonitor.accounts.twofactor import two_factor_enabled, two_factor_required

PENDING = "mm_2fa_pending"
OK, VERIFY, ENROL = "ok", "verify", "enrol"
# Pages a session owing its second factor may still open.
ALWAYS = frozenset({"logout", "set_language", "accessibility"})
ALLOWED = {VERIFY: ALWAYS | {"signin_code"}, ENROL: ALWAYS | {"two_factor_setup"}}


def pending_begin(request: HttpRequest, *, user: User, backend: str, next_url: str) -> None:
    """Remember that ``user`` gave the right password and now owes the code."""
    request.session[PENDING] = {"user": user.pk, "backend": backend, "at": time.time(),
                                "next": next_url}


def pending_get(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    """The user waiting to give the code, and the waiting sign-in; ``None`` when nobody is
    waiting, the wait expired or the account was deactivated meanwhile."""
    entry = request.session.get(PENDING)
    if not entry:
        return None
    if time.time() - entry.get("at", 0) > settings.MM_2FA_PENDING_SECONDS:
        pending_clear(request)
        return None
    user = User.objects.filter(pk=entry.get("user"), is_active=True).first()
    if user is None:
        pending_clear(request)
        return None
    return user, entry


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


def session_state(user: Any) -> str:
    """``ok``; ``verify`` (has an app, this session has not given its code) or ``enrol``
    (must have an app and has none)."""
    if not getattr(user, "is_authenticated", False):
        return OK
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return OK
    if two_factor_enabled(user):
        return VERIFY
    if two_factor_required(user):
        return ENROL
    return OK


class SecondFactorMiddleware:
    """After django-otp's ``OTPMiddleware``: a session that owes its second factor reaches only
    the code page or the set-up page (and signing out, the language switch, the accessibility
    statement and static files)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = session_state(request.user)
        if state != OK and not self._allowed(request, state):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"type": "about:blank", "title": _("Not allowed"), "status": 403,
                     "code": "second-factor-needed",
                     "detail": _("Finish signing in with your second factor in the web interface "
                                 "first, or use an API token.")},
                    status=403, content_type="application/problem+json")
            return redirect("signin_code" if state == VERIFY else "two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _allowed(request: HttpRequest, state: str) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return False
        return name in ALLOWED[state]
