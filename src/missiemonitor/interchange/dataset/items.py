"""A record as read from a dataset file: its section, where it stands (path and lines), its
checked values, and the records nested in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from missiemonitor.interchange.dataset import spec


@dataclass(eq=False)
class Item:
    section: spec.Section
    path: str
    line: int
    key_lines: dict[str, int]
    values: dict[str, Any]
    parent: Item | None = None
    children: dict[str, list[Item]] = field(default_factory=dict)
    mission_key: str | None = None

    @property
    def key(self) -> str | None:
        return self.values.get("key")

    @property
    def classification(self) -> int:
        return self.values.get("classification") or 0

    def line_of(self, name: str) -> int:
        return self.key_lines.get(name, self.line)
