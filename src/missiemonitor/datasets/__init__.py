"""Datasets that ship with Missiemonitor, as package data found with importlib.resources.

``iraq-2024-2025.yaml`` is the demonstration dataset: the Dutch contributions in Iraq as the
progress report over May 2024 to April 2025 states them, entered by hand and reviewed.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEMO = "iraq-2024-2025.yaml"


def dataset_path(name: str = DEMO) -> Path:
    """The path of a bundled dataset file (the package is installed as files, not zipped)."""
    path = Path(str(files(__name__).joinpath(name)))
    if not path.is_file():
        raise FileNotFoundError(f"no bundled dataset {name!r} in {path.parent}")
    return path
