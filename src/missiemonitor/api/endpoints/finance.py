"""API resources of finance: expenditures."""

from __future__ import annotations

from missiemonitor.api.resources import record_viewset
from missiemonitor.finance.models import Expenditure

ROUTES = [
    ("expenditures", record_viewset(Expenditure, search=("key", "description", "budget_article"))),
]
