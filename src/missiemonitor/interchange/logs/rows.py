"""Validation of activity-log rows, for :mod:`missiemonitor.interchange.logs.importer`.

Two paths give the same answer for every row:

* the *careful* path (:meth:`Rows.parse`) applies every check and words every problem with its
  line and column;
* the *fast* path is a handful of dictionary look-ups in memo tables (:class:`Memo`) that only
  ever hold raw field texts the careful path has already accepted, mapped to the value ready
  for the database. A row whose fields are all known is valid without further checks; any
  unknown field sends the row down the careful path, which then teaches the memo.

The contributions the user may see, with their mission, classification, period and allowed
category codes, are read once before the first row (:class:`Target`), so that validating rows
needs no queries and the writer can stream (PostgreSQL's COPY leaves no room for queries).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from missiemonitor.core.models import CLASSIFICATION_ALIASES
from missiemonitor.missions.models import Contribution
from missiemonitor.results.models import DimensionValue, Indicator
from missiemonitor.results.models.indicators import LogEntry, LogKind

MAX_ISSUES = 200
MEMO_LIMIT = 1 << 16  # entries per memo table; beyond it, new texts take the careful path
MAX_FLIGHT_HOURS = Decimal(24)
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,50}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUANTITY = LogEntry._meta.get_field("quantity")
_WHOLE_DIGITS = _QUANTITY.max_digits - _QUANTITY.decimal_places  # digits before the point

# column -> LogEntry attribute
COLUMNS: dict[str, dict[str, str]] = {
    LogKind.FLIGHT: {
        "contribution": "contribution",
        "date": "date",
        "aircraft": "asset",
        "hours": "quantity",
        "tasking": "category",
    },
    LogKind.MOVEMENT: {
        "contribution": "contribution",
        "date": "date",
        "count": "quantity",
        "area": "area",
    },
    LogKind.EVENT: {
        "contribution": "contribution",
        "date": "date",
        "event_type": "category",
        "count": "quantity",
        "area": "area",
    },
}
OPTIONAL = ("classification",)
# The columns a row is read by, in this order (the kind's own columns; others are empty).
FIELDS = ("contribution", "date", "quantity", "category", "asset", "area", "classification")


@dataclass(frozen=True, order=True)
class LogIssue:
    line: int
    column: str
    message: str

    def format(self, filename: str) -> str:
        where = f"{filename}:{self.line}"
        return (
            f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass(frozen=True)
class Prep:
    """How values are handed to the database writer: plain Python values for ``executemany``,
    escaped text for PostgreSQL's COPY."""

    number: Callable[[int], Any]
    text: Callable[[str], Any]


class Target:
    """A contribution rows may be logged against, with its memo of category codes and
    classification texts already accepted for it."""

    __slots__ = (
        "categories",
        "classification",
        "codes",
        "db_mission",
        "db_pk",
        "end",
        "first",
        "key",
        "last",
        "levels",
        "mission_id",
        "pk",
        "start",
    )

    def __init__(
        self,
        *,
        pk: int,
        key: str,
        mission_id: int,
        classification: int,
        start: dt.date | None,
        end: dt.date | None,
        categories: frozenset[str] | None,
        prep: Prep,
    ) -> None:
        self.pk, self.key, self.mission_id = pk, key, mission_id
        self.classification, self.start, self.end = classification, start, end
        self.categories = categories  # allowed category codes, when an indicator defines them
        self.db_pk, self.db_mission = prep.number(pk), prep.number(mission_id)
        # ISO dates compare as text: "" is before every date, "~" after every date.
        self.first = start.isoformat() if start else ""
        self.last = end.isoformat() if end else "~"
        self.codes: dict[str, Any] = {}
        self.levels: dict[str, Any] = {}


class Memo:
    """Raw field texts already accepted, mapped to what the writer stores for them."""

    def __init__(self, prep: Prep) -> None:
        self.prep = prep
        self.targets: dict[str, Target] = {}
        self.days: dict[str, str] = {}
        self.quantities: dict[str, Any] = {}
        self.assets: dict[str, Any] = {}
        self.areas: dict[str, Any] = {}

    def learn(self, raw: tuple[str, ...], parsed: Parsed) -> tuple:
        """Remember the fields of a valid row (``raw``, in :data:`FIELDS` order) and return
        the row as the writer wants it (without kind and batch)."""
        key, day, quantity, category, asset, area, level = raw
        target, prep = parsed.target, self.prep
        row = (
            target.db_pk,
            target.db_mission,
            prep.number(parsed.classification),
            parsed.date.isoformat(),
            str(parsed.quantity),
            prep.text(parsed.category),
            prep.text(parsed.asset),
            prep.text(parsed.area),
        )
        for table, text, value in (
            (self.targets, key, target),
            (self.days, day, row[3]),
            (self.quantities, quantity, row[4]),
            (target.codes, category, row[5]),
            (self.assets, asset, row[6]),
            (self.areas, area, row[7]),
            (target.levels, level, row[2]),
        ):
            if len(table) < MEMO_LIMIT:
                table[text] = value
        return row


@dataclass(frozen=True, slots=True)
class Parsed:
    target: Target
    classification: int
    date: dt.date
    quantity: Decimal
    category: str
    asset: str
    area: str


def load_targets(*, kind: str, user: Any, prep: Prep) -> dict[str, Target]:
    """The contributions ``user`` may see, by key, with the category codes their indicators
    over this log allow (three queries, however many contributions)."""
    categories: dict[int, set[str]] = {}
    if kind in (LogKind.FLIGHT, LogKind.EVENT):
        pairs = list(
            Indicator.objects.visible_to(user)
            .filter(log_kind=kind, log_dimension__isnull=False, contribution__isnull=False)
            .values_list("contribution_id", "log_dimension_id")
            .distinct()
        )
        codes: dict[int, set[str]] = {}
        for dimension_id, code in DimensionValue.objects.filter(
            dimension_id__in={d for _c, d in pairs}
        ).values_list("dimension_id", "code"):
            codes.setdefault(dimension_id, set()).add(code)
        for contribution_id, dimension_id in pairs:
            categories.setdefault(contribution_id, set()).update(codes.get(dimension_id, ()))
    return {
        key: Target(
            pk=pk,
            key=key,
            mission_id=mission_id,
            classification=classification,
            start=start,
            end=end,
            prep=prep,
            categories=frozenset(categories[pk]) if categories.get(pk) else None,
        )
        for pk, key, mission_id, classification, start, end in Contribution.objects.visible_to(
            user
        ).values_list("pk", "key", "mission_id", "classification", "start", "end")
    }


class Rows:
    """The careful path: validates one row with every check, recording each problem."""

    def __init__(self, *, kind: str, user: Any, today: dt.date, targets: dict[str, Target]) -> None:
        self.kind = kind
        self.user = user
        self.today = today
        self.targets = targets
        self.issues: list[LogIssue] = []
        self.total_issues = 0
        self.quantity_column = "hours" if kind == LogKind.FLIGHT else "count"
        self.category_column = {LogKind.FLIGHT: "tasking", LogKind.EVENT: "event_type"}.get(kind)

    def error(self, line: int, column: str, message: str) -> None:
        self.total_issues += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(LogIssue(line, column, message))

    def parse(self, line: int, row: dict[str, str]) -> Parsed | None:
        before = self.total_issues
        key = row.get("contribution", "").strip()
        target = self.targets.get(key) if key else None
        if not key:
            self.error(line, "contribution", _("a contribution key is required"))
        elif target is None:
            self.error(line, "contribution", _("unknown contribution %(key)r") % {"key": key})
        date = self._date(line, row.get("date", "").strip(), target)
        quantity = self._quantity(line, row.get(self.quantity_column, "").strip())
        code = ""
        if self.category_column:
            column = self.category_column
            code = row.get(column, "").strip()
            if not _CODE.match(code):
                self.error(
                    line,
                    column,
                    _("expected a code of letters, digits, - and _, got %(value)r")
                    % {"value": code},
                )
            elif (
                target is not None
                and target.categories is not None
                and code not in target.categories
            ):
                self.error(
                    line,
                    column,
                    _("unknown code %(value)r; expected one of %(codes)s")
                    % {"value": code, "codes": ", ".join(sorted(target.categories))},
                )
        asset = self._text(line, row, "aircraft", 50) if self.kind == LogKind.FLIGHT else ""
        area = self._text(line, row, "area", 100) if "area" in COLUMNS[self.kind] else ""
        classification = self._classification(line, row.get("classification", "").strip(), target)
        if self.total_issues > before or target is None:
            return None
        return Parsed(target, classification, date, quantity, code, asset, area)

    def _text(self, line: int, row: dict[str, str], column: str, limit: int) -> str:
        value = row.get(column, "").strip()
        if len(value) > limit:
            self.error(
                line,
                column,
                _("at most 50 characters") if limit == 50 else _("at most 100 characters"),
            )
        elif "\x00" in value:
            self.error(line, column, _("contains a NUL character"))
        return value

    def _date(self, line: int, text: str, target: Target | None) -> dt.date | None:
        if not _DATE.match(text):
            self.error(
                line, "date", _("expected a date as YYYY-MM-DD, got %(value)r") % {"value": text}
            )
            return None
        try:
            value = dt.date.fromisoformat(text)
        except ValueError:
            self.error(line, "date", _("not a real date: %(value)r") % {"value": text})
            return None
        if value > self.today:
            self.error(line, "date", _("%(value)s is in the future") % {"value": text})
        elif target is not None and target.start and value < target.start:
            self.error(
                line,
                "date",
                _("%(value)s is before contribution %(key)s started (%(start)s)")
                % {"value": text, "key": target.key, "start": target.start.isoformat()},
            )
        elif target is not None and target.end and value > target.end:
            self.error(
                line,
                "date",
                _("%(value)s is after contribution %(key)s ended (%(end)s)")
                % {"value": text, "key": target.key, "end": target.end.isoformat()},
            )
        return value

    def _quantity(self, line: int, text: str) -> Decimal | None:
        column = self.quantity_column
        if column == "count":
            if not text.isdecimal():  # digits Decimal() reads (not "²", which isdigit() allows)
                self.error(
                    line, column, _("expected a whole number ≥ 0, got %(value)r") % {"value": text}
                )
                return None
            if len(text) > _WHOLE_DIGITS:
                self.error(line, column, _("too large"))
                return None
            return Decimal(text)
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.error(
                line,
                column,
                _("expected a number of hours such as 2.5, got %(value)r") % {"value": text},
            )
            return None
        if (
            not value.is_finite()
            or value < 0
            or value.as_tuple().exponent < -_QUANTITY.decimal_places
        ):
            self.error(
                line,
                column,
                _("expected hours ≥ 0 with at most two decimals, got %(value)r") % {"value": text},
            )
            return None
        if value > MAX_FLIGHT_HOURS:
            self.error(
                line,
                column,
                _("a flight of more than 24 hours (%(value)s) is not plausible") % {"value": text},
            )
            return None
        return value

    def _classification(self, line: int, text: str, target: Target | None) -> int:
        floor = target.classification if target is not None else 0
        if not text:
            return floor
        level = CLASSIFICATION_ALIASES.get(text.lower())
        if level is None:
            hint = difflib.get_close_matches(text.lower(), CLASSIFICATION_ALIASES, n=1)
            self.error(
                line,
                "classification",
                _("unknown classification %(value)r") % {"value": text}
                + (_("; did you mean %(hint)r?") % {"hint": hint[0]} if hint else ""),
            )
            return floor
        if level < floor:
            self.error(
                line, "classification", _("lower than the contribution's own classification")
            )
        elif level > self.user.clearance:
            self.error(line, "classification", _("above your clearance"))
        return level


def check_header(kind: str, header: list[str] | None) -> list[LogIssue]:
    expected = list(COLUMNS[kind])
    if not header:
        return [
            LogIssue(
                1,
                "",
                _("the file is empty; expected the header %(header)s")
                % {"header": ",".join(expected)},
            )
        ]
    issues = []
    names = [name.strip() for name in header]
    for name in names:
        if name not in expected and name not in OPTIONAL:
            hint = difflib.get_close_matches(name, [*expected, *OPTIONAL], n=1)
            issues.append(
                LogIssue(
                    1,
                    name,
                    _("unknown column")
                    + (_("; did you mean %(hint)r?") % {"hint": hint[0]} if hint else ""),
                )
            )
    for name in expected:
        if name not in names:
            issues.append(
                LogIssue(
                    1,
                    name,
                    _("missing column; a %(kind)s log has the columns %(header)s")
                    % {"kind": kind, "header": ",".join(expected)},
                )
            )
    duplicates = sorted({n for n in names if names.count(n) > 1})
    issues.extend(LogIssue(1, name, _("column appears twice")) for name in duplicates)
    return issues
