"""``/health``: whether this server can answer, for the reverse proxy, systemd and monitoring.
No session, no sign-in, no redirects; the answer is never cached."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 ``{"status": "ok", ...}`` when every database answers ``SELECT 1``; else 503
    ``{"status": "unavailable", ...}`` naming the database that did not (not why: the log
    says that)."""
    databases = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError as exc:
            logger.warning("health: database %r unavailable: %s", alias, exc)
            connections[alias].close()  # the next request tries a new connection
            databases[alias] = "unavailable"
        else:
            databases[alias] = "ok"
    ok = all(state == "ok" for state in databases.values())
    return JsonResponse({"status": "ok" if ok else "unavailable", "database": databases},
                        status=200 if ok else 503)
