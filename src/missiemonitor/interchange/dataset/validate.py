"""Validation of a whole dataset file before anything is written.

Every problem is collected, with its line and path, so that one run reports them all.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from missiemonitor.core.kamerstuk import normalise_dossier
from missiemonitor.core.models import CLASSIFICATION_CODES
from missiemonitor.interchange.dataset import spec
from missiemonitor.interchange.dataset.errors import DatasetIssue
from missiemonitor.interchange.dataset.fields import KEY_PATTERN, Field, Invalid, type_name
from missiemonitor.interchange.dataset.items import Item
from missiemonitor.interchange.dataset.placeholders import (
    BLOCK_KINDS,
    find_placeholders,
    section_kinds,
)
from missiemonitor.interchange.dataset.semantics import check_item, check_siblings

MISSING = object()


@dataclass(frozen=True)
class DbRecord:
    pk: int
    mission_key: str | None
    classification: int


@dataclass
class Parsed:
    header: dict[str, Any]
    top: dict[str, list[Item]]  # top-level section name -> items
    index: dict[str, dict[str, Item]]  # every keyed section name -> key -> item
    db: dict[str, dict[str, DbRecord]]  # referenced records found in the database

    def all_items(self, name: str) -> list[Item]:
        return list(self.index.get(name, {}).values()) if spec.by_name()[name].keyed else []


class Validator:
    def __init__(self) -> None:
        self.issues: list[DatasetIssue] = []
        self.index: dict[str, dict[str, Item]] = defaultdict(dict)
        self.db: dict[str, dict[str, DbRecord]] = defaultdict(dict)

    def error(self, line: int | None, path: str, message: str) -> None:
        self.issues.append(DatasetIssue(line, path, message))

    # -- structure -------------------------------------------------------------------------
    def run(self, root: Any) -> Parsed | None:
        if root is None:
            self.error(1, "", "the file is empty; expected a dataset with 'format: "
                       f"{spec.FORMAT_NAME}' and 'version: {spec.FORMAT_VERSION}'")
            return None
        if not isinstance(root, dict):
            self.error(getattr(root, "line", 1), "", f"expected a mapping of sections at the top, got {type_name(root)}")
            return None
        header = self._header(root)
        top: dict[str, list[Item]] = {}
        for section in spec.sections():
            raw = root.get(section.name)
            if raw is None:
                continue
            top[section.name] = self._items(section, raw, section.name, None, root.key_lines[section.name])
        # Later checks skip what earlier ones found broken, so one run reports everything.
        self._lookup_database()
        self._check_references(top)
        self._derive_missions(top)
        self._check_semantics()
        return Parsed(header, top, self.index, self.db)

    def _header(self, root: dict) -> dict[str, Any]:
        known = {s.name for s in spec.sections()} | set(spec.HEADER_FIELDS)
        for name in root:
            if name not in known:
                hint = difflib.get_close_matches(name, known, n=1)
                suffix = f"; did you mean {hint[0]!r}?" if hint else ""
                self.error(root.key_lines[name], name, f"unknown section {name!r}{suffix}")
        fmt = root.get("format", MISSING)
        if fmt != spec.FORMAT_NAME:
            line = root.key_lines.get("format", root.line)
            self.error(line, "format", f"expected 'format: {spec.FORMAT_NAME}', got {fmt if fmt is not MISSING else 'nothing'!r}")
        version = root.get("version", MISSING)
        if version != spec.FORMAT_VERSION:
            line = root.key_lines.get("version", root.line)
            self.error(line, "version", f"this Missiemonitor reads format version {spec.FORMAT_VERSION}, "
                       f"got {version if version is not MISSING else 'nothing'!r}")
        return {name: root[name] for name in ("title", "description") if name in root}

    def _items(self, section: spec.Section, raw: Any, path: str, parent: Item | None, line: int) -> list[Item]:
        if not isinstance(raw, list):
            self.error(line, path, f"expected a list of records, got {type_name(raw)}")
            return []
        items = []
        for position, data in enumerate(raw):
            item_path = f"{path}[{position}]"
            item_line = raw.item_lines[position]
            if not isinstance(data, dict):
                self.error(item_line, item_path, f"expected a record (a mapping), got {type_name(data)}")
                continue
            item = self._item(section, data, item_path, parent)
            if item is not None:
                items.append(item)
        return items

    def _item(self, section: spec.Section, data: dict, path: str, parent: Item | None) -> Item | None:
        fields = {f.name: f for f in section.all_fields}
        child_sections = {c.name: c for c in section.children}
        item = Item(section, path, data.line, data.key_lines, {}, parent)
        model = section.model
        for name, value in data.items():
            line = data.key_lines[name]
            if name in child_sections:
                continue
            f = fields.get(name)
            if f is None:
                options = [*fields, *child_sections]
                hint = difflib.get_close_matches(name, options, n=1)
                suffix = f"; did you mean {hint[0]!r}?" if hint else ""
                self.error(line, f"{path}.{name}", f"unknown field {name!r}{suffix}")
                continue
            if value is None:
                if f.required:
                    self.error(line, f"{path}.{name}", "is required and must not be empty")
                continue
            try:
                cleaned = f.clean(value)
                self._check_length(model, f, cleaned)
            except Invalid as exc:
                self.error(line, f"{path}.{name}", str(exc))
                continue
            if name == "key" and not KEY_PATTERN.match(cleaned):
                self.error(line, f"{path}.key", f"{cleaned!r} is not a valid key: use letters, digits, '-' and '_'")
                continue
            if name == "dossier":
                cleaned = normalise_dossier(cleaned)
            item.values[name] = cleaned
        for f in section.all_fields:
            if f.required and f.name not in data:
                self.error(data.line, f"{path}.{f.name}", "is required")
        if section.keyed and "key" in item.values:
            key = item.values["key"]
            first = self.index[section.name].get(key)
            if first is not None:
                self.error(item.line_of("key"), f"{path}.key",
                           f"duplicate key {key!r}; first used at line {first.line_of('key')} ({first.path})")
            else:
                self.index[section.name][key] = item
        for name, child in child_sections.items():
            if name in data and data[name] is not None:
                item.children[name] = self._items(child, data[name], f"{path}.{name}", item, data.key_lines[name])
        return item

    @staticmethod
    def _check_length(model: Any, f: Field, cleaned: Any) -> None:
        if f.kind not in {"str", "text"} or f.name == "key":
            return
        try:
            max_length = model._meta.get_field(f.model_attr).max_length
        except Exception:
            return
        if max_length and len(cleaned) > max_length:
            raise Invalid(f"is {len(cleaned)} characters long; at most {max_length} allowed")

    # -- references ----------------------------------------------------------------------------
    def _ref_targets(self, item: Item) -> list[tuple[Field, str, str]]:
        """(field, target section, key) for every reference in ``item``."""
        refs = []
        for f in item.section.all_fields:
            value = item.values.get(f.name)
            if value is None:
                continue
            if f.kind == "ref":
                refs.append((f, f.target, value))
            elif f.kind == "refs":
                refs.extend((f, f.target, v) for v in value)
        if item.section.name == "narratives":
            for kind, key, _field in find_placeholders(item.values.get("text", "")):
                target = section_kinds().get(kind)
                if target:
                    refs.append((Field("text", "text"), target, key))
        return refs

    def _every_item(self):
        for items in list(self.index.values()):
            yield from list(items.values())

    def _referring_items(self):
        """Every item that may hold references: the keyed ones and the records without keys
        nested in them (such as a programme's transactions)."""
        for item in self._every_item():
            yield item
            for children in item.children.values():
                yield from (child for child in children if not child.section.keyed)

    def _lookup_database(self) -> None:
        wanted: dict[str, set[str]] = defaultdict(set)
        for item in self._referring_items():
            for _f, target, key in self._ref_targets(item):
                for name in target.split("|"):
                    if key not in self.index.get(name, {}):
                        wanted[name].add(key)
        for name, keys in wanted.items():
            model = spec.by_name()[name].model
            mission_lookup = "key" if name == "missions" else "mission__key"
            key_list = sorted(keys)
            for start in range(0, len(key_list), 2000):
                rows = model.objects.filter(key__in=key_list[start:start + 2000]).values_list(
                    "key", "pk", mission_lookup, "classification"
                )
                for key, pk, mission_key, classification in rows:
                    self.db[name][key] = DbRecord(pk, mission_key, classification)

    def exists(self, target: str, key: str) -> bool:
        return any(key in self.index.get(name, {}) or key in self.db.get(name, {})
                   for name in target.split("|"))

    def _check_references(self, top: dict[str, list[Item]]) -> None:
        for item in self._referring_items():
            for f, target, key in self._ref_targets(item):
                if not self.exists(target, key):
                    what = target.replace("|", " or ").replace("_", " ")
                    if f.name == "text":
                        kind = next(k for k, v in section_kinds().items() if v == target)
                        self.error(item.line_of("text"), f"{item.path}.text",
                                   f"placeholder {{{kind}:{key}}}: unknown key {key!r} in {what}")
                    else:
                        self.error(item.line_of(f.name), f"{item.path}.{f.name}",
                                   f"unknown key {key!r} (no such record in {what})")
        for item in self._every_item():
            if item.section.name == "narratives":
                for kind, key, _f in find_placeholders(item.values.get("text", "")):
                    if kind in BLOCK_KINDS:
                        if key not in BLOCK_KINDS[kind]:
                            self.error(item.line_of("text"), f"{item.path}.text",
                                       f"placeholder {{{kind}:{key}}}: expected "
                                       + " or ".join(f"{{{kind}:{k}}}" for k in BLOCK_KINDS[kind]))
                    elif kind not in section_kinds():
                        self.error(item.line_of("text"), f"{item.path}.text",
                                   f"unknown placeholder kind {kind!r} in {{{kind}:{key}}}; expected one of: "
                                   + ", ".join(sorted([*section_kinds(), *BLOCK_KINDS])))

    # -- missions ------------------------------------------------------------------------------
    def ref_mission(self, target: str, key: str) -> str | None:
        item = self.index.get(target, {}).get(key)
        if item is not None:
            return item.mission_key
        record = self.db.get(target, {}).get(key)
        return record.mission_key if record else None

    def ref_classification(self, target: str, key: str) -> int:
        item = self.index.get(target, {}).get(key)
        if item is not None:
            return item.classification
        record = self.db.get(target, {}).get(key)
        return record.classification if record else 0

    def _derive_missions(self, top: dict[str, list[Item]]) -> None:
        def visit(items: list[Item]) -> None:
            for item in items:
                mode = item.section.mission
                if mode == "self":
                    item.mission_key = item.key
                elif mode == "none":
                    item.mission_key = None
                elif mode in {"explicit", "required"}:
                    given = item.values.get("mission")
                    if given and not self.exists("missions", given):
                        given = None  # already reported as an unknown key
                    # a record about a contribution belongs to the contribution's mission
                    contribution = item.values.get("contribution")
                    if contribution and item.section.field("contribution") and self.exists(
                        "contributions", contribution
                    ):
                        given = given or self.ref_mission("contributions", contribution)
                    item.mission_key = given or (item.parent.mission_key if item.parent else None)
                elif mode == "parent":
                    item.mission_key = item.parent.mission_key if item.parent else None
                else:
                    target = item.section.field(mode).target
                    key = item.values.get(mode)
                    item.mission_key = self.ref_mission(target, key) if key and self.exists(target, key) else None
                for children in item.children.values():
                    visit(children)

        for section in spec.sections():
            visit(top.get(section.name, []))

    # -- meaning -------------------------------------------------------------------------------
    def _check_semantics(self) -> None:
        for item in list(self._every_item()):
            check_item(self, item)
        check_siblings(self)


def level_name(level: int) -> str:
    return CLASSIFICATION_CODES[level]
