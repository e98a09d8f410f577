"""API resources of reporting: narrative blocks and signatories."""

from __future__ import annotations

from missiemonitor.api.resources import record_viewset
from missiemonitor.reporting.models import NarrativeBlock, Signatory

ROUTES = [
    ("narrative-blocks", record_viewset(NarrativeBlock, search=("key", "heading", "text"))),
    ("signatories", record_viewset(Signatory, search=("key", "name", "function"))),
]
