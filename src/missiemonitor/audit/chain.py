"""The hash chain: what of an entry is hashed, and how.

``entry_hash = SHA-256(canonical JSON of the entry's content, previous_hash included)``. The
content is every column an auditor relies on (:data:`HASHED`), in a fixed order, with values
written the same way whether they come from a new entry or are read back from SQLite or
PostgreSQL: times as UTC ISO text, the record type as ``app_label.model``, JSON with sorted
keys. The sequence number is not hashed: the links (``previous_hash``) fix the order, so a
changed sequence number shows as an order the links do not follow, and a changed column as a
hash that does not match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Callable, Sequence
from typing import Any

# The columns of an entry that are hashed, in this order (``content_type_id`` as its label).
HASHED: tuple[str, ...] = (
    "timestamp",
    "action",
    "content_type_id",
    "object_pk",
    "object_id",
    "object_key",
    "object_repr",
    "changes",
    "changes_text",
    "serialized_data",
    "additional_data",
    "actor_id",
    "actor_name",
    "actor_email",
    "remote_addr",
    "remote_port",
    "cid",
    "channel",
    "command",
    "record_classification",
    "record_mission_id",
    "previous_hash",
)


def _time(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # stored naive (USE_TZ off): taken as UTC
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def _address(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(str(value).split("/")[0]))
    except ValueError:
        return str(value)


def _json(value: Any) -> Any:
    if isinstance(value, str):  # a JSON column read back as text
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def canonical(values: Sequence[Any], type_label: Callable[[int], str]) -> bytes:
    """The bytes that are hashed, from the values of :data:`HASHED` in order."""
    content = dict(zip(HASHED, values, strict=True))
    content["timestamp"] = _time(content["timestamp"])
    content["content_type_id"] = type_label(content["content_type_id"])
    content["remote_addr"] = _address(content["remote_addr"])
    for name in ("changes", "serialized_data", "additional_data"):
        content[name] = _json(content[name])
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      default=str).encode()


def entry_hash(values: Sequence[Any], type_label: Callable[[int], str]) -> str:
    return hashlib.sha256(canonical(values, type_label)).hexdigest()


def values_of(entry: Any) -> list[Any]:
    """The values of :data:`HASHED` of an unsaved or loaded entry."""
    return [getattr(entry, name) for name in HASHED]
