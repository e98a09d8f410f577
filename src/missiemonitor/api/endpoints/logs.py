"""API of activity logs (part of the results API): reading log entries, and importing a whole
flight, movement or event log in one request, as CSV or as JSON Lines.

The import streams: the body is read line by line and handed to the results app's
``log_import_csv`` service, which validates every row and inserts in batches inside one
transaction, so memory stays flat and a file with any wrong row writes nothing. JSON Lines are
turned into the same CSV rows on the way (one object per line, with the CSV's column names).
Errors name their row: the line of the file (for CSV the header is line 1).
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from collections.abc import Iterable, Iterator
from itertools import chain

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from missiemonitor.api.filters import StrictFilterBackend, record_filterset
from missiemonitor.api.pagination import RecordCursorPagination
from missiemonitor.api.permissions import RecordPermission
from missiemonitor.api.problems import InvalidRows
from missiemonitor.api.queries import QuerySerializer
from missiemonitor.api.serializers import RecordSerializer
from missiemonitor.api.viewsets import RecordOrderingFilter, optimised
from missiemonitor.interchange.logs.importer import (
    COLUMNS,
    OPTIONAL,
    LogImportError,
    LogIssue,
    log_batch_delete,
    log_import_csv,
)
from missiemonitor.results.models import LogEntry
from missiemonitor.results.models.indicators import LogKind

CSV_TYPES = ("text/csv",)
BATCH_REGEX = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
JSONL_TYPES = ("application/jsonl", "application/x-ndjson", "application/json-lines")


class LogEntrySerializer(RecordSerializer):
    """One row of an activity log: a flight, a movement or another countable event."""

    class Meta:
        model = LogEntry
        fields = (
            "kind",
            "contribution",
            "mission",
            "classification",
            "date",
            "quantity",
            "category",
            "asset",
            "area",
            "batch",
        )
        read_only_fields = fields
        extra_kwargs = {
            "kind": {"help_text": gettext_lazy("Which log: flight, movement or event.")},
            "date": {"help_text": gettext_lazy("The day of the flight, movement or event.")},
            "area": {"help_text": gettext_lazy("Where, for movements and events.")},
        }


class LogEntryPagination(RecordCursorPagination):
    ordering = ("date",)


class LogEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Rows of the activity logs, which indicators can be computed from. Rows have no key;
    they are added by importing a log (POST /api/v1/log-imports)."""

    queryset = LogEntry.objects.all()
    serializer_class = LogEntrySerializer
    permission_classes = [RecordPermission]
    pagination_class = LogEntryPagination
    filter_backends = [StrictFilterBackend, RecordOrderingFilter]
    filterset_class = record_filterset(LogEntry, search=("category", "asset", "area", "batch"))
    ordering_fields = ("date",)
    ordering = ("date",)
    ordering_tiebreak = "id"
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return optimised(LogEntry.objects.visible_to(self.request.user), self.request.user)


class LogImportQuerySerializer(QuerySerializer):
    kind = serializers.ChoiceField(
        choices=LogKind.choices,
        help_text=gettext_lazy(
            "Which log the file holds: flight (columns contribution, date, aircraft, hours, tasking), "
            "movement (contribution, date, count, area) or event (contribution, date, event_type, "
            "count, area); each may add classification."
        ),
    )
    batch = serializers.RegexField(
        BATCH_REGEX,
        required=False,
        help_text=gettext_lazy(
            "A name for this import, unique per log, so that the same rows cannot be imported "
            "twice. Default: a new name, returned in the answer."
        ),
    )


class LogImportResultSerializer(serializers.Serializer):
    """What an import added."""

    kind = serializers.ChoiceField(
        choices=LogKind.choices, help_text=gettext_lazy("The log imported into.")
    )
    batch = serializers.CharField(
        help_text=gettext_lazy("The name of the import, stored with every row.")
    )
    rows = serializers.IntegerField(help_text=gettext_lazy("Rows added."))
    by_contribution = serializers.DictField(
        child=serializers.IntegerField(), help_text=gettext_lazy("Rows added per contribution key.")
    )


BODY_CHUNK = 1 << 20


def _byte_blocks(read) -> Iterator[bytes]:
    """The body in blocks of whole lines (the last may lack its newline), read in large
    chunks: a readline() per line through the WSGI layers costs more than the import itself."""
    parts: list[bytes] = []
    while chunk := read(BODY_CHUNK):
        cut = chunk.rfind(b"\n") + 1
        if not cut:  # no line ends here yet
            parts.append(chunk)
            continue
        yield b"".join([*parts, chunk[:cut]]) if parts else chunk[:cut]
        parts = [chunk[cut:]] if cut < len(chunk) else []
    if parts:
        yield b"".join(parts)


def _body_lines(request: Request, errors: list[LogIssue]) -> Iterator[str]:
    """The request body as text lines (split at newlines only, as readline() does), read as
    they arrive. A line that is not UTF-8 is recorded against its number and replaced by an
    empty row, so that every other row is still checked (and nothing is written)."""
    return chain.from_iterable(_text_blocks(request._request.read, errors))


def _text_blocks(read, errors: list[LogIssue]) -> Iterator[Iterable[str]]:
    number = 0  # lines handed out so far
    fields = 0  # of the header, for the stand-in rows
    for block in _byte_blocks(read):
        if number == 0:  # the header line, on its own
            end = block.find(b"\n") + 1 or len(block)
            try:
                text = block[:end].decode("utf-8")
            except UnicodeDecodeError as exc:
                errors.append(
                    LogIssue(
                        1,
                        "",
                        _("not UTF-8 text (byte %(byte)d of the line)") % {"byte": exc.start + 1},
                    )
                )
                return
            text = text.removeprefix("\ufeff")
            fields = len(next(csv.reader([text]), []))
            number = 1
            yield (text,)
            block = block[end:]
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            lines = []
            for line in io.BytesIO(block):  # at b"\n" only
                number += 1
                try:
                    lines.append(line.decode("utf-8"))
                except UnicodeDecodeError as exc:
                    errors.append(
                        LogIssue(
                            number,
                            "",
                            _("not UTF-8 text (byte %(byte)d of the line)")
                            % {"byte": exc.start + 1},
                        )
                    )
                    lines.append("," * max(fields - 1, 0) + "\n")
            yield lines
        else:
            number += text.count("\n") + (bool(text) and not text.endswith("\n"))
            yield io.StringIO(text, newline="\n")  # iterates at "\n" only, keeping it


def _jsonl_as_csv(lines: Iterator[str], kind: str, errors: list[LogIssue]) -> Iterator[str]:
    """JSON Lines as CSV lines for the CSV import: a header, then one row per object. An object
    that is not valid becomes an empty row (so the import still checks every other row and
    writes nothing), and its own error is recorded against its line."""
    columns = [*COLUMNS[kind], *OPTIONAL]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")

    def row(values: list[str]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(values)
        return out.getvalue()

    yield row(columns)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            errors.append(LogIssue(number, "", _("an empty line; expected a JSON object")))
            yield row([""] * len(columns))
            continue
        try:
            data = json.loads(line, parse_float=str, parse_int=str)
        except ValueError as exc:
            errors.append(LogIssue(number, "", _("not valid JSON: %(error)s") % {"error": exc}))
            yield row([""] * len(columns))
            continue
        if not isinstance(data, dict):
            errors.append(
                LogIssue(number, "", _("expected a JSON object with the columns as names"))
            )
            yield row([""] * len(columns))
            continue
        bad = False
        for name, value in data.items():
            if name not in columns:
                errors.append(
                    LogIssue(
                        number,
                        name,
                        _("unknown field; expected %(columns)s") % {"columns": ", ".join(columns)},
                    )
                )
                bad = True
            elif not isinstance(value, str):
                errors.append(LogIssue(number, name, _("expected text or a number")))
                bad = True
        yield row([""] * len(columns) if bad else [data.get(name, "") for name in columns])


def _problems(
    issues: list[LogIssue], own: list[LogIssue], *, jsonl: bool, total: int
) -> InvalidRows:
    """The import's issues (lines of the CSV it read) and our own (lines of the body) as one
    list of problems by row of the body."""
    own_rows = {issue.line for issue in own}
    params = [
        {"name": issue.column, "code": "invalid", "reason": issue.message, "row": issue.line}
        for issue in own
    ]
    for issue in issues:
        line = issue.line - 1 if jsonl and issue.line > 0 else issue.line
        if line in own_rows:
            continue  # the empty stand-in row of a line already reported
        entry = {"name": issue.column, "code": "invalid", "reason": issue.message}
        if line > 0:
            entry["row"] = line
        params.append(entry)
    params.sort(key=lambda p: (p.get("row", 0), p["name"]))
    count = len(params) + max(0, total - len(issues))
    return InvalidRows(
        _("%(count)d problem(s) in the log; nothing was written.") % {"count": count}, params
    )


class LogImportView(APIView):
    """Import a whole flight, movement or event log in one request, as CSV (text/csv, with a
    header line) or JSON Lines (application/jsonl, one object per line). Every row is checked;
    if any is wrong nothing is written and every problem is answered with its row."""

    permission_classes = [RecordPermission]
    problems = (400, 403, 415)

    @extend_schema(
        operation_id="log_imports_create",
        parameters=[LogImportQuerySerializer],
        request={media: {"type": "string"} for media in (*CSV_TYPES, JSONL_TYPES[0])},
        responses={201: LogImportResultSerializer},
    )
    def post(self, request: Request) -> Response:
        query = LogImportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        kind = query.validated_data["kind"]
        batch = query.validated_data.get("batch") or (
            f"api-{timezone.localtime():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        )
        media = (request.content_type or "").split(";")[0].strip().lower()
        if media not in (*CSV_TYPES, *JSONL_TYPES):
            raise exceptions.UnsupportedMediaType(media or "none")
        jsonl = media in JSONL_TYPES
        own: list[LogIssue] = []
        lines = _body_lines(request, own)
        if jsonl:
            lines = _jsonl_as_csv(lines, kind, own)
        try:
            with transaction.atomic():
                result = log_import_csv(
                    kind=kind, stream=lines, user=request.user, batch=batch, filename="<request>"
                )
                if own:  # the first line was not UTF-8 text: the import saw nothing to refuse
                    raise LogImportError([], total=0)
        except LogImportError as exc:
            raise _problems(exc.issues, own, jsonl=jsonl, total=exc.total) from None
        return Response(LogImportResultSerializer(result).data, status=status.HTTP_201_CREATED)


class LogImportBatchView(APIView):
    """An imported batch of a log: delete it to replace a wrong import. All of its rows go, or
    none (when part of the batch is outside what you may see)."""

    permission_classes = [RecordPermission]
    problems = (403, 404)

    @extend_schema(
        operation_id="log_imports_destroy",
        responses={204: None},
        parameters=[
            OpenApiParameter(
                "kind",
                str,
                OpenApiParameter.PATH,
                enum=list(LogKind.values),
                description=gettext_lazy("The log: flight, movement or event."),
            ),
            OpenApiParameter(
                "batch",
                str,
                OpenApiParameter.PATH,
                pattern=BATCH_REGEX,
                description=gettext_lazy("The name of the import."),
            ),
        ],
    )
    def delete(self, request: Request, kind: str, batch: str) -> Response:
        if kind not in LogKind.values or not re.fullmatch(BATCH_REGEX, batch):
            raise exceptions.NotFound()
        if not log_batch_delete(user=request.user, kind=kind, batch=batch):
            raise exceptions.NotFound()
        return Response(status=status.HTTP_204_NO_CONTENT)
