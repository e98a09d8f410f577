"""Principals that are not people. The command line acts as :data:`SYSTEM`, which passes
through the same visibility rule as a user: it is simply cleared for everything."""

from __future__ import annotations

from dataclasses import dataclass

from missiemonitor.core.models import Classification


@dataclass(frozen=True)
class Principal:
    username: str
    clearance: int
    all_missions: bool = True
    mission_ids: frozenset[int] = frozenset()
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None

    def __str__(self) -> str:
        return self.username


SYSTEM = Principal("system", Classification.STG_GEHEIM)
PUBLIC = Principal("public", Classification.ONGERUBRICEERD)
