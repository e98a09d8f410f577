"""Fuzzed loaders (issue 9, point 8): Hypothesis mutates a valid dataset file and a valid
activity-log CSV (types, encodings, truncation, huge values, deep nesting, YAML anchors and
tags) and every input ends in success or in an error that names its place; never a
traceback, and a refused input leaves the database as it was.

The properties run a modest number of examples each (``FUZZ``), derandomised under ``CI=true``
so that a CI run is repeatable; locally each run tries new inputs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missiemonitor.interchange.dataset import DatasetError, dataset_load
from missiemonitor.testing.dbstate import database_checksum
from missiemonitor.testing.factories import (
    ContributionFactory,
    DimensionFactory,
    IndicatorFactory,
    MissionFactory,
)

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small.yaml"
SMALL_TEXT = SMALL.read_text()
SMALL_TREE = yaml.safe_load(SMALL_TEXT)
CSV = ("contribution,date,aircraft,hours,tasking\n"
       + "".join(f"heli,2024-06-{day:02d},H-{day % 3},1.5,{('nmi', 'oir')[day % 2]}\n" for day in range(1, 11)))

settings.register_profile(
    "missiemonitor-fuzz", max_examples=60, deadline=None, database=None,
    derandomize=os.environ.get("CI", "").lower() == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("missiemonitor-fuzz")


# -- mutations ---------------------------------------------------------------------------------

HUGE = st.sampled_from([10**400, -(10**30), "9" * 5000, "x" * 200_000, 1e308, "1e999", ".nan",
                        "-.inf", "2024-02-30", "9999-99-99", "\u0000", "\ufeff", "💥" * 1000])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30),
                    st.floats(allow_nan=False), st.dates().map(str), HUGE)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=8)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


PATHS = list(_paths(SMALL_TREE))[1:]


def _set(tree, path, value):
    node = tree
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _drop(tree, path):
    node = tree
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]


@st.composite
def structural(draw) -> bytes:
    """The small dataset with values replaced by other types, keys dropped, huge values and
    deep nesting."""
    tree = yaml.safe_load(SMALL_TEXT)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        try:
            action = draw(st.sampled_from(["value", "drop", "deep"]))
            if action == "drop":
                _drop(tree, path)
            elif action == "deep":
                depth = draw(st.integers(50, 3000))
                _set(tree, path, ("[" * depth) + "]" * depth)
            else:
                _set(tree, path, draw(VALUES))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the place
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10**6)
    return text.replace("'[[", "[[").replace("]]'", "]]").encode("utf-8", errors="surrogatepass")


@st.composite
def textual(draw) -> bytes:
    """The small dataset's text cut, spliced, duplicated, or given YAML features a dataset has
    no use for."""
    lines = SMALL_TEXT.splitlines(keepends=True)
    action = draw(st.sampled_from(["truncate", "insert", "duplicate", "feature", "indent"]))
    if action == "truncate":
        text = SMALL_TEXT[: draw(st.integers(0, len(SMALL_TEXT)))]
    elif action == "insert":
        at = draw(st.integers(0, len(SMALL_TEXT)))
        text = SMALL_TEXT[:at] + draw(st.text(max_size=20)) + SMALL_TEXT[at:]
    elif action == "duplicate":
        at = draw(st.integers(0, len(lines) - 1))
        text = "".join([*lines[:at + 1], lines[at], *lines[at + 1:]])
    elif action == "indent":
        at = draw(st.integers(0, len(lines) - 1))
        text = "".join([*lines[:at], "   " + lines[at], *lines[at + 1:]])
    else:
        text = SMALL_TEXT + draw(st.sampled_from(YAML_FEATURES))
    return text.encode("utf-8", errors="surrogatepass")


YAML_FEATURES = [
    "extra: &a [1, 2]\nmore: *a\n",
    "base: &base {name: x}\nother:\n  <<: *base\n",
    "evil: !!python/object/apply:os.system ['true']\n",
    "evil: !!python/name:os.system\n",
    "blob: !!binary aGVsbG8=\n",
    "mine: !custom 1\n",
    "set: !!set {a, b}\n",
    # billion laughs
    "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9) if n else 'lol'}]\n" for n in range(9)),
    "deep: " + "[" * 5000 + "]" * 5000 + "\n",
    "deepmap: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    "%YAML 1.1\n---\n",
    "---\nsecond: document\n",
]


@st.composite
def encoded(draw) -> bytes:
    """The small dataset in other encodings, with byte-order marks or invalid UTF-8."""
    text = SMALL_TEXT
    action = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-8-bom", "latin-1", "bad-bytes", "nul"]))
    if action == "utf-16":
        return text.encode("utf-16")
    if action == "utf-16-le":
        return text.encode("utf-16-le")
    if action == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode()
    if action == "latin-1":
        return text.replace("Missie Een", "Missie Één").encode("latin-1")
    raw = bytearray(text.encode())
    at = draw(st.integers(0, len(raw)))
    junk = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80\x80"])) if action == "bad-bytes" else b"\x00"
    return bytes(raw[:at] + junk + raw[at:])


DATASETS = st.one_of(structural(), textual(), encoded())


# -- properties ----------------------------------------------------------------------------------

def _located(issues) -> bool:
    return all(issue.line is not None or issue.path for issue in issues)


@pytest.fixture
def loaded(db):
    """The database as the fuzzed files meet it: the small dataset loaded once."""
    dataset_load(path=SMALL)
    return database_checksum()


@FUZZ
@given(data=DATASETS)
def test_a_mutated_dataset_loads_or_is_refused_with_its_place(data, loaded, tmp_path):
    path = tmp_path / "fuzzed.yaml"
    path.write_bytes(data)
    with transaction.atomic():
        try:
            dataset_load(path=path)
        except DatasetError as exc:
            assert exc.issues and _located(exc.issues), exc.summary()
            assert database_checksum() == loaded, "a refused file changed the database"
        transaction.set_rollback(True)


@pytest.mark.parametrize("feature", YAML_FEATURES[:8], ids=[
    "aliases", "merge key", "python object", "python name", "binary", "local tag", "set",
    "billion laughs"])
def test_unsafe_yaml_is_refused(feature, loaded, tmp_path):
    path = tmp_path / "unsafe.yaml"
    path.write_text(SMALL_TEXT + feature)
    with pytest.raises(DatasetError) as caught:
        dataset_load(path=path)
    assert any(word in caught.value.summary() for word in ("not allowed", "anchors")), caught.value.summary()
    assert database_checksum() == loaded


@pytest.mark.parametrize(("data", "expected"), [
    # was a RecursionError: the tree was converted recursively, one level per frame
    ((SMALL_TEXT + "deep: " + "[" * 600 + "]" * 600 + "\n").encode(), r":131: nested deeper than 50 levels"),
    # was an error without a line: UTF-16 without a byte-order mark decodes as UTF-8 with NULs
    (SMALL_TEXT.encode("utf-16-le"), r":1: UTF-16 text; save the file as UTF-8"),
    (SMALL_TEXT.encode("utf-16"), r":1: UTF-16 text; save the file as UTF-8"),
    ((SMALL_TEXT[:40] + "\x00" + SMALL_TEXT[40:]).encode(), r":2: not valid YAML: the control character U\+0000"),
], ids=["deep nesting", "utf-16 without bom", "utf-16", "nul"])
def test_inputs_the_fuzzing_found_are_refused_with_their_line(data, expected, loaded, tmp_path):
    path = tmp_path / "found.yaml"
    path.write_bytes(data)
    with pytest.raises(DatasetError) as caught:
        dataset_load(path=path)
    assert re.search(expected, caught.value.summary()), caught.value.summary()
    assert database_checksum() == loaded


# -- activity logs -------------------------------------------------------------------------------

@pytest.fixture
def log_targets(db):
    mission = MissionFactory(key="nmi")
    heli = ContributionFactory(key="heli", mission=mission, start=dt.date(2024, 1, 1))
    tasking = DimensionFactory(key="tasking", values=["nmi", "oir"])
    IndicatorFactory(mission=mission, contribution=heli, log_kind="flight", log_dimension=tasking)
    return database_checksum()


CELLS = st.one_of(st.sampled_from(["", "heli", "nope", "2024-06-01", "2024-02-30", "24", "25", "-1",
                                   "1e999", "NaN", "9" * 400, "0x10", "1,5", "nmi", "\x00", '"',
                                   "stg-geheim", "x" * 100_000]), st.text(max_size=12))


@st.composite
def log_files(draw) -> bytes:
    rows = [line.split(",") for line in CSV.splitlines()]
    action = draw(st.sampled_from(["cell", "header", "truncate", "bytes", "encoding", "width"]))
    if action == "cell":
        for _ in range(draw(st.integers(1, 4))):
            row = draw(st.integers(0, len(rows) - 1))
            rows[row][draw(st.integers(0, 4))] = draw(CELLS)
    elif action == "header":
        rows[0] = draw(st.lists(st.sampled_from(rows[0] + ["classification", "extra", ""]), max_size=7))
    elif action == "width":
        row = draw(st.integers(1, len(rows) - 1))
        rows[row] = rows[row] + draw(st.lists(CELLS, min_size=1, max_size=3)) if draw(st.booleans()) else rows[row][:2]
    text = "".join(",".join(row) + "\n" for row in rows)
    if action == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    if action == "encoding":
        return draw(st.sampled_from([text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode(),
                                     text.replace("nmi", "nmï").encode("latin-1")]))
    raw = text.encode("utf-8", errors="surrogatepass")
    if action == "bytes":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\x00", b"\r", b'"', b"\xc3"])) + raw[at:]
    return raw


@FUZZ
@given(data=log_files())
def test_a_mutated_log_imports_or_is_refused_with_its_line(data, log_targets, tmp_path):
    path = tmp_path / "fuzzed.csv"
    path.write_bytes(data)
    with transaction.atomic():
        try:
            call_command("import-log", str(path), kind="flight", batch="fuzz")
        except CommandError as exc:  # every problem with its line, in the language of the run
            message = str(exc)
            assert re.match(rf"{re.escape(str(path))}:\d+", message), message
            assert database_checksum() == log_targets, "a refused log changed the database"
        transaction.set_rollback(True)


def test_a_log_that_is_not_utf8_is_refused_with_its_line(log_targets, tmp_path):
    # was "FILE: not UTF-8 text ('utf-8' codec can't decode ... in position N)", N in a chunk
    path = tmp_path / "latin.csv"
    path.write_bytes(CSV.replace("heli,2024-06-05", "héli,2024-06-05").encode("latin-1"))
    with pytest.raises(CommandError, match=rf"{re.escape(str(path))}:6 \(byte \d+\): not UTF-8 text"):
        call_command("import-log", str(path), kind="flight", batch="latin")
    assert database_checksum() == log_targets
