"""Filtering of record lists (django-filter): by mission, period, classification, status, free
text, by each referenced record (by key) and by each choice field. Every filter validates its
input, so a bad value is answered 400, never a server error."""

from __future__ import annotations

from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from missiemonitor.core.models import CLASSIFICATION_CODES, Record

SEARCHABLE = (
    "key",
    "name",
    "acronym",
    "title",
    "short_title",
    "text",
    "description",
    "summary",
    "code",
    "asset_type",
    "threat",
    "label",
)
STATUS_FIELDS = ("status", "state")
RESERVED = {
    "q",
    "mission",
    "classification",
    "period_start",
    "period_end",
    "status",
    "ordering",
    "cursor",
    "page_size",
}


class StrictBooleanField(forms.Field):
    """``true`` or ``false``; anything else is an error (not silently ignored)."""

    def to_python(self, value):
        if value is None:
            return None
        if value in ("true", "false"):
            return value == "true"
        raise forms.ValidationError(_("Expected true or false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter ignores a parameter given empty (``?status=``); here that is an error for
    every filter but free text, as the contract says."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not any(
            name in request.query_params for name in filterset_class.base_filters
        ):
            return queryset  # no filter asked for: no form to build and validate
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            empty = [
                name
                for name, value in request.query_params.items()
                if value == ""
                and name in filterset.filters
                and not isinstance(filterset.filters[name], django_filters.CharFilter)
            ]
            if empty:
                raise ValidationError(
                    {name: [_("This parameter must not be empty.")] for name in empty}
                )
        return filterset


class RecordFilterSet(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ()
    period_fields: tuple[str, str | None] | None = None  # (start attribute, end attribute or None)

    def filter_q(self, queryset: models.QuerySet, name: str, value: str) -> models.QuerySet:
        if not value:
            return queryset
        terms = value.split()[:10]
        for term in terms:
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{f}__icontains": term}) for f in self.search_fields))
            )
        return queryset

    def filter_classification(
        self, queryset: models.QuerySet, name: str, value: str
    ) -> models.QuerySet:
        levels = {code: level for level, code in CLASSIFICATION_CODES.items()}
        return queryset.filter(classification=levels[value]) if value else queryset

    def filter_period_start(self, queryset: models.QuerySet, name: str, value) -> models.QuerySet:
        start, end = self.period_fields
        attr = end or start
        return queryset.filter(Q(**{f"{attr}__gte": value}) | Q(**{f"{attr}__isnull": True}))

    def filter_period_end(self, queryset: models.QuerySet, name: str, value) -> models.QuerySet:
        start, _end = self.period_fields
        return queryset.filter(Q(**{f"{start}__lte": value}) | Q(**{f"{start}__isnull": True}))


def _period_fields(model: type[models.Model]) -> tuple[str, str | None] | None:
    names = {f.name for f in model._meta.concrete_fields}
    if {"start", "end"} <= names:
        return ("start", "end")
    for single in ("date", "valid_from", "issued", "due"):
        if single in names:
            return (single, None)
    if "start" in names:
        return ("start", None)
    return None


def record_filterset(
    model: type[models.Model],
    *,
    search: tuple[str, ...] | None = None,
    extra: dict[str, django_filters.Filter] | None = None,
) -> type[RecordFilterSet]:
    """A filter set for ``model``: the common filters plus one per reference and choice."""
    concrete = {f.name: f for f in model._meta.get_fields() if not f.auto_created or f.concrete}
    attrs: dict[str, object] = {}
    search_fields = search or tuple(name for name in SEARCHABLE if name in concrete)
    attrs["q"] = django_filters.CharFilter(
        method="filter_q",
        max_length=200,
        help_text=format_lazy(
            _("Free text: records containing every word (in {fields}), ignoring case."),
            fields=", ".join(search_fields),
        ),
    )
    if issubclass(model, Record) or "classification" in concrete:
        attrs["classification"] = django_filters.ChoiceFilter(
            method="filter_classification",
            choices=[(c, c) for c in CLASSIFICATION_CODES.values()],
            help_text=_("Only records with this classification."),
        )
    if "mission" in concrete and isinstance(concrete["mission"], models.ForeignKey):
        attrs["mission"] = django_filters.CharFilter(
            field_name="mission__key",
            max_length=100,
            help_text=_("Only records of the mission with this key."),
        )
    elif model._meta.label == "missions.Mission":
        attrs["mission"] = django_filters.CharFilter(
            field_name="key", max_length=100, help_text=_("Only the mission with this key.")
        )
    period = _period_fields(model)
    if period:
        attrs["period_start"] = django_filters.DateFilter(
            method="filter_period_start",
            help_text=_("Only records that end (or take place) on or after this date, YYYY-MM-DD."),
        )
        attrs["period_end"] = django_filters.DateFilter(
            method="filter_period_end",
            help_text=_(
                "Only records that start (or take place) on or before this date, YYYY-MM-DD."
            ),
        )
    for name, field in concrete.items():
        if name in STATUS_FIELDS and field.choices:
            attrs["status"] = django_filters.ChoiceFilter(
                field_name=name,
                choices=field.choices,
                help_text=_("Only records in this state of their workflow."),
            )
        elif name in RESERVED or name in attrs or name.endswith("_precision"):
            continue
        elif isinstance(field, (models.ForeignKey, models.ManyToManyField)) and issubclass(
            field.related_model, Record
        ):
            attrs[name] = django_filters.CharFilter(
                field_name=f"{name}__key",
                max_length=100,
                help_text=format_lazy(
                    _("Only records whose {field} has this key."), field=field.verbose_name
                ),
            )
        elif isinstance(field, models.CharField) and field.choices:
            attrs[name] = django_filters.ChoiceFilter(
                field_name=name,
                choices=field.choices,
                help_text=format_lazy(
                    _("Only records with this {field}."), field=field.verbose_name
                ),
            )
        elif isinstance(field, models.BooleanField):
            attrs[name] = StrictBooleanFilter(
                field_name=name,
                help_text=format_lazy(
                    _("Only records with this value of {field}."), field=field.verbose_name
                ),
            )
    attrs.update(extra or {})
    attrs["search_fields"] = search_fields
    attrs["period_fields"] = period
    meta = type("Meta", (), {"model": model, "fields": []})
    attrs["Meta"] = meta
    return type(f"{model.__name__}Filter", (RecordFilterSet,), attrs)
