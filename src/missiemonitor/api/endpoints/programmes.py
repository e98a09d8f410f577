"""API resources of programmes."""

from __future__ import annotations

from missiemonitor.api.resources import record_viewset
from missiemonitor.programmes.models import Programme

ROUTES = [
    ("programmes", record_viewset(Programme, search=("key", "name", "aims"))),
]
