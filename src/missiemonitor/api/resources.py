"""Declaring a record resource in one line: ``record_viewset(Model)`` gives a viewset with its
serializer (named after the model, which names its schema components) and its filters."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import translation

from missiemonitor.api.filters import record_filterset
from missiemonitor.api.serializers import RecordSerializer
from missiemonitor.api.viewsets import ReadOnlyRecordViewSet, RecordViewSet

SORTABLE_NAMES = {"date", "start", "valid_from", "order", "issued", "due", "name", "title", "code"}


def record_serializer(
    model: type[models.Model],
    *,
    base: type[RecordSerializer] = RecordSerializer,
    read_only_fields: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    nested: tuple[str, ...] = (),
    **declared: Any,
) -> type[RecordSerializer]:
    """A serializer of ``model``. ``nested`` names declared list fields of unkeyed records
    written with the parent (such as the levels of a rating scale)."""
    meta_attrs: dict[str, Any] = {"model": model, "exclude": ("id", *exclude), "nested": nested}
    if read_only_fields:
        meta_attrs["read_only_fields"] = read_only_fields
    meta = type("Meta", (base.Meta,), meta_attrs)
    return type(
        f"{model.__name__}Serializer",
        (base,),
        {
            "Meta": meta,
            **declared,
            "__module__": model.__module__,
            "__doc__": describe_model(model),
        },
    )


def _ordering_fields(model: type[models.Model]) -> tuple[str, ...]:
    fields = ["key", "created_at", "updated_at"]
    for field in model._meta.concrete_fields:
        if field.name in SORTABLE_NAMES and not field.null and field.name not in fields:
            fields.append(field.name)
    return tuple(fields)


def describe_model(model: type[models.Model]) -> str:
    """The description of a resource in the contract, which is written in English whatever
    language is active when the module is imported."""
    doc = (model.__doc__ or "").strip()
    if not doc or doc.startswith(f"{model.__name__}("):
        with translation.override("en"):
            return str(model._meta.verbose_name_plural).capitalize() + "."
    return " ".join(doc.split())


def record_viewset(
    model: type[models.Model],
    *,
    serializer: type[RecordSerializer] | None = None,
    read_only: bool = False,
    search: tuple[str, ...] | None = None,
    base: type | None = None,
    **attrs: Any,
) -> type[ReadOnlyRecordViewSet]:
    bases = (base or (ReadOnlyRecordViewSet if read_only else RecordViewSet),)
    namespace: dict[str, Any] = {
        "__doc__": describe_model(model),
        "__module__": model.__module__,
        "queryset": model.objects.all(),
        "serializer_class": serializer or record_serializer(model),
        "filterset_class": record_filterset(model, search=search),
        "ordering_fields": _ordering_fields(model),
        **attrs,
    }
    return type(f"{model.__name__}ViewSet", bases, namespace)
