"""The database's own bulk load for activity-log rows, through Django's connection (and so
inside the caller's transaction): ``executemany`` of one prepared INSERT per batch, or on
PostgreSQL a single ``COPY … FROM STDIN`` that batches are streamed into while the next ones
are being validated.

Rows arrive as tuples in :data:`COLUMNS` order, already in the form :data:`prep` gives: plain
values for ``executemany`` (exactly what Django's own adapters would make of the model's
values: ISO text for dates, ``str()`` of the Decimal for SQLite), escaped text for COPY.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext

from django.db import connection
from django.db.backends.utils import CursorDebugWrapper

from missiemonitor.interchange.logs.rows import Prep
from missiemonitor.results.models import LogEntry

COLUMNS = (
    "kind",
    "batch",
    "contribution",
    "mission",
    "classification",
    "date",
    "quantity",
    "category",
    "asset",
    "area",
)

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: str) -> str:
    """A value in COPY's text format (NUL cannot occur: the rows refuse it)."""
    return value.translate(_COPY_ESCAPES)


def _identity(value):
    return value


def uses_copy() -> bool:
    return connection.vendor == "postgresql"


def prep() -> Prep:
    return (
        Prep(number=str, text=_copy_text) if uses_copy() else Prep(number=_identity, text=_identity)
    )


@contextmanager
def bulk_writer() -> Iterator[Callable[[list[tuple]], None]]:
    """A function that writes a list of rows; all of them are in the database (in the
    current transaction) when the ``with`` block ends."""
    meta = LogEntry._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(meta.get_field(name).column) for name in COLUMNS)
    with connection.cursor() as cursor:
        if uses_copy():
            sql = f"COPY {table} ({columns}) FROM STDIN"
            # One COPY per batch: a row refused between batches then raises while no COPY is
            # open (psycopg cannot end a COPY cleanly from an exception and closes the
            # connection, which a long-running process would then find broken).
            def write(rows: list[tuple]) -> None:
                # Logged like any other statement when queries are logged (DEBUG, tests).
                logged = (cursor.debug_sql(sql) if isinstance(cursor, CursorDebugWrapper)
                          else nullcontext())
                with logged, connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
                    copy.write("\n".join(map("\t".join, rows)) + "\n")

            yield write
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - the model's names

            def write(rows: list[tuple]) -> None:
                cursor.executemany(sql, rows)

            yield write
