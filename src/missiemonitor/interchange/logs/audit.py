"""The audit entry of an activity-log import or deletion: one per batch, with its row count and
the SHA-256 of the input as read, not one per row. The entry carries the highest classification
of the batch's rows, and their mission when they all belong to one, so that history shows it
only to those who may see all of it."""

from __future__ import annotations

from django.db.models import Max

from missiemonitor.audit.models import AuditEntry
from missiemonitor.audit.services import batch_entry_append
from missiemonitor.results.models import LogBatch, LogEntry


def batch_audit(*, log_batch: LogBatch, action: int, rows: int, checksum: str | None,
                filename: str | None = None) -> AuditEntry:
    entries = LogEntry.objects.filter(kind=log_batch.kind, batch=log_batch.name)
    level = entries.aggregate(level=Max("classification"))["level"] or 0
    missions = list(entries.order_by().values_list("mission_id", flat=True).distinct()[:2])
    details = {"log": log_batch.kind, "batch": log_batch.name}
    if filename:
        details["file"] = filename
    return batch_entry_append(record=log_batch, action=action, rows=rows, checksum=checksum,
                              details=details, classification=level,
                              mission_id=missions[0] if len(missions) == 1 else None)
