"""The Django admin is the administrators' baseline editor. It follows the same rules as the
pages and the API:

* **Visibility.** Lists, inlines, the choices of every reference (dropdowns and filters) and
  the references shown in lists pass the visibility rule (``visible_to(request.user)``): an
  administrator never sees the key or name of a record above their clearance or outside their
  missions, not even as an option.
* **Versions.** A change saved in the admin bumps ``version`` like the services do, so an API
  client or a page holding the old version gets a conflict instead of silently overwriting it.
* **Classification.** A record is not saved classified lower than what it belongs to
  (:mod:`missiemonitor.core.hierarchy`).
* **Read-only where the rules live in a workflow.** Condition assessments, field reports and
  evidence move through a review cycle with four eyes (:mod:`missiemonitor.core.permissions`);
  the admin cannot enforce who submits and who approves, so it shows them without changing
  them. Deleting records is not offered either: a delete can cascade to records the
  administrator cannot see, which the record services check and the admin does not.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from missiemonitor.core.hierarchy import classification_check
from missiemonitor.core.models import Organisation, Record, Source
from missiemonitor.core.permissions import REVIEW_MODELS, REVIEW_PARTS
from missiemonitor.core.visibility import can_see, visibility_q
from missiemonitor.core.workflow import VersionConflict

READ_ONLY_MODELS = frozenset(REVIEW_MODELS) | REVIEW_PARTS


def _visible(model: type[models.Model], request: HttpRequest, qs: QuerySet) -> QuerySet:
    if issubclass(model, Record):
        return qs.filter(visibility_q(model, request.user))
    return qs


class RecordAdminForm(forms.ModelForm):
    """Refuses a classification lower than that of the record this one belongs to, and a save
    of a record that someone else changed since the form was read (the version it was read
    at travels with the form; the stored row is locked until the admin's transaction ends)."""

    read_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self.instance, Record) and self.instance.pk:
            self.fields["read_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        read = cleaned.get("read_version")
        if isinstance(self.instance, Record) and self.instance.pk and read is not None:
            stored = (type(self.instance).objects.select_for_update()
                      .values_list("version", flat=True).get(pk=self.instance.pk))
            if stored != read:
                raise ValidationError(VersionConflict(self.instance, read, stored).message)
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()
        if isinstance(self.instance, Record) and "classification" not in self._errors:
            try:
                classification_check(self.instance)
            except ValidationError as exc:
                self._update_errors(exc)


class VisibleMixin:
    """Reference choices limited to what the user may see."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.related_model
        if issubclass(related, Record) and "queryset" not in kwargs:
            kwargs["queryset"] = related.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.related_model
        if issubclass(related, Record) and "queryset" not in kwargs:
            kwargs["queryset"] = related.objects.visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return _visible(self.model, request, super().get_queryset(request))

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            _hide_references([obj], request.user)
        return obj

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if issubclass(self.model, Record):
            return False
        return super().has_delete_permission(request, obj)

    def _read_only(self) -> bool:
        return self.model._meta.label in READ_ONLY_MODELS

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return not self._read_only() and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._read_only() and super().has_change_permission(request, obj)


def _hide_references(objs: list[models.Model], user: Any) -> None:
    """References of ``objs`` to records the user may not see read as empty on their page (a
    read-only field would otherwise name them); the stored references are untouched. One query
    per kind of reference."""
    if not objs:
        return
    for field in objs[0]._meta.concrete_fields:
        related = field.related_model if field.many_to_one else None
        if related is None or not issubclass(related, Record):
            continue
        ids = {getattr(obj, field.attname) for obj in objs} - {None}
        seen = set(related.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        for obj in objs:
            if getattr(obj, field.attname) not in seen | {None}:
                field.set_cached_value(obj, None)


class VisibleRelatedFilter(admin.RelatedFieldListFilter):
    """A filter by a reference that offers only the records the user may see."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list:
        related = field.related_model
        if not issubclass(related, Record):
            return super().field_choices(field, request, model_admin)
        return [(obj.pk, str(obj)) for obj in related.objects.visible_to(request.user)]


def _reference_column(name: str, label: str, user: Any) -> Any:
    def column(obj: models.Model) -> str:
        value = getattr(obj, name)
        if value is None:
            return "-"
        return str(value) if not isinstance(value, Record) or can_see(user, value) else "-"

    column.short_description = label  # type: ignore[attr-defined]
    column.admin_order_field = name  # type: ignore[attr-defined]
    return column


class RecordInline(VisibleMixin, admin.TabularInline):
    """An inline of records: only the visible ones, with visible choices, and references to
    records the user may not see shown empty."""

    extra = 0
    form = RecordAdminForm

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        user = request.user

        class HidingFormSet(formset):  # type: ignore[valid-type, misc]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                _hide_references([form.instance for form in self.forms if form.instance.pk], user)

        return HidingFormSet


class RecordStackedInline(RecordInline):
    template = admin.StackedInline.template


class RecordAdmin(VisibleMixin, admin.ModelAdmin):
    """Admin for a :class:`~missiemonitor.core.models.Record`: visibility applied, key first."""

    form = RecordAdminForm
    list_display: tuple[str, ...] = ("key", "__str__", "classification")
    list_filter: tuple[str, ...] = ("classification",)
    search_fields: tuple[str, ...] = ("key",)
    readonly_fields: tuple[str, ...] = ("version", "created_at", "updated_at")

    def _reference(self, name: str) -> models.Field | None:
        try:
            field = self.model._meta.get_field(name)
        except Exception:  # a method or "__str__"
            return None
        return field if field.many_to_one else None

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        columns: list[Any] = []
        for name in super().get_list_display(request):
            field = self._reference(name) if isinstance(name, str) else None
            columns.append(_reference_column(name, field.verbose_name, request.user) if field else name)
        return columns

    def get_list_display_links(self, request: HttpRequest, list_display: Any) -> Any:
        return [list_display[0]] if list_display else None

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [(name, VisibleRelatedFilter) if isinstance(name, str) and self._reference(name) else name
                for name in super().get_list_filter(request)]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and isinstance(obj, Record):
            _bump(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for inline_form in formset.forms:
            instance = inline_form.instance
            if isinstance(instance, Record) and instance.pk and inline_form.has_changed():
                _bump(instance)
        super().save_formset(request, form, formset, change)


def _bump(obj: Record) -> None:
    """The next version, counted from the stored row (locked until the admin's transaction
    ends), as :func:`missiemonitor.core.workflow.bump` does."""
    stored = type(obj).objects.select_for_update().values_list("version", flat=True).get(pk=obj.pk)
    obj.version = stored + 1


@admin.register(Organisation)
class OrganisationAdmin(RecordAdmin):
    list_display = ("key", "name", "acronym", "kind")
    search_fields = ("key", "name", "acronym")


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    list_display = ("key", "title", "kind", "date")
    search_fields = ("key", "title")
