"""Log records as JSON lines, for production: one object per line with the time (UTC), level,
logger and message, and for gunicorn's access log the request's fields.

Used by ``settings.LOGGING`` when ``MM_LOG_FORMAT=json`` (the default in production) and by
``missiemonitor serve`` for gunicorn's error and access logs. It imports nothing of Django, so
logging can be configured before the apps are loaded.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

# gunicorn's access-log atoms (gunicorn.glogging.Logger.atoms) and the names we give them
ACCESS_FIELDS = {
    "h": "remote",
    "m": "method",
    "U": "path",
    "q": "query",
    "H": "protocol",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "f": "referer",
    "a": "user_agent",
    "{x-forwarded-for}i": "forwarded_for",
}
_NUMBERS = {"status", "bytes", "duration_ms"}


def _access(args: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for atom, name in ACCESS_FIELDS.items():
        try:
            value = args[atom]
        except (KeyError, TypeError):
            continue
        if value in (None, "-", ""):
            continue
        if name in _NUMBERS:
            try:
                value = int(value)
            except (TypeError, ValueError):
                continue
        fields[name] = value
    return fields


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            request = _access(record.args)
            entry["message"] = " ".join(
                str(request[key]) for key in ("method", "path", "status") if key in request)
            entry.update(request)
        else:
            entry["message"] = record.getMessage()
        status = getattr(record, "status_code", None)  # django.request and django.server
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
