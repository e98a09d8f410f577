"""Checks of meaning that need more than one field or record: periods, mission consistency,
classification of owned records, scale levels, disaggregations, evidence and cycles."""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Protocol

from missiemonitor.core.models import CLASSIFICATION_CODES
from missiemonitor.interchange.dataset.fields import format_fuzzy
from missiemonitor.interchange.dataset.items import Item


class Validator(Protocol):
    """What these checks need of the validator that calls them
    (:class:`missiemonitor.interchange.dataset.validate.Validator`)."""

    index: dict[str, dict[str, Item]]

    def error(self, line: int | None, path: str, message: str) -> None: ...

    def exists(self, target: str, key: str) -> bool: ...

    def ref_mission(self, target: str, key: str) -> str | None: ...

    def ref_classification(self, target: str, key: str) -> int: ...


def _code(level: int) -> str:
    return CLASSIFICATION_CODES[level]


def check_item(v: Validator, item: Item) -> None:
    _check_period(v, item)
    _check_classification(v, item)
    name = item.section.name
    if name == "contributions" and item.mission_key:
        for planned in item.values.get("realises", []):
            mission = v.ref_mission("planned_contributions", planned)
            if mission and mission != item.mission_key:
                v.error(item.line_of("realises"), f"{item.path}.realises",
                        f"planned contribution {planned!r} is for mission {mission!r}, "
                        f"but this contribution is for {item.mission_key!r}")
    elif (item.section.mission in {"explicit", "required"} and item.values.get("contribution")
          and item.mission_key and v.exists("contributions", item.values["contribution"])):
        mission = v.ref_mission("contributions", item.values["contribution"])
        if mission is not None and mission != item.mission_key:  # None: reported already
            v.error(item.line_of("contribution"), f"{item.path}.contribution",
                    f"contribution {item.values['contribution']!r} belongs to mission {mission!r}, "
                    f"not to {item.mission_key!r}")
    elif name == "assessments":
        _check_level(v, item)
    elif name == "evidence":
        _check_evidence(v, item)
    elif name == "observations":
        _check_disaggregation(v, item)
    elif name == "rating_scales":
        ranks = {child.values.get("rank") for child in item.children.get("levels", [])}
        threshold = item.values.get("met_threshold")
        if threshold is not None and ranks and threshold not in ranks:
            v.error(item.line_of("met_threshold"), f"{item.path}.met_threshold",
                    f"{threshold} is not the rank of any level ({', '.join(map(str, sorted(ranks)))})")
    if name in {"locations", "objectives", "programmes"}:
        _check_cycle(v, item, name, "parent")
    elif name == "versions":
        _check_cycle(v, item, name, "supersedes")


def _check_period(v: Validator, item: Item) -> None:
    start, end = item.values.get("start"), item.values.get("end")
    if start is None or end is None:
        return
    start_date = start[0] if isinstance(start, tuple) else start
    end_date = end[0] if isinstance(end, tuple) else end
    if end_date < start_date:
        shown_start = format_fuzzy(*start) if isinstance(start, tuple) else start
        shown_end = format_fuzzy(*end) if isinstance(end, tuple) else end
        v.error(item.line_of("end"), f"{item.path}.end",
                f"ends ({shown_end}) before it starts ({shown_start})")


def _owner(item: Item) -> tuple[str, str] | None:
    """The record this one is part of, as (section, key)."""
    if item.parent is not None and item.parent.key:
        return item.parent.section.name, item.parent.key
    mode = item.section.mission
    if mode not in {"self", "none", "explicit", "required", "parent"}:
        key = item.values.get(mode)
        if key:
            return item.section.field(mode).target, key
    return None


def _check_classification(v: Validator, item: Item) -> None:
    owner = _owner(item)
    if owner is None:
        return
    owner_level = v.ref_classification(*owner)
    if item.classification < owner_level:
        v.error(item.line_of("classification"), f"{item.path}.classification",
                f"is {_code(item.classification)}, lower than {_code(owner_level)} of the "
                f"{owner[0].rstrip('s').replace('_', ' ')} {owner[1]!r} it belongs to")


def _scale_of_condition(v: Validator, condition_key: str) -> tuple[str | None, set[str]]:
    condition = v.index["conditions"].get(condition_key)
    if condition is not None and condition.parent is not None:
        version_key = condition.parent.values.get("framework_version")
        version = v.index["versions"].get(version_key)
        scale_key = version.values.get("scale") if version else _db_version_scale(version_key)
    else:
        scale_key = _db_condition_scale(condition_key)
    if scale_key is None:
        return None, set()
    scale = v.index["rating_scales"].get(scale_key)
    if scale is not None:
        return scale_key, {c.values.get("code") for c in scale.children.get("levels", [])}
    return scale_key, _db_scale_codes(scale_key)


@cache
def _db_version_scale(version_key: str) -> str | None:
    from missiemonitor.results.models import FrameworkVersion

    return FrameworkVersion.objects.filter(key=version_key).values_list("scale__key", flat=True).first()


@cache
def _db_condition_scale(condition_key: str) -> str | None:
    from missiemonitor.results.models import Condition

    return (Condition.objects.filter(key=condition_key)
            .values_list("objective__framework_version__scale__key", flat=True).first())


@cache
def _db_scale_codes(scale_key: str) -> frozenset[str]:
    from missiemonitor.results.models import ScaleLevel

    return frozenset(ScaleLevel.objects.filter(scale__key=scale_key).values_list("code", flat=True))


def clear_caches() -> None:
    for fn in (_db_version_scale, _db_condition_scale, _db_scale_codes, _db_indicator_dims,
               _db_dimension_codes):
        fn.cache_clear()


def _check_level(v: Validator, item: Item) -> None:
    condition, level = item.values.get("condition"), item.values.get("level")
    if condition is None or level is None or not v.exists("conditions", condition):
        return
    scale_key, codes = _scale_of_condition(v, condition)
    if level not in codes:
        v.error(item.line_of("level"), f"{item.path}.level",
                f"unknown level {level!r} on rating scale {scale_key!r}; expected one of: "
                + ", ".join(sorted(str(c) for c in codes if c is not None)))


EVIDENCE_TARGET = {"finding": "finding", "observation": "observation",
                   "field-report": "field_report", "document": "document"}


def _check_evidence(v: Validator, item: Item) -> None:
    kind = item.values.get("kind")
    wanted = EVIDENCE_TARGET.get(kind)
    given = [name for name in EVIDENCE_TARGET.values() if item.values.get(name)]
    if given != [wanted]:
        v.error(item.line, item.path,
                f"evidence of kind {kind!r} needs exactly the field {wanted!r}"
                + (f", not {', '.join(repr(g) for g in given if g != wanted)}" if set(given) - {wanted} else ""))
    for name in given:  # evidence tells of what it cites: it may not be classified lower
        target, key = item.section.field(name).target, item.values[name]
        level = v.ref_classification(target, key)
        if item.classification < level:
            v.error(item.line_of("classification"), f"{item.path}.classification",
                    f"is {_code(item.classification)}, lower than {_code(level)} of the "
                    f"{name.replace('_', ' ')} {key!r} it cites")


@cache
def _db_indicator_dims(indicator_key: str) -> frozenset[str]:
    from missiemonitor.results.models import Indicator

    return frozenset(Indicator.dimensions.through.objects.filter(indicator__key=indicator_key)
                     .values_list("dimension__key", flat=True))


@cache
def _db_dimension_codes(dimension_key: str) -> frozenset[str]:
    from missiemonitor.results.models import DimensionValue

    return frozenset(DimensionValue.objects.filter(dimension__key=dimension_key).values_list("code", flat=True))


def _check_disaggregation(v: Validator, item: Item) -> None:
    breakdown = item.values.get("disaggregation") or {}
    if not breakdown:
        return
    indicator_key = item.values.get("indicator")
    if indicator_key is None or not v.exists("indicators", indicator_key):
        return
    indicator = v.index["indicators"].get(indicator_key)
    dims = set(indicator.values.get("dimensions", [])) if indicator else set(_db_indicator_dims(indicator_key))
    for dimension, code in breakdown.items():
        if dimension not in dims:
            v.error(item.line_of("disaggregation"), f"{item.path}.disaggregation.{dimension}",
                    f"indicator {indicator_key!r} has no dimension {dimension!r}"
                    + (f"; it has: {', '.join(sorted(dims))}" if dims else ""))
            continue
        dim_item = v.index["dimensions"].get(dimension)
        codes = ({c.values.get("code") for c in dim_item.children.get("values", [])}
                 if dim_item else set(_db_dimension_codes(dimension)))
        if code not in codes:
            v.error(item.line_of("disaggregation"), f"{item.path}.disaggregation.{dimension}",
                    f"unknown value {code!r} for dimension {dimension!r}; expected one of: "
                    + ", ".join(sorted(str(c) for c in codes if c is not None)))


def _check_cycle(v: Validator, item: Item, section: str, attr: str) -> None:
    seen = {item.key}
    current = item.values.get(attr)
    while current:
        if current in seen:
            v.error(item.line_of(attr), f"{item.path}.{attr}",
                    f"{section} {item.key!r} is (indirectly) its own {attr}")
            return
        seen.add(current)
        nxt = v.index[section].get(current)
        current = nxt.values.get(attr) if nxt else None


def check_siblings(v: Validator) -> None:
    """Unkeyed nested records must be unique within their parent by their natural key."""
    for items in list(v.index.values()):
        for item in items.values():
            for name, children in item.children.items():
                child_section = next(c for c in item.section.children if c.name == name)
                if child_section.keyed or not child_section.natural_key:
                    continue
                # A field left out takes its default: `kind: original` and no kind are the same.
                defaults = {k: child_section.field(k).default for k in child_section.natural_key}
                counts = Counter(tuple(c.values.get(k, defaults[k]) for k in child_section.natural_key)
                                 for c in children)
                for child in children:
                    natural = tuple(child.values.get(k, defaults[k]) for k in child_section.natural_key)
                    if counts[natural] > 1:
                        shown = ", ".join(f"{k}={child.values.get(k, defaults[k])!r}"
                                          for k in child_section.natural_key)
                        v.error(child.line, child.path, f"duplicate {name.rstrip('s')} ({shown}) within {item.key!r}")
                if name == "levels":
                    ranks = Counter(c.values.get("rank") for c in children)
                    for child in children:
                        if ranks[child.values.get("rank")] > 1:
                            v.error(child.line_of("rank"), f"{child.path}.rank",
                                    f"rank {child.values.get('rank')} is used twice within {item.key!r}")
