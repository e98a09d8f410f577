"""The base serializer of domain records. Serializers only translate between JSON and model
values: references are keys, the classification is its code, and every field is described
from the model (help text, else its verbose name). Writing is the services' job
(``core.records``); serializers never save."""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from missiemonitor.api.fields import (
    KEY_REGEX,
    ClassificationField,
    KeyRelatedField,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
    StrictRegexField,
    StrictSlugField,
    StrictURLField,
    UsernameField,
)
from missiemonitor.core.models import Record
from missiemonitor.core.records import mission_field_mode
from missiemonitor.interchange.dataset.spec import section_for_model

# Patterns the dataset format does not state but the report relies on.
EXTRA_PATTERNS = {("core.Source", "dossier"): r"\d{1,3}( ?\d{3})*([- ][A-Z]+)?"}

# Integer bounds that hold on every supported database (PostgreSQL's are the narrowest), so
# that the contract does not depend on where it was generated.
INTEGER_BOUNDS: dict[type[models.Field], tuple[int, int]] = {
    models.PositiveSmallIntegerField: (0, 32767),
    models.SmallIntegerField: (-32768, 32767),
    models.PositiveIntegerField: (0, 2147483647),
    models.IntegerField: (-2147483648, 2147483647),
    models.PositiveBigIntegerField: (0, 9223372036854775807),
    models.BigIntegerField: (-9223372036854775808, 9223372036854775807),
}

RECORD_FIELD_HELP = {
    "key": _(
        "Stable identifier of the record, used in addresses, references, dataset files "
        "and exports. Letters, digits, hyphens and underscores; it never changes."
    ),
    "version": _(
        "Incremented on every change. Send it back as the ETag in If-Match to change "
        "or delete the record."
    ),
    "created_at": _("When the record was created."),
    "updated_at": _("When the record was last changed."),
}


def describe(model_field: models.Field) -> str:
    """A field's description: its help text, or its verbose name as a phrase."""
    if model_field.help_text:
        return model_field.help_text
    return format_lazy("{}.", capfirst(model_field.verbose_name))


def _portable_bounds(model_field: models.Field) -> tuple[int, int] | None:
    for field_class in type(model_field).__mro__:
        if field_class in INTEGER_BOUNDS:
            return INTEGER_BOUNDS[field_class]
    return None


STRICT_FIELDS = {
    models.CharField: StrictCharField,
    models.TextField: StrictCharField,
    models.SlugField: StrictSlugField,
    models.URLField: StrictURLField,
    models.BooleanField: StrictBooleanField,
    **{cls: StrictIntegerField for cls in INTEGER_BOUNDS},
}


class RecordSerializer(serializers.ModelSerializer):
    """Base of every record serializer. Subclasses set ``Meta.model`` (and may add fields)."""

    serializer_related_field = KeyRelatedField
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        **STRICT_FIELDS,
    }
    serializer_choice_field = StrictChoiceField

    class Meta:
        model: type[Record]
        exclude = ("id",)
        # Nested unkeyed lists written with the parent (name -> serializer), such as the levels
        # of a rating scale.
        nested: tuple[str, ...] = ()

    def build_standard_field(self, field_name: str, model_field: models.Field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs.setdefault("help_text", RECORD_FIELD_HELP.get(field_name) or describe(model_field))
        if not kwargs.get("help_text"):
            kwargs["help_text"] = describe(model_field)
        if "choices" in kwargs:  # the choices bound the value; database limits would vary
            kwargs.pop("min_value", None)
            kwargs.pop("max_value", None)
            kwargs["validators"] = [
                v
                for v in kwargs.get("validators", [])
                if not isinstance(v, MinValueValidator | MaxValueValidator)
            ]
        bounds = _portable_bounds(model_field)
        if bounds and "choices" not in kwargs:
            low, high = bounds
            kwargs["min_value"] = (
                max(low, kwargs["min_value"]) if kwargs.get("min_value") is not None else low
            )
            kwargs["max_value"] = high
        self._apply_dataset_rules(field_name, model_field, kwargs)
        if field_name == "key":
            kwargs.pop("allow_unicode", None)
            kwargs["validators"] = [
                v for v in kwargs.get("validators", []) if isinstance(v, UniqueValidator)
            ]
            kwargs["regex"] = KEY_REGEX
            return StrictRegexField, kwargs
        return field_class, kwargs

    def _apply_dataset_rules(
        self, field_name: str, model_field: models.Field, kwargs: dict
    ) -> None:
        """The dataset format's rules for a field (its pattern, its minimum) hold for the API
        too, so a record written here could also have been loaded from a file."""
        section = section_for_model(model_field.model)
        rule = (
            next((f for f in section.fields if f.model_attr == field_name), None)
            if section
            else None
        )
        pattern = (
            rule.pattern
            if rule is not None
            else EXTRA_PATTERNS.get((model_field.model._meta.label, field_name))
        )
        if pattern and "choices" not in kwargs:
            kwargs.setdefault("validators", []).append(
                RegexValidator(
                    f"^(?:{pattern})$", message=_("This value does not have the expected form.")
                )
            )
        if rule is not None and rule.kind == "int" and rule.minimum is not None:
            kwargs["min_value"] = max(rule.minimum, kwargs.get("min_value") or 0)

    def build_relational_field(self, field_name: str, relation_info):
        model_field = relation_info.model_field
        related = relation_info.related_model
        if (
            related is settings.AUTH_USER_MODEL
            or getattr(related._meta, "label", "") == settings.AUTH_USER_MODEL
        ):
            return UsernameField, {"help_text": describe(model_field) if model_field else ""}
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if model_field is not None:
            text = describe(model_field)
            kwargs["help_text"] = (
                format_lazy(
                    "{} {}",
                    text,
                    _("Given by key; in answers null when it is a record you may not see."),
                )
                if not relation_info.to_many
                else format_lazy(
                    "{} {}", text, _("A list of keys; records you may not see are left out.")
                )
            )
        if relation_info.to_many:
            kwargs.setdefault("required", False)
        return field_class, kwargs

    def to_representation(self, instance: Any) -> dict[str, Any]:
        """DRF's loop, with plain attributes read directly: a page of a hundred records reads
        thousands of attributes, and the generic path costs more than the rest of the request."""
        plan = self.__dict__.get("_plan")
        if plan is None:
            plan = self.__dict__["_plan"] = [
                (
                    field.field_name,
                    field,
                    field.source
                    if (
                        type(field).get_attribute is serializers.Field.get_attribute
                        and field.source != "*"
                        and "." not in field.source
                    )
                    else None,
                )
                for field in self._readable_fields
            ]
        result: dict[str, Any] = {}
        for name, field, source in plan:
            if source is not None:
                attribute = getattr(instance, source)
            else:
                try:
                    attribute = field.get_attribute(instance)
                except serializers.SkipField:
                    continue
            result[name] = None if attribute is None else field.to_representation(attribute)
        return result

    def get_fields(self) -> dict[str, serializers.Field]:
        # Building fields from the model costs more than serving a small page, and the result
        # is the same every time: build once per class, then copy (as DRF copies declared
        # fields).
        template = type(self).__dict__.get("_field_template")
        if template is None:
            template = self._build_fields()
            type(self)._field_template = template
        fields = copy.deepcopy(template)
        if (
            "key" in fields
            and self.instance is not None
            and not isinstance(self.instance, (list, models.QuerySet))
        ):
            fields["key"].read_only = True
        return fields

    def _build_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        model = self.Meta.model
        if "classification" in fields:
            fields["classification"] = ClassificationField(required=False)
        if "mission" in fields:
            mode = mission_field_mode(model)
            text = _("The mission this record belongs to, for need-to-know, by key.")
            if mode == "writable":
                required = not model._meta.get_field("mission").null or model._meta.label in {
                    "missions.Contribution",
                    "finance.Expenditure",
                    "missions.PlannedContribution",
                }
                fields["mission"] = KeyRelatedField(
                    queryset=model._meta.get_field("mission").related_model.objects.all(),
                    required=required,
                    allow_null=not required,
                    help_text=format_lazy(
                        "{} {}",
                        text,
                        _(
                            "Empty for a record that concerns no single mission; it is then visible "
                            "on clearance alone."
                        ),
                    ),
                )
            else:
                fields["mission"] = KeyRelatedField(
                    read_only=True,
                    allow_null=True,
                    help_text=format_lazy(
                        "{} {}", text, _("Derived from the record it belongs to.")
                    ),
                )
        nested = set(getattr(self.Meta, "nested", ()))
        first = [name for name in ("key", "classification", "mission") if name in fields]
        rest = [name for name in fields if name not in first and name not in nested]
        return {name: fields[name] for name in [*first, *rest, *[n for n in fields if n in nested]]}
