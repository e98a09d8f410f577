"""Signing in with a user name and password, with a limit on failed attempts.

After ``MM_LOGIN_MAX_FAILURES`` failed attempts for one user name from one client address,
further attempts for that pair are refused without checking the password until
``MM_LOGIN_LOCKOUT_SECONDS`` have passed since the first failure. This covers every sign-in
that goes through Django's ``authenticate``: the web sign-in page, the admin and the API's
token creation. The second step of a two-factor sign-in (the code) is limited the same way, on
a count of its own (``step="code"``) that a right password does not clear, so knowing the
password buys no extra guesses at the code (accounts/twofactor.py). The counts live in the
cache; deployments with several processes need a shared cache (see docs/configuration.md). The client address is read as the API's throttles
read it, trusting ``X-Forwarded-For`` only as many hops deep as ``MM_NUM_PROXIES`` says.
"""

from __future__ import annotations

import hashlib
import math
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext


def client_address(request: Any) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``MM_NUM_PROXIES`` proxies the address
    that many entries from the right of ``X-Forwarded-For`` (as Django REST framework does)."""
    meta = getattr(request, "META", {})
    remote = meta.get("REMOTE_ADDR", "")
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    proxies = settings.MM_NUM_PROXIES
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return remote


def _cache_key(username: str, address: str, step: str = "password") -> str:
    digest = hashlib.sha256(f"{username.casefold()}\n{address}".encode()).hexdigest()
    return f"mm-login-failures:{digest}" if step == "password" else f"mm-login-failures:{step}:{digest}"


def login_lockout_remaining(*, username: str, address: str, step: str = "password") -> int:
    """Seconds until ``username`` may try again from ``address``; 0 when they may now."""
    entry = cache.get(_cache_key(username, address, step))
    if not entry or entry["count"] < settings.MM_LOGIN_MAX_FAILURES:
        return 0
    return max(0, math.ceil(entry["until"] - time.time()))


def login_failure_record(*, username: str, address: str, step: str = "password") -> None:
    """Count a failed attempt; the window starts at the first failure."""
    key = _cache_key(username, address, step)
    now = time.time()
    entry = cache.get(key) or {"count": 0, "until": now + settings.MM_LOGIN_LOCKOUT_SECONDS}
    entry["count"] += 1
    cache.set(key, entry, timeout=max(1, math.ceil(entry["until"] - now)))


def login_failures_clear(*, username: str, address: str, step: str = "password") -> None:
    cache.delete(_cache_key(username, address, step))


class ThrottledModelBackend(ModelBackend):
    """Django's user name and password check, behind the failed-attempt limit."""

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None,
                     **kwargs: Any) -> Any:
        if username is None:
            username = kwargs.get(self._username_field(), "")
        address = client_address(request) if request is not None else ""
        remaining = login_lockout_remaining(username=username or "", address=address)
        if remaining:
            if request is not None and not getattr(request, "path", "").startswith("/api/"):
                minutes = max(1, math.ceil(remaining / 60))
                messages.error(request, ngettext(
                    "Too many failed sign-in attempts; try again in %(minutes)d minute.",
                    "Too many failed sign-in attempts; try again in %(minutes)d minutes.",
                    minutes) % {"minutes": minutes}, fail_silently=True)
            raise PermissionDenied  # stops Django trying further backends
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            login_failure_record(username=username or "", address=address)
        else:
            login_failures_clear(username=username or "", address=address)
        return user

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
