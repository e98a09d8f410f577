"""API resources of reporting: narrative blocks and signatories, and generated reports.

``POST /api/v1/reports`` builds the progress report (through the reporting service) in the
formats asked for and answers with links to the files. The files are kept per user: only the
user who generated a report can fetch it, as they may contain what only that user may see.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from missiemonitor.api.fields import KEY_REGEX, StrictRegexField
from missiemonitor.api.queries import BoundedDateField
from missiemonitor.api.resources import record_viewset
from missiemonitor.reporting.models import NarrativeBlock, Signatory
from missiemonitor.reporting.render import FORMATS
from missiemonitor.reporting.selectors import ReportError
from missiemonitor.reporting.services import report_generate, report_user_dir

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "md": "text/markdown",
}
REPORT_ID = r"[0-9a-f]{32}"
FILE_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}"


class ReportRequestSerializer(serializers.Serializer):
    """Which report to generate."""

    period_start = BoundedDateField(
        help_text=_("The first day of the reporting period, YYYY-MM-DD.")
    )
    period_end = BoundedDateField(help_text=_("The last day of the reporting period, YYYY-MM-DD."))
    missions = serializers.ListField(
        child=StrictRegexField(KEY_REGEX, max_length=100),
        required=False,
        max_length=100,
        help_text=_(
            "The missions to report on, by key; default: every mission with a Dutch "
            "contribution in the period."
        ),
    )
    language = serializers.ChoiceField(
        choices=[("nl", "nl"), ("en", "en")],
        default="nl",
        help_text=_("The language of the report."),
    )
    audience = serializers.ChoiceField(
        choices=[("public", "public"), ("restricted", "restricted")],
        default="public",
        help_text=_(
            "public: only unclassified records and figures (for Parliament); restricted: everything "
            "you may see, each classified passage marked."
        ),
    )
    formats = serializers.ListField(
        child=serializers.ChoiceField(choices=list(FORMATS)),
        min_length=1,
        max_length=5,
        default=lambda: ["html"],
        help_text=_("The file formats to write; default html."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["period_end"] < attrs["period_start"]:
            raise serializers.ValidationError(
                {"period_end": [_("The end must not be before the start.")]}
            )
        return attrs


class ReportFileSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=list(FORMATS), help_text=_("The file format."))
    name = serializers.CharField(help_text=_("The file name."))
    size = serializers.IntegerField(help_text=_("The size in bytes."))
    url = serializers.URLField(help_text=_("Where to fetch the file (with the same credentials)."))


class ReportSerializer(serializers.Serializer):
    """A generated report and its files."""

    id = serializers.CharField(help_text=_("The report's identifier."))
    files = ReportFileSerializer(many=True, help_text=_("The files written, one per format."))


def _report_dir(user: Any, report_id: str) -> Path:
    return report_user_dir(user=user, batch=report_id)


def _describe(request: Request, report_id: str, paths: list[Path]) -> dict[str, Any]:
    base = request.build_absolute_uri(f"/api/v1/reports/{report_id}/files/")
    return {
        "id": report_id,
        "files": [
            {
                "format": path.suffix.lstrip("."),
                "name": path.name,
                "size": path.stat().st_size,
                "url": base + path.name,
            }
            for path in sorted(paths)
        ],
    }


class ReportsView(APIView):
    """Generate the progress report for a period, in one or more formats. Answers with links
    to the files, which only you can fetch."""

    problems = (400,)

    @extend_schema(
        request=ReportRequestSerializer,
        responses={201: ReportSerializer},
        operation_id="reports_create",
    )
    def post(self, request: Request) -> Response:
        body = ReportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        report_id = uuid.uuid4().hex
        try:
            paths = report_generate(
                user=request.user,
                start=data["period_start"],
                end=data["period_end"],
                mission_keys=data.get("missions") or None,
                language=data["language"],
                audience=data["audience"],
                formats=list(dict.fromkeys(data["formats"])),
                out_dir=_report_dir(request.user, report_id),
            )
        except ReportError as exc:
            raise exceptions.ValidationError({"": [str(exc)]}) from None
        location = request.build_absolute_uri(f"/api/v1/reports/{report_id}")
        return Response(
            _describe(request, report_id, paths),
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


def _report_paths(request: Request, report_id: str) -> list[Path]:
    directory = _report_dir(request.user, report_id)
    if not re.fullmatch(REPORT_ID, report_id) or not directory.is_dir():
        raise exceptions.NotFound()
    return [
        path for path in directory.iterdir() if path.is_file() and not path.name.startswith(".")
    ]


class ReportView(APIView):
    """A report you generated, with its files."""

    problems = (404,)

    @extend_schema(
        responses=ReportSerializer,
        operation_id="reports_retrieve",
        parameters=[
            OpenApiParameter(
                "report_id",
                str,
                OpenApiParameter.PATH,
                pattern=f"^{REPORT_ID}$",
                description=_("The report's identifier."),
            )
        ],
    )
    def get(self, request: Request, report_id: str) -> Response:
        return Response(_describe(request, report_id, _report_paths(request, report_id)))


class ReportFileView(APIView):
    """One file of a report you generated."""

    problems = (404,)

    @extend_schema(
        operation_id="reports_files_retrieve",
        responses={(200, media): OpenApiTypes.BINARY for media in MEDIA_TYPES.values()},
        parameters=[
            OpenApiParameter(
                "report_id",
                str,
                OpenApiParameter.PATH,
                pattern=f"^{REPORT_ID}$",
                description=_("The report's identifier."),
            ),
            OpenApiParameter(
                "name",
                str,
                OpenApiParameter.PATH,
                pattern=f"^{FILE_NAME}$",
                description=_("The file name."),
            ),
        ],
    )
    def get(self, request: Request, report_id: str, name: str) -> FileResponse:
        paths = {path.name: path for path in _report_paths(request, report_id)}
        path = paths.get(name)
        if path is None:
            raise exceptions.NotFound()
        media = MEDIA_TYPES.get(path.suffix.lstrip("."), "application/octet-stream")
        return FileResponse(
            path.open("rb"), content_type=media, as_attachment=True, filename=path.name
        )


ROUTES = [
    ("narrative-blocks", record_viewset(NarrativeBlock, search=("key", "heading", "text"))),
    ("signatories", record_viewset(Signatory, search=("key", "name", "function"))),
]
URLS = [
    ("reports", ReportsView),
    ("reports/<str:report_id>", ReportView),
    ("reports/<str:report_id>/files/<str:name>", ReportFileView),
]
