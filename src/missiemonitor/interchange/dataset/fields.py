"""Field kinds of the dataset format. Each kind checks a value read from the file, turns it
into model attribute values, and turns model values back into the file's form."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from missiemonitor.core.models import CLASSIFICATION_ALIASES, CLASSIFICATION_CODES
from missiemonitor.core.periods import (  # the textual forms of dates belong to core
    Invalid,
    format_datetime,
    format_fuzzy,
    parse_date,
    parse_datetime,
    parse_fuzzy,
    parse_period,
    period_code,
    type_name,
)

KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")


@dataclass(frozen=True)
class Field:
    """One field of a section. ``name`` is the name in the file and, unless ``attr`` says
    otherwise, of the model attribute."""

    name: str
    kind: str  # str text int decimal bool date datetime fuzzy period choice classification ref refs codes mapping level
    required: bool = False
    attr: str | None = None
    target: str | None = None  # section name, for ref and refs
    choices: tuple[Any, ...] = ()
    minimum: Any = 0
    max_length: int | None = None
    end: bool = False  # for fuzzy dates that close a period
    pattern: str | None = None
    help: str = ""
    default: Any = field(default=None)

    @property
    def model_attr(self) -> str:
        return self.attr or self.name

    def empty_value(self) -> Any:
        """The model value when the field is absent from the file."""
        if self.default is not None:
            return self.default
        return {
            "str": "", "text": "", "bool": False, "codes": [], "mapping": {}, "refs": [],
            "classification": 0, "choice": "" if not self.choices or isinstance(self.choices[0], str) else None,
        }.get(self.kind)

    # -- reading ----------------------------------------------------------------------------
    def clean(self, value: Any) -> Any:
        """Check ``value`` from the file and return the cleaned value (refs stay as keys)."""
        kind = self.kind
        if kind in {"str", "text"}:
            if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
                raise Invalid(f"expected text, got {type_name(value)}")
            value = str(value)
            if self.required and not value.strip():
                raise Invalid("must not be empty")
            if self.max_length and len(value) > self.max_length:
                raise Invalid(f"is {len(value)} characters long; at most {self.max_length} allowed")
            if self.pattern and not re.fullmatch(self.pattern, value):
                raise Invalid(f"{value!r} does not have the expected form ({self.help or self.pattern})")
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise Invalid(f"expected a whole number, got {type_name(value)} {value!r}")
            if self.minimum is not None and value < self.minimum:
                raise Invalid(f"must not be below {self.minimum}, got {value}")
            return value
        if kind == "decimal":
            if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
                raise Invalid(f"expected a number, got {type_name(value)} {value!r}")
            number = Decimal(value)
            if self.minimum is not None and number < self.minimum:
                raise Invalid(f"must not be negative, got {value}")
            if abs(number) >= Decimal(10) ** 15:
                raise Invalid(f"{value} is too large")
            return number
        if kind == "bool":
            if not isinstance(value, bool):
                raise Invalid(f"expected true or false, got {type_name(value)} {value!r}")
            return value
        if kind == "date":
            return parse_date(value)
        if kind == "datetime":
            return parse_datetime(value)
        if kind == "fuzzy":
            return parse_fuzzy(value, end=self.end)
        if kind == "period":
            return parse_period(value)
        if kind == "choice":
            if value not in self.choices or isinstance(value, bool):
                allowed = ", ".join(str(c) for c in self.choices)
                raise Invalid(f"unknown value {value!r}; expected one of: {allowed}")
            return value
        if kind == "classification":
            if not isinstance(value, str) or value not in CLASSIFICATION_ALIASES:
                allowed = ", ".join(CLASSIFICATION_ALIASES)
                raise Invalid(f"unknown classification {value!r}; expected one of: {allowed}")
            return CLASSIFICATION_ALIASES[value]
        if kind in {"ref", "level"}:
            if not isinstance(value, str) or not KEY_PATTERN.match(value):
                raise Invalid(f"expected a key, got {type_name(value)} {value!r}")
            return value
        if kind in {"refs", "codes"}:
            if not isinstance(value, list):
                raise Invalid(f"expected a list, got {type_name(value)}")
            items = []
            for index, item in enumerate(value):
                if not isinstance(item, str) or (kind == "refs" and not KEY_PATTERN.match(item)):
                    raise Invalid(f"item {index}: expected a key, got {type_name(item)} {item!r}")
                if self.pattern and not re.fullmatch(self.pattern, item):
                    raise Invalid(f"item {index}: {item!r} does not have the expected form ({self.help})")
                if item in items:
                    raise Invalid(f"item {index}: {item!r} is listed twice")
                items.append(item)
            return items
        if kind == "mapping":
            if not isinstance(value, dict):
                raise Invalid(f"expected a mapping, got {type_name(value)}")
            for k, v in value.items():
                if not isinstance(v, str):
                    raise Invalid(f"{k}: expected a code, got {type_name(v)}")
            return dict(value)
        raise AssertionError(f"unknown field kind {kind}")  # pragma: no cover

    # -- model attributes ---------------------------------------------------------------------
    def to_attrs(self, cleaned: Any) -> dict[str, Any]:
        """Model attribute values for a cleaned non-reference value."""
        attr = self.model_attr
        if self.kind == "fuzzy":
            if cleaned is None:
                return {attr: None, f"{attr}_precision": "day"}
            return {attr: cleaned[0], f"{attr}_precision": cleaned[1]}
        if self.kind == "period":
            start_attr, end_attr = (self.attr or "start,end").split(",")
            if cleaned is None:
                return {start_attr: None, end_attr: None}
            return {start_attr: cleaned[0], end_attr: cleaned[1]}
        if cleaned is None:
            return {attr: self.empty_value()}
        return {attr: cleaned}

    def model_attrs(self) -> list[str]:
        attr = self.model_attr
        if self.kind == "fuzzy":
            return [attr, f"{attr}_precision"]
        if self.kind == "period":
            return (self.attr or "start,end").split(",")
        if self.kind in {"ref", "level"}:
            return [f"{attr}_id"]
        if self.kind == "refs":
            return []
        return [attr]

    # -- writing ------------------------------------------------------------------------------
    def to_file(self, obj: Any) -> Any:
        """The file value for this field of model instance ``obj`` (refs handled by caller).
        ``None`` means: leave the field out (it holds the model's default)."""
        attr = self.model_attr
        if self.kind not in {"fuzzy", "period"} and not self.required:
            default = type(obj)._meta.get_field(attr).get_default()
            if getattr(obj, attr) == default:
                return None
        if self.kind == "fuzzy":
            value = getattr(obj, attr)
            return None if value is None else format_fuzzy(value, getattr(obj, f"{attr}_precision"))
        if self.kind == "period":
            start_attr, end_attr = (self.attr or "start,end").split(",")
            start, end = getattr(obj, start_attr), getattr(obj, end_attr)
            return None if start is None else period_code(start, end)
        value = getattr(obj, attr)
        if self.kind == "classification":
            return None if value == 0 else CLASSIFICATION_CODES[value]
        if self.kind == "decimal":
            return None if value is None else Decimal(value)
        if self.kind == "datetime":
            return None if value is None else format_datetime(value)
        if value in (None, "", [], {}) or (self.kind == "bool" and value is False):
            return None
        if self.default is not None and value == self.default:
            return None
        if self.kind == "codes":
            return list(value)
        if self.kind == "mapping":
            return {k: value[k] for k in sorted(value)}
        return value
