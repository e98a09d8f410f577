"""The base viewset of record resources.

* Reads start from ``Model.objects.visible_to(request.user)``: a record the user may not see
  is answered 404, exactly as one that does not exist.
* Records are addressed by key: ``/api/v1/<resources>/<key>``.
* Writes go through the record services (``core.records``); an update or delete must name the
  version it is based on (``If-Match``): missing is 428, stale is 412.
* Lists are cursor-paginated and their query count does not grow with page or data size:
  every reference is joined and every list of references prefetched (filtered by visibility).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from missiemonitor.api.concurrency import etag, expected_version, if_match_versions
from missiemonitor.api.filters import StrictFilterBackend
from missiemonitor.api.pagination import RecordCursorPagination
from missiemonitor.api.permissions import RecordPermission
from missiemonitor.api.problems import PreconditionFailed
from missiemonitor.core.models import Record
from missiemonitor.core.records import RecordChanges, record_create, record_delete, record_update

KEY_PATH_REGEX = r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}"


def _related_columns(field: models.ForeignKey) -> list[str]:
    """What a serializer reads of a referenced record: its key and what visibility needs (a
    user's username, a scale level's code); loading whole rows would cost more than the page."""
    related = field.related_model
    if issubclass(related, Record):
        columns = ["key", "classification"]
        if getattr(related, "need_to_know_path", "mission") == "mission":
            columns.append("mission")
        return columns
    if related._meta.label == settings.AUTH_USER_MODEL:
        return ["username"]
    return [f.name for f in related._meta.concrete_fields if not f.is_relation]


def optimised(
    queryset: models.QuerySet, user: Any, nested: tuple[str, ...] = ()
) -> models.QuerySet:
    """``queryset`` with every reference joined (only the columns the answer needs) and every
    list of references prefetched, the latter limited to what ``user`` may see; the query
    count no longer depends on the rows."""
    model = queryset.model
    foreign = [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]
    prefetches: list[Any] = []
    for field in model._meta.many_to_many:
        related = field.related_model
        if issubclass(related, Record):
            prefetches.append(
                Prefetch(
                    field.name,
                    queryset=related.objects.visible_to(user)
                    .only(
                        "pk",
                        "key",
                        "classification",
                        *(["mission"] if related.need_to_know_path == "mission" else []),
                    )
                    .order_by("key"),
                )
            )
        else:
            prefetches.append(field.name)
    prefetches.extend(nested)
    if foreign:
        columns = [f.name for f in model._meta.concrete_fields]
        columns += [f"{f.name}__{c}" for f in foreign for c in _related_columns(f)]
        queryset = queryset.select_related(*(f.name for f in foreign)).only(*columns)
    return queryset.prefetch_related(*prefetches)


class RecordOrderingFilter(OrderingFilter):
    """Sorting by one of the view's ``ordering_fields``, listed in the contract; anything else
    is answered 400."""

    def get_ordering(
        self, request: Request, queryset: models.QuerySet, view: Any
    ) -> tuple[str, ...]:
        params = request.query_params.get(self.ordering_param)
        if params is None:
            return self.get_default_ordering(view)
        allowed = {value for field in view.ordering_fields for value in (field, f"-{field}")}
        fields = [param.strip() for param in params.split(",")]
        if len(fields) != 1 or fields[0] not in allowed:
            raise ValidationError(
                {
                    self.ordering_param: [
                        _("Expected one of: %(values)s.") % {"values": ", ".join(sorted(allowed))}
                    ]
                }
            )
        return tuple(fields)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        choices = [value for field in view.ordering_fields for value in (field, f"-{field}")]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(
                    _(
                        "Sort order: a field, with '-' in front for descending. Records "
                        "with the same value are sorted by key."
                    )
                ),
                "schema": {"type": "string", "enum": choices},
            }
        ]


class ReadOnlyRecordViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """List and read records of one model (records written only by their own services, such
    as workflows and imports, and the base of :class:`RecordViewSet`)."""

    lookup_field = "key"
    lookup_value_regex = KEY_PATH_REGEX
    pagination_class = RecordCursorPagination
    permission_classes = [RecordPermission]
    filter_backends = [StrictFilterBackend, RecordOrderingFilter]
    ordering_fields = ("key", "created_at", "updated_at")
    ordering = ("key",)
    ordering_tiebreak = "key"
    http_method_names = ["get", "head"]
    record_etags = True

    def filter_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        """List parameters filter lists; addressing one record by key needs none of them."""
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_queryset(self) -> models.QuerySet:
        model = self.queryset.model
        nested = tuple(getattr(self.get_serializer_class().Meta, "nested", ()))
        return optimised(model.objects.visible_to(self.request.user), self.request.user, nested)

    # -- reading --------------------------------------------------------------------------------
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        return Response(self.get_serializer(instance).data, headers={"ETag": etag(instance)})

    def get_view_name(self) -> str:
        return self.queryset.model._meta.verbose_name_plural.capitalize()


class RecordViewSet(ReadOnlyRecordViewSet):
    """List, read, create, update and delete records of one model."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head"]

    def changes_from(self, validated: dict[str, Any]) -> tuple[str | None, RecordChanges]:
        model = self.queryset.model
        m2m = {f.name for f in model._meta.many_to_many}
        nested = set(getattr(self.get_serializer_class().Meta, "nested", ()))
        changes = RecordChanges()
        key = validated.get("key")
        for name, value in validated.items():
            if name == "key":
                continue
            if name in m2m:
                changes.m2m[name] = list(value)
            elif name in nested:
                changes.children[name] = [dict(row) for row in value]
            else:
                changes.values[name] = value
        return key, changes

    def _respond(
        self,
        record: Record,
        status_code: int = status.HTTP_200_OK,
        headers: dict[str, str] | None = None,
    ) -> Response:
        fresh = self.get_queryset().get(pk=record.pk)
        return Response(
            self.get_serializer(fresh).data,
            status=status_code,
            headers={"ETag": etag(fresh), **(headers or {})},
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = self.create_record(
            request, serializer.validated_data.get("key"), serializer.validated_data
        )
        location = request.build_absolute_uri(f"{request.path.rstrip('/')}/{record.key}")
        return self._respond(record, status.HTTP_201_CREATED, {"Location": location})

    def create_record(self, request: Request, key: str | None, data: dict[str, Any]) -> Record:
        """The write behind POST; views of records with their own services override it."""
        _key, changes = self.changes_from(data)
        return record_create(user=request.user, model=self.queryset.model, key=key, changes=changes)

    def update_record(
        self, request: Request, instance: Record, version: int, data: dict[str, Any]
    ) -> Record:
        """The write behind PUT and PATCH; views of records with their own services override it."""
        _key, changes = self.changes_from(data)
        return record_update(
            user=request.user, record=instance, changes=changes, expected_version=version
        )

    def refuse_changes(
        self, instance: Record, data: dict[str, Any], names: tuple[str, ...]
    ) -> None:
        """For services that cannot change some fields: refuse a request that would."""
        errors = {}
        for name in names:
            if name in data:
                current = getattr(instance, name)
                new = data[name]
                if (current.pk if hasattr(current, "pk") else current) != (
                    new.pk if hasattr(new, "pk") else new
                ):
                    errors[name] = [_("This field cannot be changed once the record exists.")]
        if errors:
            raise ValidationError(errors)

    def _checked_instance(self, request: Request) -> tuple[Record, int]:
        instance = self.get_object()
        versions = if_match_versions(request)
        version = expected_version(instance, versions)
        if version != instance.version:
            raise PreconditionFailed()
        return instance, version

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        instance, version = self._checked_instance(request)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        record = self.update_record(request, instance, version, serializer.validated_data)
        return self._respond(record)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance, version = self._checked_instance(request)
        self.delete_record(request, instance, version)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def delete_record(self, request: Request, instance: Record, version: int) -> None:
        """The write behind DELETE; views of records with a workflow override it with the
        service that enforces it."""
        record_delete(user=request.user, record=instance, expected_version=version)
