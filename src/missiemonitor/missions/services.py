"""Writes of the missions app that people make on the pages: the postings of a role. Missions,
mandates and contributions are reference data, kept through the API or a dataset file.

Every service is keyword-only and atomic and follows :mod:`missiemonitor.core.editing`: the
role rules of :mod:`missiemonitor.core.permissions`, visibility, and a stale ``version``
refused."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from missiemonitor.core.editing import simple_record_create, simple_record_update
from missiemonitor.missions.models import Posting, Role


@transaction.atomic
def posting_create(*, user: Any, role: Role, **fields: Any) -> Posting:
    """Record a posting (one holder's tour) of ``role``."""
    return simple_record_create(model=Posting, user=user, key_base=f"{role.key}-posting",
                                key_date=fields.get("start"), fields={**fields, "role": role})


@transaction.atomic
def posting_update(*, user: Any, posting: Posting | str, version: int, **fields: Any) -> Posting:
    return simple_record_update(model=Posting, user=user, record=posting, version=version, fields=fields)
