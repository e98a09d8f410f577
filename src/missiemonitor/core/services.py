"""Writes of the core app: loading dataset files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from missiemonitor.core.dataset.load import load_text, read_text, validate_text
from missiemonitor.core.dataset.write import LoadStats


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
