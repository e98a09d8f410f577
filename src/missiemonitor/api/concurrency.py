"""Optimistic concurrency over HTTP: a record's version is its ETag, and a change must name
the version it is based on in ``If-Match`` (RFC 9110 §13.1.1)."""

from __future__ import annotations

import re

from rest_framework.request import Request

from missiemonitor.api.problems import PreconditionRequired
from missiemonitor.core.models import Record

_ETAG = re.compile(r'\s*(W/)?"([^"]*)"\s*')


def etag(record: Record) -> str:
    return f'"{record.version}"'


def if_match_versions(request: Request, *, required: bool = True) -> set[int] | None:
    """The versions named in If-Match. Missing: 428 when required, else ``None``. Weak or
    malformed tags match no version (the change is then answered 412)."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        if required:
            raise PreconditionRequired()
        return None
    versions: set[int] = set()
    for part in header.split(","):
        match = _ETAG.fullmatch(part)
        if match and not match.group(1) and match.group(2).isdigit() and len(match.group(2)) < 10:
            versions.add(int(match.group(2)))
    return versions


def expected_version(record: Record, versions: set[int]) -> int:
    """The version to check against: the record's own when If-Match names it, else one that
    cannot match (the service then answers 412)."""
    if record.version in versions:
        return record.version
    return -1
