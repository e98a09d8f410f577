"""Errors found in a dataset file, each with the line and the path where it was found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DatasetIssue:
    line: int | None
    path: str
    message: str

    def format(self, filename: str) -> str:
        where = f"{filename}:{self.line}" if self.line else filename
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DatasetError(Exception):
    """The file was rejected; nothing was written. ``issues`` holds every problem found."""

    def __init__(self, issues: list[DatasetIssue], filename: str = "<dataset>") -> None:
        self.issues = sorted(issues, key=lambda i: (i.line or 0, i.path, i.message))
        self.filename = filename
        super().__init__(self.summary())

    def summary(self) -> str:
        count = len(self.issues)
        lines = [issue.format(self.filename) for issue in self.issues]
        noun = "error" if count == 1 else "errors"
        lines.append(f"{count} {noun}; nothing was written.")
        return "\n".join(lines)
