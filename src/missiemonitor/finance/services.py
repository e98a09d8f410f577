"""Writes of the finance app: expenditures. See :mod:`missiemonitor.core.editing`."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from missiemonitor.core.editing import (
    simple_record_create,
    simple_record_delete,
    simple_record_update,
)
from missiemonitor.finance.models import Expenditure


@transaction.atomic
def expenditure_create(*, user: Any, **fields: Any) -> Expenditure:
    """Record spending on a mission; with a contribution, the contribution's mission."""
    mission = fields.get("mission")
    base = f"expenditure-{getattr(mission, 'key', '')}-{fields.get('budget_source') or ''}"
    return simple_record_create(model=Expenditure, user=user, key_base=base, key_date=fields.get("start"),
                                fields=fields)


@transaction.atomic
def expenditure_update(*, user: Any, expenditure: Expenditure | str, version: int,
                       **fields: Any) -> Expenditure:
    return simple_record_update(model=Expenditure, user=user, record=expenditure, version=version, fields=fields)


@transaction.atomic
def expenditure_delete(*, user: Any, expenditure: Expenditure | str, version: int) -> None:
    simple_record_delete(model=Expenditure, user=user, record=expenditure, version=version)
