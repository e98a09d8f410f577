"""Provenance: which records a figure, a progress value or an attention point came from.

A reference is the model label and the record's key, the same pair the dataset format and
the API use, so every consumer (report, pages, API) can link back to the record.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class RecordRef(NamedTuple):
    model: str  # the model label, for example "results.Observation"
    key: str

    @classmethod
    def of(cls, record: Any) -> RecordRef:
        return cls(record._meta.label, record.key)

    def __str__(self) -> str:
        return f"{self.model}:{self.key}"


def refs(records: Any) -> tuple[RecordRef, ...]:
    """References to ``records`` in order, without repeats."""
    seen: dict[RecordRef, None] = {}
    for record in records:
        seen.setdefault(record if isinstance(record, RecordRef) else RecordRef.of(record), None)
    return tuple(seen)
