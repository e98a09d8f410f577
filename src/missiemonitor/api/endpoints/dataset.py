"""The dataset as a whole, through the API: export and load.

``GET /api/v1/dataset`` answers what you may see as a dataset file (YAML, the format of
docs/dataset-format.md). ``POST /api/v1/dataset-loads`` loads such a file: it is validated as
a whole first, every error answered with its line and path, and written in one transaction or
not at all. A load can change any record its file names, so only a coordinator cleared for
everything and with need-to-know for all missions may load.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from missiemonitor.api.problems import PayloadTooLarge
from missiemonitor.api.queries import MissionScopeSerializer
from missiemonitor.core.permissions import can_load_datasets
from missiemonitor.interchange.dataset import (
    DatasetError,
    DatasetIssue,
    dataset_export,
    dataset_load_text,
)

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml")


class DatasetQuerySerializer(MissionScopeSerializer):
    title = serializers.CharField(
        max_length=200, required=False, help_text=gettext_lazy("A title for the file's header.")
    )


class DatasetView(APIView):
    """Everything you may see, as a dataset file (YAML). Loading it elsewhere gives the same
    records; loading it here changes nothing."""

    problems = (400,)

    @extend_schema(
        parameters=[DatasetQuerySerializer],
        operation_id="dataset_retrieve",
        responses={
            (200, "application/yaml"): {
                "type": "object",
                "additionalProperties": True,
                "description": "A dataset file: see docs/dataset-format.md.",
            }
        },
    )
    def get(self, request: Request) -> HttpResponse:
        query = DatasetQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text = dataset_export(
            user=request.user,
            mission_keys=query.mission_keys(),
            title=query.validated_data.get("title"),
        )
        return HttpResponse(text, content_type="application/yaml; charset=utf-8")


class LoadStatsSerializer(serializers.Serializer):
    """What a load changed, per section of the file."""

    created = serializers.DictField(
        child=serializers.IntegerField(), help_text=gettext_lazy("Records created, per section.")
    )
    updated = serializers.DictField(
        child=serializers.IntegerField(), help_text=gettext_lazy("Records changed, per section.")
    )
    unchanged = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=gettext_lazy("Records already as in the file, per section."),
    )
    deleted = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=gettext_lazy(
            "Nested items removed because the file no longer lists them, per section."
        ),
    )


class DatasetLoadsView(APIView):
    """Load a dataset file (YAML, as exported): validated as a whole, then written in one
    transaction. Any error (with its line and path) means nothing is written."""

    problems = (400, 403, 413, 415)

    @extend_schema(
        request={media: {"type": "string"} for media in YAML_TYPES[:1]},
        responses={200: LoadStatsSerializer},
        operation_id="dataset_loads_create",
    )
    def post(self, request: Request) -> Response:
        if not can_load_datasets(request.user):
            raise exceptions.PermissionDenied(
                _(
                    "Only a coordinator cleared for everything, with need-to-know for all missions, "
                    "may load a dataset."
                )
            )
        media = (request.content_type or "").split(";")[0].strip().lower()
        if media not in YAML_TYPES:
            raise exceptions.UnsupportedMediaType(media or "none")
        limit = settings.MM_DATASET_MAX_BYTES
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > limit:
            raise PayloadTooLarge()
        raw = request._request.read(limit + 1)
        if len(raw) > limit:
            raise PayloadTooLarge()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise DatasetError(
                [DatasetIssue(line, "", f"not UTF-8 text (byte {exc.start})")], "<request>"
            ) from None
        stats = dataset_load_text(text=text, filename="<request>")
        return Response(
            LoadStatsSerializer(
                {
                    "created": dict(stats.created),
                    "updated": dict(stats.updated),
                    "unchanged": dict(stats.unchanged),
                    "deleted": dict(stats.deleted),
                }
            ).data,
            status=status.HTTP_200_OK,
        )


URLS = [("dataset", DatasetView), ("dataset-loads", DatasetLoadsView)]
