"""API resources of the reference records kept in core: organisations and sources."""

from __future__ import annotations

from missiemonitor.api.resources import record_viewset
from missiemonitor.core.models import Organisation, Source

ROUTES = [
    ("organisations", record_viewset(Organisation)),
    ("sources", record_viewset(Source, search=("key", "title", "dossier"))),
]
