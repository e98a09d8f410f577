"""Activity logs (flights, movements, events) imported from CSV.

The format (TEAM.md, docs/dataset-format.md):

* flight: ``contribution,date,aircraft,hours,tasking``
* movement: ``contribution,date,count,area``
* event: ``contribution,date,event_type,count,area``

each with an optional ``classification`` column. Columns may come in any order.

The import reads the file once, row by row, in constant memory: every row is validated, and
valid rows are inserted in batches with ``bulk_create`` inside one transaction. When any row is
wrong, the transaction is rolled back at the end, so nothing is written, and every problem is
reported with its line and column (up to :data:`MAX_ISSUES` of them, plus a count).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from missiemonitor.core.models import CLASSIFICATION_ALIASES
from missiemonitor.core.workflow import WRITER_ROLES, require_role
from missiemonitor.missions.models import Contribution
from missiemonitor.results.models import DimensionValue, Indicator, LogBatch, LogEntry
from missiemonitor.results.models.indicators import LogKind

BATCH_SIZE = 2000
MAX_ISSUES = 200
MAX_FLIGHT_HOURS = Decimal(24)
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,50}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# column -> (required, LogEntry attribute)
COLUMNS: dict[str, dict[str, str]] = {
    LogKind.FLIGHT: {"contribution": "contribution", "date": "date", "aircraft": "asset",
                     "hours": "quantity", "tasking": "category"},
    LogKind.MOVEMENT: {"contribution": "contribution", "date": "date", "count": "quantity",
                       "area": "area"},
    LogKind.EVENT: {"contribution": "contribution", "date": "date", "event_type": "category",
                    "count": "quantity", "area": "area"},
}
OPTIONAL = ("classification",)


@dataclass(frozen=True, order=True)
class LogIssue:
    line: int
    column: str
    message: str

    def format(self, filename: str) -> str:
        where = f"{filename}:{self.line}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class LogImportError(Exception):
    """The file was refused and nothing was written. ``issues`` holds the first problems found
    (with their lines); ``total`` counts all of them."""

    def __init__(self, issues: list[LogIssue], *, total: int | None = None,
                 filename: str = "<log>") -> None:
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
            lines.append(_("… and %(count)s more problems.") % {"count": self.total - len(self.issues)})
        lines.append(_("%(count)s problem(s); nothing was written.") % {"count": self.total})
        return "\n".join(lines)


@dataclass
class LogImportResult:
    kind: str
    batch: str
    rows: int = 0
    by_contribution: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Target:
    pk: int
    key: str
    mission_id: int
    classification: int
    start: dt.date | None
    end: dt.date | None
    categories: frozenset[str] | None  # allowed category codes, when an indicator defines them


class _Rows:
    """Validates rows one at a time, remembering contributions already looked up."""

    def __init__(self, *, kind: str, user: Any, today: dt.date) -> None:
        self.kind = kind
        self.user = user
        self.today = today
        self.targets: dict[str, _Target | None] = {}
        self.key_of: dict[int, str] = {}
        self.issues: list[LogIssue] = []
        self.total_issues = 0

    def error(self, line: int, column: str, message: str) -> None:
        self.total_issues += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(LogIssue(line, column, message))

    def target(self, key: str) -> _Target | None:
        if key not in self.targets:
            self.targets[key] = self._lookup(key)
        return self.targets[key]

    def _lookup(self, key: str) -> _Target | None:
        contribution = (Contribution.objects.visible_to(self.user).filter(key=key)
                        .only("pk", "key", "mission_id", "classification", "start", "end").first())
        if contribution is None:
            return None
        self.key_of[contribution.pk] = contribution.key
        categories: frozenset[str] | None = None
        if self.kind in (LogKind.FLIGHT, LogKind.EVENT):
            dimension_ids = (Indicator.objects.visible_to(self.user)
                             .filter(contribution_id=contribution.pk, log_kind=self.kind,
                                     log_dimension__isnull=False)
                             .values("log_dimension_id"))
            codes = set(DimensionValue.objects.filter(dimension_id__in=dimension_ids)
                        .values_list("code", flat=True))
            categories = frozenset(codes) if codes else None
        return _Target(contribution.pk, contribution.key, contribution.mission_id,
                       contribution.classification, contribution.start, contribution.end, categories)

    def parse(self, line: int, row: dict[str, str]) -> LogEntry | None:
        before = self.total_issues
        values: dict[str, Any] = {}
        key = row.get("contribution", "").strip()
        target = self.target(key) if key else None
        if not key:
            self.error(line, "contribution", _("a contribution key is required"))
        elif target is None:
            self.error(line, "contribution", _("unknown contribution %(key)r") % {"key": key})
        date = self._date(line, row.get("date", "").strip(), target)
        quantity = self._quantity(line, row)
        category_column = {"flight": "tasking", "event": "event_type"}.get(self.kind)
        if category_column:
            code = row.get(category_column, "").strip()
            if not _CODE.match(code):
                self.error(line, category_column, _("expected a code of letters, digits, - and _, "
                                                    "got %(value)r") % {"value": code})
            elif target is not None and target.categories is not None and code not in target.categories:
                self.error(line, category_column, _("unknown code %(value)r; expected one of "
                                                    "%(codes)s") % {"value": code,
                                                                    "codes": ", ".join(sorted(target.categories))})
            values["category"] = code
        if self.kind == LogKind.FLIGHT:
            aircraft = row.get("aircraft", "").strip()
            if len(aircraft) > 50:
                self.error(line, "aircraft", _("at most 50 characters"))
            values["asset"] = aircraft
        if "area" in COLUMNS[self.kind]:
            area = row.get("area", "").strip()
            if len(area) > 100:
                self.error(line, "area", _("at most 100 characters"))
            values["area"] = area
        classification = self._classification(line, row.get("classification", "").strip(), target)
        if self.total_issues > before or target is None:
            return None
        return LogEntry(kind=self.kind, contribution_id=target.pk, mission_id=target.mission_id,
                        classification=classification, date=date, quantity=quantity, **values)

    def _date(self, line: int, text: str, target: _Target | None) -> dt.date | None:
        if not _DATE.match(text):
            self.error(line, "date", _("expected a date as YYYY-MM-DD, got %(value)r") % {"value": text})
            return None
        try:
            value = dt.date.fromisoformat(text)
        except ValueError:
            self.error(line, "date", _("not a real date: %(value)r") % {"value": text})
            return None
        if value > self.today:
            self.error(line, "date", _("%(value)s is in the future") % {"value": text})
        elif target is not None and target.start and value < target.start:
            self.error(line, "date", _("%(value)s is before contribution %(key)s started "
                                       "(%(start)s)") % {"value": text, "key": target.key,
                                                         "start": target.start.isoformat()})
        elif target is not None and target.end and value > target.end:
            self.error(line, "date", _("%(value)s is after contribution %(key)s ended "
                                       "(%(end)s)") % {"value": text, "key": target.key,
                                                       "end": target.end.isoformat()})
        return value

    def _quantity(self, line: int, row: dict[str, str]) -> Decimal | None:
        column = "hours" if self.kind == LogKind.FLIGHT else "count"
        text = row.get(column, "").strip()
        if column == "count":
            if not text.isdigit():
                self.error(line, column, _("expected a whole number ≥ 0, got %(value)r") % {"value": text})
                return None
            if len(text) > 10:
                self.error(line, column, _("too large"))
                return None
            return Decimal(text)
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.error(line, column, _("expected a number of hours such as 2.5, got %(value)r") % {"value": text})
            return None
        if not value.is_finite() or value < 0 or value.as_tuple().exponent < -2:
            self.error(line, column, _("expected hours ≥ 0 with at most two decimals, got "
                                       "%(value)r") % {"value": text})
            return None
        if value > MAX_FLIGHT_HOURS:
            self.error(line, column, _("a flight of more than 24 hours (%(value)s) is not "
                                       "plausible") % {"value": text})
            return None
        return value

    def _classification(self, line: int, text: str, target: _Target | None) -> int:
        floor = target.classification if target is not None else 0
        if not text:
            return floor
        level = CLASSIFICATION_ALIASES.get(text.lower())
        if level is None:
            hint = difflib.get_close_matches(text.lower(), CLASSIFICATION_ALIASES, n=1)
            self.error(line, "classification", _("unknown classification %(value)r") % {"value": text}
                       + (_("; did you mean %(hint)r?") % {"hint": hint[0]} if hint else ""))
            return floor
        if level < floor:
            self.error(line, "classification", _("lower than the contribution's own classification"))
        elif level > self.user.clearance:
            self.error(line, "classification", _("above your clearance"))
        return level


def _check_header(kind: str, header: list[str] | None) -> list[LogIssue]:
    expected = list(COLUMNS[kind])
    if not header:
        return [LogIssue(1, "", _("the file is empty; expected the header %(header)s")
                         % {"header": ",".join(expected)})]
    issues = []
    names = [name.strip() for name in header]
    for name in names:
        if name not in expected and name not in OPTIONAL:
            hint = difflib.get_close_matches(name, [*expected, *OPTIONAL], n=1)
            issues.append(LogIssue(1, name, _("unknown column") + (
                _("; did you mean %(hint)r?") % {"hint": hint[0]} if hint else "")))
    for name in expected:
        if name not in names:
            issues.append(LogIssue(1, name, _("missing column; a %(kind)s log has the columns "
                                              "%(header)s") % {"kind": kind, "header": ",".join(expected)}))
    duplicates = sorted({n for n in names if names.count(n) > 1})
    issues.extend(LogIssue(1, name, _("column appears twice")) for name in duplicates)
    return issues


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
        raise LogImportError([LogIssue(0, "", _("unknown log kind %(kind)r; expected one of %(kinds)s")
                                       % {"kind": kind, "kinds": ", ".join(LogKind.values)})],
                             filename=filename)
    require_role(user, WRITER_ROLES)
    batch = batch.strip()
    if not batch or len(batch) > 100:
        raise LogImportError([LogIssue(0, "batch", _("a batch name of 1 to 100 characters is required"))],
                             filename=filename)
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
            LogBatch.objects.create(kind=kind, name=batch)
    except IntegrityError:
        raise taken from None
    reader = csv.DictReader(stream, skipinitialspace=False, strict=True)
    try:
        header_issues = _check_header(kind, reader.fieldnames)
    except csv.Error as exc:
        raise LogImportError([LogIssue(1, "", _("not valid CSV: %(error)s") % {"error": exc})],
                             filename=filename) from None
    if header_issues:
        raise LogImportError(header_issues, filename=filename)
    rows = _Rows(kind=kind, user=user, today=timezone.localdate())
    result = LogImportResult(kind=kind, batch=batch)
    pending: list[LogEntry] = []
    line = 1
    try:
        for record in reader:
            line = reader.line_num
            if None in record or any(value is None for value in record.values()):
                rows.error(line, "", _("expected %(count)s fields") % {"count": len(reader.fieldnames)})
                continue
            entry = rows.parse(line, {k.strip(): v for k, v in record.items()})
            result.rows += 1
            if entry is None or rows.total_issues:
                pending.clear()  # the file will be refused: stop writing, keep validating
                continue
            entry.batch = batch
            pending.append(entry)
            contribution_key = rows.key_of[entry.contribution_id]
            result.by_contribution[contribution_key] = result.by_contribution.get(contribution_key, 0) + 1
            if len(pending) >= BATCH_SIZE:
                LogEntry.objects.bulk_create(pending, batch_size=BATCH_SIZE)
                pending.clear()
            if progress is not None and result.rows % 1000 == 0:
                progress(1000)
    except csv.Error as exc:
        rows.error(reader.line_num or line, "", _("not valid CSV: %(error)s") % {"error": exc})
    if result.rows == 0 and not rows.total_issues:
        rows.error(1, "", _("the file has a header but no rows"))
    if rows.total_issues:  # raising rolls back the rows already inserted
        raise LogImportError(rows.issues, total=rows.total_issues, filename=filename)
    if pending:
        LogEntry.objects.bulk_create(pending, batch_size=BATCH_SIZE)
    if progress is not None:
        progress(result.rows % 1000)
    return result


@transaction.atomic
def log_batch_delete(*, user: Any, kind: str, batch: str) -> int:
    """Remove an imported batch (to replace a wrong import). Returns the rows deleted."""
    require_role(user, WRITER_ROLES)
    visible = LogEntry.objects.visible_to(user).filter(kind=kind, batch=batch)
    total = LogEntry.objects.filter(kind=kind, batch=batch).count()
    if visible.count() != total:
        raise PermissionDenied(_("Part of this batch is outside what you may see; it cannot be "
                                 "deleted by you."))
    deleted, _counts = visible.delete()
    LogBatch.objects.filter(kind=kind, name=batch).delete()
    return deleted
