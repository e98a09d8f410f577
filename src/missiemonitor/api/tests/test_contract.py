"""The committed contract (docs/openapi.yaml) is the one the code generates, and it is
complete: every field and parameter described, every choice an enum, every error a problem,
and the paths as the Dutch API design rules want them."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.engine_independent

CONTRACT = Path(__file__).resolve().parents[4] / "docs" / "openapi.yaml"
# Resources whose name is not a plural noun: uncountable or a singular computed resource.
NOT_PLURAL = {"evidence", "dataset", "rotation-analysis", "objective-progress", "comparison"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> str:
    """The contract as ``make openapi`` writes it: in a fresh process, because serializer fields
    that earlier tests have bound and used carry state (labels of list items) into a schema
    generated in this one."""
    out = tmp_path_factory.mktemp("contract") / "openapi.yaml"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    subprocess.run(
        [sys.executable, "-m", "missiemonitor", "spectacular", "--lang", "en", "--file", str(out)],
        check=True, env=env, capture_output=True, timeout=300,
    )
    return out.read_text()


@pytest.fixture(scope="module")
def contract() -> dict:
    # The C build of the safe loader reads the same document, in a fifth of the time.
    return yaml.load(CONTRACT.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def test_committed_contract_matches_the_code(generated):
    committed = CONTRACT.read_text()
    if committed != generated:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    generated.splitlines(keepends=True),
                    "docs/openapi.yaml (committed)",
                    "generated from the code",
                )
            )[:80]
        )
        pytest.fail("docs/openapi.yaml is out of date; run `make openapi` and commit it.\n" + diff)


def _walk_properties(schema: dict, where: str):
    for name, prop in (schema.get("properties") or {}).items():
        yield f"{where}.{name}", prop
        yield from _walk_properties(prop, f"{where}.{name}")
        if "items" in prop:
            yield from _walk_properties(prop["items"], f"{where}.{name}[]")


def test_every_field_has_a_description(contract):
    missing = [
        where
        for name, schema in contract["components"]["schemas"].items()
        for where, prop in _walk_properties(schema, name)
        if not (prop.get("description") or "").strip()
    ]
    assert not missing, "fields without a description:\n" + "\n".join(missing)


def test_every_parameter_has_a_description(contract):
    missing = [
        f"{method.upper()} {path} {param['in']}:{param['name']}"
        for path, item in contract["paths"].items()
        for method, operation in item.items()
        for param in operation.get("parameters", [])
        if not (param.get("description") or "").strip()
    ]
    assert not missing, "parameters without a description:\n" + "\n".join(missing)


def test_choices_are_listed_as_enums(contract):
    schemas = contract["components"]["schemas"]
    enums = {name: schema for name, schema in schemas.items() if name.endswith("Enum")}
    assert {
        "ClassificationEnum",
        "WorkflowStatusEnum",
        "LogKindEnum",
        "ContributionKindEnum",
    } <= set(enums)
    assert all(schema.get("enum") for schema in enums.values())
    # A field described by a choice list refers to an enum, not to a bare string.
    loose = [
        where
        for name, schema in schemas.items()
        for where, prop in _walk_properties(schema, name)
        if "\n* `" in (prop.get("description") or "")
        and "enum" not in str(prop)
        and "$ref" not in str(prop)
    ]
    assert not loose, "choice fields without an enum:\n" + "\n".join(loose)


def test_paths_follow_the_design_rules(contract):
    for path in contract["paths"]:
        assert path.startswith("/api/v1/"), path
        assert not path.endswith("/"), f"{path}: no trailing slash"
        resource = path.removeprefix("/api/v1/").split("/")[0]
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", resource), f"{path}: kebab-case"
        assert resource.endswith("s") or resource in NOT_PLURAL, f"{path}: plural names"


def test_every_error_is_a_problem(contract):
    responses = contract["components"]["responses"]
    for path, item in contract["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"401", "500"} <= codes, f"{method} {path}"
            for code, response in operation["responses"].items():
                if code.startswith(("4", "5")):
                    resolved = responses[response["$ref"].rsplit("/", 1)[1]]
                    assert list(resolved["content"]) == ["application/problem+json"], (
                        f"{method} {path} {code}"
                    )


def test_changes_name_their_version(contract):
    for path, item in contract["paths"].items():
        if path.startswith("/api/v1/log-imports/"):
            continue  # an import batch is not a record and has no version
        for method in ("put", "patch", "delete"):
            if method in item:
                params = {p["name"]: p for p in item[method].get("parameters", [])}
                assert params.get("If-Match", {}).get("required"), f"{method} {path}"
                assert {"412", "428"} <= set(item[method]["responses"]), f"{method} {path}"


@pytest.mark.django_db
def test_the_contract_is_published_at_the_standard_place(contract):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert set(response.json()["paths"]) == set(contract["paths"])
