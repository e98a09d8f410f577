"""The fuzzing client of test_fuzz, run in a process of its own so that generating requests
(Schemathesis and Hypothesis) and serving them (the live server in the test process) use both
cores. It imports no Django: it reads a plan (JSON) and writes a report (JSON).

Plan: ``{"base_url", "contract", "tokens": {user: token}, "keys": {resource: [keys]},
"examples": n, "part": [i, parts]}``. For every operation of the contract (or of its part
``i`` of ``parts``: every ``parts``-th operation from the ``i``-th) it generates ``examples``
requests, each as one of the users, and checks every answer against the contract.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import Any

import requests
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [*POSITIVE_CHECKS, negative_data_rejection]
CHANGES = {"PUT", "PATCH", "DELETE", "POST"}
CONFIG = schemathesis.Config.from_dict(
    {
        # The users' tokens are sent with every request; generating requests without them would
        # only test that a missing token is refused (test_tokens does).
        "generation": {"with-security-parameters": False},
        # An invalid request may also be refused for a stale If-Match (412) or its size (413).
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": [
                    "400",
                    "401",
                    "403",
                    "404",
                    "405",
                    "406",
                    "409",
                    "412",
                    "413",
                    "415",
                    "422",
                    "428",
                    "429",
                ]
            }
        },
    }
)


# CSV and JSON Lines bodies are text: sent as generated (YAML has its own serializer).
schemathesis.serializer.alias(["text/csv", "application/jsonl"], "text/plain")


def _fast_reports(case: Any) -> Any:
    """Generated reports are written as Markdown only: PDF and ODT take seconds each, and
    their renderers have their own tests."""
    if isinstance(case.body, dict) and isinstance(case.body.get("formats"), list):
        case.body["formats"] = ["md"]
    return case


def case_strategy(operation: Any, keys: list[str]) -> Any:
    """Valid and invalid requests from the contract; valid ones are also aimed at records that
    exist, with the If-Match of their first version, to get past 404 and 412."""
    positive = [operation.as_strategy(generation_mode=GenerationMode.POSITIVE)]
    if "{key}" in operation.path:
        method = operation.method.upper()
        for key in keys[:4]:
            positive.append(
                operation.as_strategy(
                    generation_mode=GenerationMode.POSITIVE,
                    path_parameters={"key": key},
                    headers={"If-Match": '"1"'} if method in CHANGES else None,
                )
            )
    if operation.path.endswith("/reports") and operation.method.upper() == "POST":
        positive = [strategy.map(_fast_reports) for strategy in positive]
    return st.one_of(*positive, operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))


def operations_of(schema: Any, part: int, parts: int) -> list[Any]:
    """Part ``part`` (from 0) of ``parts`` of the contract's operations; together the parts hold
    every operation once."""
    operations = [result.ok() for result in schema.get_all_operations()]
    return operations[part::parts]


def fuzz(plan: dict[str, Any]) -> dict[str, Any]:
    with open(plan["contract"], encoding="utf-8") as contract:
        # The C build of the safe loader reads the same document, in a fifth of the time.
        document = yaml.load(contract, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    schema = schemathesis.openapi.from_dict(document, config=CONFIG)
    users = sorted(plan["tokens"])
    sessions = {user: requests.Session() for user in users}
    headers = {user: {"Authorization": f"Bearer {token}"} for user, token in plan["tokens"].items()}
    statuses: Counter[str] = Counter()
    examples: Counter[str] = Counter()
    failures: list[str] = []
    waited = [0.0]
    started = time.monotonic()
    operations = operations_of(schema, *plan.get("part", (0, 1)))
    for operation in operations:
        resource = operation.path.removeprefix("/api/v1/").split("/")[0]

        @settings(
            max_examples=plan["examples"],
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        @given(
            user=st.sampled_from(users),
            case=case_strategy(operation, plan["keys"].get(resource, [])),
        )
        def run(user: str, case: Any) -> None:
            began = time.monotonic()
            response = case.call(
                base_url=plan["base_url"], session=sessions[user], headers=headers[user]
            )
            waited[0] += time.monotonic() - began
            statuses[str(response.status_code)] += 1
            examples[f"{case.operation.label} {user}"] += 1
            negative = (
                case.meta is not None and case.meta.generation.mode == GenerationMode.NEGATIVE
            )
            case.validate_response(
                response,
                checks=NEGATIVE_CHECKS if negative else POSITIVE_CHECKS,
                headers=headers[user],
            )

        try:
            run()
        except FailureGroup as exc:
            failures.append(f"{operation.label}: {exc}")
        except Exception as exc:
            failures.append(f"{operation.label}: {type(exc).__name__}: {exc}")
    per_operation = Counter()
    for label, count in examples.items():
        per_operation[label.rsplit(" ", 1)[0]] += count
    return {
        "operations": len(operations),
        "seconds": round(time.monotonic() - started, 1),
        "waiting_seconds": round(waited[0], 1),
        "statuses": dict(sorted(statuses.items())),
        "fewest_examples": min(per_operation.values()) if per_operation else 0,
        "requests": sum(statuses.values()),
        "failures": failures,
    }


if __name__ == "__main__":
    from missiemonitor.testing.collector import fewer_garbage_collections

    fewer_garbage_collections()
    with open(sys.argv[1], encoding="utf-8") as plan_file:
        report = fuzz(json.load(plan_file))
    with open(sys.argv[2], "w", encoding="utf-8") as report_file:
        json.dump(report, report_file)
