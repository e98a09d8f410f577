"""The audit channel and actor of a request: ``/api/`` is the API, ``/admin/`` the admin,
everything else the pages. The actor is read when an entry is written, not when the request
arrives: the API checks its bearer tokens in the view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from missiemonitor.audit.context import audit_context
from missiemonitor.audit.models import Channel


def channel_of(path: str) -> str:
    if path.startswith("/api/"):
        return Channel.API
    if path.startswith("/admin/"):
        return Channel.ADMIN
    return Channel.WEB


class AuditChannelMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def actor() -> Any:
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else None

        with audit_context(channel=channel_of(request.path_info), actor=actor,
                           remote_addr=request.META.get("REMOTE_ADDR") or None):
            return self.get_response(request)
