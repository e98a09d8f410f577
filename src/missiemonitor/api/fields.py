"""Serializer fields of the API: references by key, classification codes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from missiemonitor.core.models import CLASSIFICATION_CODES, Classification
from missiemonitor.core.visibility import can_see
from missiemonitor.interchange.dataset.fields import KEY_PATTERN

KEY_REGEX = KEY_PATTERN.pattern


class KeyRelatedField(serializers.SlugRelatedField):
    """A reference to another record by its key. Only records the requesting user may see can
    be referred to; a reference to one they may not see reads as null (or is left out of a
    list), exactly as if it did not exist."""

    default_error_messages = {
        "does_not_exist": _("No record with key {value!r} exists."),
        "invalid": _("Expected a key."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("slug_field", "key")
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return queryset.visible_to(user)

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str) or not KEY_PATTERN.match(data):
            self.fail("invalid")
        return super().to_internal_value(data)

    def get_attribute(self, instance: Any) -> Any:
        source = self.source
        value = getattr(instance, source) if "." not in source else super().get_attribute(instance)
        if value is None:
            return None
        user = self.__dict__.get("_user")
        if user is None:
            request = self.context.get("request")
            user = self.__dict__["_user"] = request.user if request is not None else False
        if user is not False and not can_see(user, value):
            return None
        return value

    def to_representation(self, obj: Any) -> Any:
        return obj.key

    @classmethod
    def many_init(cls, *args: Any, **kwargs: Any) -> ManyKeyField:
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return ManyKeyField(**list_kwargs)


class ManyKeyField(serializers.ManyRelatedField):
    """A list of references by key; records the user may not see are left out."""

    def to_representation(self, iterable: Any) -> list[str]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return [
            self.child_relation.to_representation(value)
            for value in iterable
            if user is None or can_see(user, value)
        ]


CLASSIFICATION_CHOICES = [
    (code, str(Classification(level).label)) for level, code in CLASSIFICATION_CODES.items()
]


class ClassificationField(serializers.ChoiceField):
    """The classification as its code, such as ``stg-confidentieel``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            _(
                "The highest marking of what this record says: ongerubriceerd (unclassified), "
                "departementaal-vertrouwelijk, stg-confidentieel or stg-geheim; ongerubriceerd when "
                "left out on creation. Users only see records at or below their clearance."
            ),
        )
        super().__init__(choices=list(CLASSIFICATION_CODES.values()), **kwargs)

    def to_internal_value(self, data: Any) -> int:
        code = super().to_internal_value(data)
        return {c: level for level, c in CLASSIFICATION_CODES.items()}[code]

    def to_representation(self, value: Any) -> str:
        return CLASSIFICATION_CODES[int(value)]


@extend_schema_field(OpenApiTypes.STR)
class UsernameField(serializers.Field):
    """A user, shown by username (read-only)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        return value.get_username() if value is not None else None


class KeyRelatedFieldExtension(OpenApiSerializerFieldExtension):
    """A reference is a key; in answers it may be null, for a record the user may not see."""

    target_class = KeyRelatedField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": KEY_REGEX, "maxLength": 100}
        if direction == "response":
            schema["nullable"] = True
        return schema


# -- strict scalars ----------------------------------------------------------------------------
# DRF accepts 5 for a text field, "5" for a number and 1 for true. The contract says what each
# field is, and a request that sends something else is answered 400, as the contract implies.


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictRegexField(serializers.RegexField):
    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictURLField(serializers.URLField):
    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictChoiceField(serializers.ChoiceField):
    """A choice given as the type of its values (3, not "3")."""

    def to_internal_value(self, data: Any) -> Any:
        kinds = {type(value) for value in self.choices}
        if isinstance(data, bool) or (kinds and not isinstance(data, tuple(kinds))):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


class DecimalFieldExtension(OpenApiSerializerFieldExtension):
    """A decimal is answered as a string (exact); in requests a JSON number is accepted too."""

    target_class = "rest_framework.fields.DecimalField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        field = self.target
        digits = field.max_digits - field.decimal_places if field.max_digits else None
        integer = rf"\d{{0,{digits}}}" if digits is not None else r"\d*"
        fraction = rf"(?:\.\d{{0,{field.decimal_places}}})?" if field.decimal_places else ""
        text = {"type": "string", "format": "decimal", "pattern": rf"^-?{integer}{fraction}$"}
        if direction == "response":
            return text
        return {"oneOf": [text, {"type": "number"}]}


class StrictSlugField(serializers.SlugField):
    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
