"""Walking the chain: is every entry as it was written, and none missing or moved?

The walk streams the entries in sequence order (a server-side cursor on PostgreSQL, chunks on
SQLite), reading only the hashed columns, so its memory stays flat however long the chain.
It stops at the first problem:

* **content edited**: the entry's content does not hash to its stored ``entry_hash``;
* **entry missing**: the sequence numbers jump (an entry was deleted), or the chain ends
  before the head row says it does (entries deleted at the end);
* **out of order**: the entry's ``previous_hash`` is not the hash of the entry before it
  (entries swapped or renumbered).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from missiemonitor.audit import chain
from missiemonitor.audit.models import GENESIS, AuditChainHead, AuditEntry
from missiemonitor.audit.services import type_label

CHUNK = 2000


@dataclass(frozen=True)
class Problem:
    sequence: int
    entry_id: int | None
    reason: str  # "edited", "missing", "order"
    message: str


@dataclass(frozen=True)
class Verification:
    count: int
    problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _name(sequence: int, entry_id: int | None) -> str:
    if entry_id is None:
        return _("entry #%(sequence)d") % {"sequence": sequence}
    return _("entry #%(sequence)d (id %(id)d)") % {"sequence": sequence, "id": entry_id}


def chain_verify(*, progress: Callable[[int], None] | None = None) -> Verification:
    """Walk the whole chain; the first problem found, or none."""
    columns = ("id", "sequence", "entry_hash", *chain.HASHED)
    rows = (AuditEntry.objects.order_by("sequence").values_list(*columns)
            .iterator(chunk_size=CHUNK))
    expected, previous, count = 1, GENESIS, 0
    labels: dict[int, str] = {}

    def label(content_type_id: int) -> str:
        if content_type_id not in labels:
            labels[content_type_id] = type_label(content_type_id)
        return labels[content_type_id]

    index_previous = 3 + chain.HASHED.index("previous_hash")
    for row in rows:
        entry_id, sequence, stored = row[0], row[1], row[2]
        if sequence != expected:
            return Verification(count, Problem(expected, None, "missing", _(
                "%(entry)s is missing: the chain goes from #%(before)d to #%(after)d "
                "(id %(id)d); an entry was deleted or renumbered") % {
                "entry": _name(expected, None), "before": expected - 1, "after": sequence,
                "id": entry_id}))
        if chain.entry_hash(row[3:], label) != stored:
            return Verification(count, Problem(sequence, entry_id, "edited", _(
                "%(entry)s was edited: its content does not match its hash") % {
                "entry": _name(sequence, entry_id)}))
        if row[index_previous] != previous:
            return Verification(count, Problem(sequence, entry_id, "order", _(
                "%(entry)s is out of order: it does not follow entry #%(before)d (its previous "
                "hash differs); entries were swapped, moved or replaced") % {
                "entry": _name(sequence, entry_id), "before": sequence - 1}))
        previous, expected, count = stored, expected + 1, count + 1
        if progress is not None and count % 100_000 == 0:
            progress(count)
    head = AuditChainHead.objects.filter(pk=1).values_list("sequence", "entry_hash").first()
    if head is not None and (head[0], head[1]) != (expected - 1, previous):
        if head[0] > expected - 1:
            message = _("%(entry)s is missing: the chain ends at #%(last)d but its head says "
                        "#%(head)d; entries at the end were deleted") % {
                "entry": _name(expected, None), "last": expected - 1, "head": head[0]}
            return Verification(count, Problem(expected, None, "missing", message))
        return Verification(count, Problem(expected - 1, None, "order", _(
            "the chain's head (#%(head)d) does not match its last entry #%(last)d") % {
            "head": head[0], "last": expected - 1}))
    return Verification(count, None)
