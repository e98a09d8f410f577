"""Activity logs (flights, movements, events) imported from CSV.

The format (TEAM.md, docs/dataset-format.md):

* flight: ``contribution,date,aircraft,hours,tasking``
* movement: ``contribution,date,count,area``
* event: ``contribution,date,event_type,count,area``

each with an optional ``classification`` column. Columns may come in any order.

The import reads the file once, row by row, in constant memory. Every row is validated
(:mod:`missiemonitor.interchange.logs.rows`: a few dictionary look-ups for values already seen, every
check for the rest), and valid rows go straight to the database in batches, with the
database's own bulk load inside one transaction (:mod:`missiemonitor.interchange.logs.bulk`:
``executemany`` on SQLite, ``COPY`` on PostgreSQL); no model instances are built. When any row
is wrong, writing stops and the transaction is rolled back at the end, so nothing is written,
and every problem is reported with its line and column (up to :data:`MAX_ISSUES` of them, plus
a count).
"""

from __future__ import annotations

import csv
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from missiemonitor.audit.models import Action
from missiemonitor.audit.services import Checksum
from missiemonitor.core.workflow import WRITER_ROLES, require_role
from missiemonitor.interchange.logs import bulk as log_bulk
from missiemonitor.interchange.logs.audit import batch_audit
from missiemonitor.interchange.logs.rows import (
    COLUMNS,
    FIELDS,
    MAX_ISSUES,
    OPTIONAL,
    LogIssue,
    Memo,
    Rows,
    check_header,
    load_targets,
)
from missiemonitor.results.models import LogBatch, LogEntry
from missiemonitor.results.models.indicators import LogKind

__all__ = [
    "BATCH_SIZE",
    "COLUMNS",
    "MAX_ISSUES",
    "OPTIONAL",
    "LogImportError",
    "LogImportResult",
    "LogIssue",
    "log_batch_delete",
    "log_import_csv",
]

BATCH_SIZE = 5000
_CONTRIBUTION = itemgetter(log_bulk.COLUMNS.index("contribution"))


class LogImportError(Exception):
    """The file was refused and nothing was written. ``issues`` holds the first problems found
    (with their lines); ``total`` counts all of them."""

    def __init__(
        self, issues: list[LogIssue], *, total: int | None = None, filename: str = "<log>"
    ) -> None:
        self.issues = sorted(issues)
        self.total = len(issues) if total is None else total
        self.filename = filename
        self._summary = self._render()  # in the language active where the error arose
        super().__init__(self._summary)

    def summary(self) -> str:
        return self._summary

    def _render(self) -> str:
        lines = [issue.format(self.filename) for issue in self.issues]
        if self.total > len(self.issues):
            lines.append(
                _("… and %(count)s more problems.") % {"count": self.total - len(self.issues)}
            )
        lines.append(_("%(count)s problem(s); nothing was written.") % {"count": self.total})
        return "\n".join(lines)


@dataclass
class LogImportResult:
    kind: str
    batch: str
    rows: int = 0
    by_contribution: dict[str, int] = field(default_factory=dict)


def _positions(kind: str, names: list[str]) -> list[int]:
    """Where each of :data:`FIELDS` is in a row; a field the file lacks reads the empty text
    appended to every row (at ``len(names)``)."""
    column_of = {
        attribute: column
        for column, attribute in {**COLUMNS[kind], "classification": "classification"}.items()
    }
    return [
        names.index(column_of[name]) if column_of.get(name) in names else len(names)
        for name in FIELDS
    ]


def _load_rows(
    reader: Any,
    *,
    kind: str,
    batch: str,
    names: list[str],
    rows: Rows,
    memo: Memo,
    write: Callable[[list[tuple]], None],
    progress: Callable[[int], None] | None,
) -> tuple[int, Counter]:
    """Validate every row of ``reader`` and ``write`` the valid ones in batches, until the
    first problem; from then on rows are only checked. Returns the rows read and the rows
    written per contribution (as the writer identifies it)."""
    width, size = len(names), BATCH_SIZE
    pick = itemgetter(*_positions(kind, names))
    targets, days, quantities = memo.targets, memo.days, memo.quantities
    assets, areas = memo.assets, memo.areas
    pending: list[tuple] = []
    append = pending.append
    discard = deque(maxlen=0).append
    written: Counter = Counter()
    count = 0
    for row in reader:
        if len(row) != width:
            if row:  # blank lines are skipped, as csv.DictReader does
                rows.error(reader.line_num, "", _("expected %(count)s fields") % {"count": width})
                pending.clear()
                append = discard
            continue
        count += 1
        row.append("")
        raw = pick(row)
        key, day, quantity, category, asset, area, level = raw
        try:  # the fast path: every field a text already accepted
            target = targets[key]
            day = days[day]
            if day < target.first or day > target.last:
                raise KeyError(day)
            entry = (
                kind,
                batch,
                target.db_pk,
                target.db_mission,
                target.levels[level],
                day,
                quantities[quantity],
                target.codes[category],
                assets[asset],
                areas[area],
            )
        except KeyError:  # the careful path, which also teaches the memo
            parsed = rows.parse(reader.line_num, dict(zip(names, row, strict=False)))
            if parsed is None:
                pending.clear()  # the file will be refused: stop writing, keep validating
                append = discard
                continue
            entry = (kind, batch, *memo.learn(raw, parsed))
        append(entry)
        if len(pending) >= size:
            write(pending)
            written.update(map(_CONTRIBUTION, pending))
            if progress is not None:
                progress(len(pending))
            pending.clear()
    if pending and not rows.total_issues:
        write(pending)
        written.update(map(_CONTRIBUTION, pending))
        if progress is not None:
            progress(len(pending))
    return count, written


@transaction.atomic
def log_import_csv(
    *,
    kind: str,
    stream: Iterable[str],
    user: Any,
    batch: str,
    filename: str = "<log>",
    progress: Callable[[int], None] | None = None,
) -> LogImportResult:
    """Import a CSV activity log from ``stream`` (an open text file, or lines) as ``batch``.
    All or nothing: raises :class:`LogImportError` and writes nothing if any row is wrong."""
    if kind not in LogKind.values:
        raise LogImportError(
            [
                LogIssue(
                    0,
                    "",
                    _("unknown log kind %(kind)r; expected one of %(kinds)s")
                    % {"kind": kind, "kinds": ", ".join(LogKind.values)},
                )
            ],
            filename=filename,
        )
    require_role(user, WRITER_ROLES)
    batch = batch.strip()
    if not batch or len(batch) > 100:
        raise LogImportError(
            [LogIssue(0, "batch", _("a batch name of 1 to 100 characters is required"))],
            filename=filename,
        )
    if not batch.isprintable():
        raise LogImportError(
            [LogIssue(0, "batch", _("a batch name cannot contain control characters"))],
            filename=filename,
        )
    # Deliberately across all records: an integrity check that reveals only that a batch name
    # is taken, so that nobody can import the same rows twice. The database enforces it: of two
    # imports of one batch at the same moment, the second waits for the first and is refused.
    taken = LogImportError([LogIssue(0, "batch", _(
        "batch %(batch)r was already imported; importing it again would count its rows twice "
        "(delete the batch first to replace it)") % {"batch": batch})], filename=filename)
    if LogEntry.objects.filter(kind=kind, batch=batch).exists():
        raise taken
    try:
        with transaction.atomic():
            log_batch = LogBatch.objects.create(kind=kind, name=batch)
    except IntegrityError:
        raise taken from None
    stream = Checksum(stream)
    reader = csv.reader(stream, strict=True)
    try:
        header = next(reader, None)
        header_issues = check_header(kind, header)
    except csv.Error as exc:
        raise LogImportError(
            [LogIssue(1, "", _("not valid CSV: %(error)s") % {"error": exc})], filename=filename
        ) from None
    if header_issues:
        raise LogImportError(header_issues, filename=filename)
    prep = log_bulk.prep()
    targets = load_targets(kind=kind, user=user, prep=prep)
    rows = Rows(kind=kind, user=user, today=timezone.localdate(), targets=targets)
    names = [name.strip() for name in header]
    with log_bulk.bulk_writer() as write:
        try:
            count, written = _load_rows(
                reader,
                kind=prep.text(str(kind)),
                batch=prep.text(batch),
                names=names,
                rows=rows,
                memo=Memo(prep),
                write=write,
                progress=progress,
            )
        except csv.Error as exc:
            rows.error(reader.line_num, "", _("not valid CSV: %(error)s") % {"error": exc})
            count, written = 0, Counter()
        if count == 0 and not rows.total_issues:
            rows.error(1, "", _("the file has a header but no rows"))
        if rows.total_issues:  # raising rolls back the rows already written
            raise LogImportError(rows.issues, total=rows.total_issues, filename=filename)
    key_of = {target.db_pk: target.key for target in targets.values()}
    batch_audit(log_batch=log_batch, action=Action.CREATE, rows=count, checksum=stream.hexdigest(),
                filename=filename)
    return LogImportResult(
        kind=kind,
        batch=batch,
        rows=count,
        by_contribution={key_of[pk]: n for pk, n in written.items()},
    )


@transaction.atomic
def log_batch_delete(*, user: Any, kind: str, batch: str) -> int:
    """Remove an imported batch (to replace a wrong import). Returns the rows deleted."""
    require_role(user, WRITER_ROLES)
    visible = LogEntry.objects.visible_to(user).filter(kind=kind, batch=batch)
    total = LogEntry.objects.filter(kind=kind, batch=batch).count()
    if visible.count() != total:
        raise PermissionDenied(
            _("Part of this batch is outside what you may see; it cannot be deleted by you.")
        )
    log_batch = LogBatch.objects.filter(kind=kind, name=batch).first()
    if log_batch is not None:  # before the rows go: the entry names their classification
        batch_audit(log_batch=log_batch, action=Action.DELETE, rows=total, checksum=None)
    deleted, _counts = visible.delete()
    LogBatch.objects.filter(kind=kind, name=batch).delete()
    return deleted
