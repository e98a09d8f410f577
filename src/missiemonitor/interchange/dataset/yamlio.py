"""Reading YAML with the line of every value, and writing it deterministically.

Values come back as plain Python objects wrapped so that every mapping and list remembers
where it and its items started. Numbers that are not integers become ``Decimal`` from their
own text, so no amount is ever rounded through a float. Anchors and aliases are refused (they
make "billion laughs" files possible and a dataset has no use for them), and so are tags
other than the plain types a dataset uses (``!!python/object``, ``!!binary``, ``!custom``, merge
keys): nothing in a file can ask for more than text, numbers, dates, lists and mappings.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from missiemonitor.interchange.dataset.errors import DatasetIssue

try:  # the C parser is ten times faster for large files
    _Loader = yaml.CSafeLoader
    _Dumper = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
MAX_DEPTH = 50  # a dataset nests a handful of levels; the reader recurses per level
ALLOWED_TAGS = frozenset({NULL_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, STR_TAG, TIMESTAMP_TAG, SEQ_TAG, MAP_TAG})


class YamlMap(dict):
    """A mapping that knows its line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class YamlList(list):
    line: int
    item_lines: list[int]


class YamlText(str):
    """A string that was written in YAML as a date or timestamp (kept as text)."""


class YamlParseError(Exception):
    def __init__(self, issue: DatasetIssue) -> None:
        self.issue = issue
        super().__init__(issue.message)


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    tag = node.tag
    if tag == NULL_TAG:
        return None
    if tag == BOOL_TAG:
        return value.lower() in {"true", "yes", "on", "y"}
    if tag == INT_TAG:
        try:
            return int(value.replace("_", ""), 0) if value.startswith(("0x", "0o")) else int(value.replace("_", ""))
        except ValueError:
            return value
    if tag == FLOAT_TAG:
        try:
            number = Decimal(value.replace("_", ""))
        except InvalidOperation:
            return value
        return number if number.is_finite() else value
    if tag == TIMESTAMP_TAG:
        return YamlText(value)
    return value


def _convert(node: Node) -> Any:
    if node.tag not in ALLOWED_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlParseError(DatasetIssue(node.start_mark.line + 1, "", f"the YAML tag {tag} is not allowed"))
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        result = YamlList(_convert(child) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result
    if isinstance(node, MappingNode):
        result = YamlMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlParseError(DatasetIssue(key_node.start_mark.line + 1, "", "keys must be plain text"))
            key = str(key_node.value)
            if key in result:
                raise YamlParseError(
                    DatasetIssue(key_node.start_mark.line + 1, key, f"the field {key!r} appears twice")
                )
            result[key] = _convert(value_node)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    raise YamlParseError(DatasetIssue(node.start_mark.line + 1, "", "unsupported YAML node"))


class _NoAliasLoader(_Loader):  # type: ignore[misc, valid-type]
    pass


def parse_yaml(text: str) -> Any:
    """Parse ``text`` into plain values with line information. Raises YamlParseError."""
    try:
        loader = _NoAliasLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
        line = text[: exc.position].count("\n") + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlParseError(DatasetIssue(
            line, "", f"not valid YAML: the control character {char} is not allowed")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlParseError(DatasetIssue(line, "", f"not valid YAML: {problem}")) from None
    except yaml.YAMLError as exc:
        raise YamlParseError(DatasetIssue(None, "", f"not valid YAML: {exc}")) from None
    if root is None:
        return None
    _refuse_aliases(root, set())
    return _convert(root)


def _refuse_aliases(node: Node, seen: set[int]) -> None:
    # A composed tree with aliases shares node objects; a dataset never needs that. Nor does it
    # nest deeper than a few levels: far deeper nesting is refused here, before the tree is
    # converted (recursively), so that no file can exhaust the stack.
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            raise YamlParseError(
                DatasetIssue(current.start_mark.line + 1, "", "YAML anchors and aliases are not allowed")
            )
        if depth > MAX_DEPTH:
            raise YamlParseError(DatasetIssue(
                current.start_mark.line + 1, "", f"nested deeper than {MAX_DEPTH} levels"))
        seen.add(id(current))
        if isinstance(current, SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
        elif isinstance(current, MappingNode):
            for key_node, value_node in current.value:
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))


# --- writing ---------------------------------------------------------------------------------


class _Dump(_Dumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(dumper: yaml.BaseDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral_value():
        return dumper.represent_scalar(INT_TAG, str(int(value)))
    text = format(value.normalize(), "f")
    return dumper.represent_scalar(FLOAT_TAG, text)


def _date(dumper: yaml.BaseDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar(TIMESTAMP_TAG, value.isoformat())


def _str(dumper: yaml.BaseDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar(STR_TAG, value, style=style)


_Dump.add_representer(Decimal, _decimal)
_Dump.add_representer(dt.date, _date)
_Dump.add_representer(str, _str)


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dump,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
        indent=2,
    )
