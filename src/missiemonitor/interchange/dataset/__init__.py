"""The dataset format: a versioned YAML file holding a complete reporting scope.

See docs/dataset-format.md. The entry points are :func:`dataset_load` (and
:func:`dataset_load_text`), which validate a whole file and then write it in one transaction,
and :func:`dataset_export`, which writes what a user may see as such a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from missiemonitor.interchange.dataset.errors import DatasetError, DatasetIssue
from missiemonitor.interchange.dataset.export import export_document
from missiemonitor.interchange.dataset.load import load_text, read_text, validate_text
from missiemonitor.interchange.dataset.write import LoadStats

__all__ = [
    "DatasetError",
    "DatasetIssue",
    "LoadStats",
    "dataset_export",
    "dataset_load",
    "dataset_load_text",
]


def dataset_load(
    *,
    path: Path,
    max_bytes: int | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    on_validated: Callable[[int], None] | None = None,
) -> LoadStats | None:
    """Validate the whole file, then upsert it in one transaction. Raises DatasetError with
    every problem (line and path) and writes nothing when the file is not valid."""
    text = read_text(path, max_bytes=max_bytes)
    if dry_run:
        validate_text(text, filename=str(path))
        return None
    return load_text(text, filename=str(path), progress=progress, on_validated=on_validated)


def dataset_load_text(*, text: str, filename: str = "<upload>") -> LoadStats:
    """The same for text already in memory, such as an upload."""
    return load_text(text, filename=filename)


def dataset_export(*, user: Any, mission_keys: list[str] | None = None, title: str | None = None) -> str:
    """What ``user`` may see, as a dataset file (YAML text). With ``mission_keys``, only those
    missions and the records that belong to no mission."""
    return export_document(user=user, mission_keys=mission_keys, title=title)
