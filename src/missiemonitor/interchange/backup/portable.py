"""The portable backup format: every table of every installed app as gzip-compressed JSON
lines, readable by any database engine Missiemonitor runs on.

::

    {"format": "missiemonitor-backup", "version": 1, "created": "…", "source": "sqlite",
     "migrations": [["accounts", "0001_initial"], …],
     "tables": [{"table": "accounts_user", "model": "accounts.User",
                 "columns": ["id", "password", …], "rows": 3}, …]}
    {"table": "accounts_user"}
    [1, "pbkdf2_sha256$…", …]
    …
    {"end": true, "tables": 57}

The first line (the header) names the migration state the rows belong to and, per table in
dependency order, its columns and how many rows follow. Rows are JSON arrays in primary-key
order. The last line marks a complete file. Apart from the header's ``created`` and ``source``,
the same data always gives the same bytes (the gzip header carries no time or name).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from missiemonitor.core.progress import Progress
from missiemonitor.interchange.backup.errors import BackupError
from missiemonitor.interchange.backup.state import State
from missiemonitor.interchange.backup.tables import Table, read_rows

FORMAT = "missiemonitor-backup"
VERSION = 1
MAGIC = b"\x1f\x8b"  # gzip


def _line(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def portable_write(handle: IO[bytes], *, state: State, tables: list[Table], counts: dict[str, int],
                   alias: str, source: str, progress: Progress | None = None) -> int:
    """Write the backup of ``tables`` (read through ``alias``, within one snapshot) to the
    binary ``handle``. Returns the number of rows."""
    header = {
        "format": FORMAT,
        "version": VERSION,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "source": source,
        "migrations": [list(key) for key in state],
        "tables": [{"table": t.name, "model": t.label, "columns": t.columns, "rows": counts[t.name]}
                   for t in tables],
    }
    total = 0
    with gzip.GzipFile(fileobj=handle, mode="wb", filename="", mtime=0,
                       compresslevel=6) as out:
        buffered = io.BufferedWriter(out, buffer_size=1 << 20)
        buffered.write(_line(header))
        for table in tables:
            buffered.write(_line({"table": table.name}))
            written = 0
            for row in read_rows(table, alias=alias):
                buffered.write(_line(row))
                written += 1
                if progress is not None and written % 1000 == 0:
                    progress.update(1000)
            if progress is not None:
                progress.update(written % 1000)
            if written != counts[table.name]:  # cannot happen inside one snapshot
                raise BackupError(f"table {table.name} changed while it was read")
            total += written
        buffered.write(_line({"end": True, "tables": len(tables)}))
        buffered.flush()
    return total


class PortableReader:
    """Reads a portable backup: :attr:`header` first, then :meth:`tables` gives each table's
    header entry and an iterator of its rows (to be read fully before the next table)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = gzip.open(path, "rb")  # noqa: SIM115 - closed by close()
        self._number = 0
        try:
            self.header = self._next()
        except BackupError:
            self.close()
            raise
        if not isinstance(self.header, dict) or self.header.get("format") != FORMAT:
            self.close()
            raise BackupError(f"{path}: not a Missiemonitor backup")
        if self.header.get("version") != VERSION:
            self.close()
            raise BackupError(f"{path}: backup format version {self.header.get('version')!r}; "
                              f"this release reads version {VERSION}")

    def _next(self) -> Any:
        try:
            line = self._file.readline()
        except (OSError, EOFError) as exc:
            raise BackupError(f"{self.path}: the file is damaged or incomplete ({exc})") from None
        self._number += 1
        if not line:
            raise BackupError(f"{self.path}: the file ends early, at line {self._number}; it is "
                              f"incomplete")
        try:
            return json.loads(line)
        except ValueError as exc:
            raise BackupError(f"{self.path}:{self._number}: not valid JSON ({exc})") from None

    @property
    def state(self) -> State:
        return [(app, name) for app, name in self.header["migrations"]]

    @property
    def total_rows(self) -> int:
        return sum(entry["rows"] for entry in self.header["tables"])

    def tables(self) -> Iterator[tuple[dict[str, Any], Iterator[list[Any]]]]:
        for entry in self.header["tables"]:
            marker = self._next()
            if marker != {"table": entry["table"]}:
                raise BackupError(f"{self.path}:{self._number}: expected the rows of table "
                                  f"{entry['table']}")
            yield entry, self._rows(entry)
        end = self._next()
        if not (isinstance(end, dict) and end.get("end") is True):
            raise BackupError(f"{self.path}:{self._number}: expected the end of the backup")

    def _rows(self, entry: dict[str, Any]) -> Iterator[list[Any]]:
        for _ in range(entry["rows"]):
            row = self._next()
            if not isinstance(row, list):
                raise BackupError(f"{self.path}:{self._number}: expected a row of table "
                                  f"{entry['table']}")
            yield row

    def close(self) -> None:
        self._file.close()


def portable_verify(path: Path) -> None:
    """Read the whole file once: every table's rows present, the end reached."""
    reader = PortableReader(path)
    try:
        for _entry, rows in reader.tables():
            for _row in rows:
                pass
    finally:
        reader.close()
