"""Property-based fuzzing of the whole API with Schemathesis, against a live server on
loopback, from the committed contract (docs/openapi.yaml).

Every operation gets ``MM_FUZZ_EXAMPLES`` generated requests (50 by default) per user, as two
users of different clearance and missions: valid requests (also aimed at records that exist,
with their current version) and invalid ones. Required: no 5xx answer, and every answer
(status, content type, headers, body) as the contract says. Generation is derandomized, so a
run is reproducible; a failure prints the request to replay.

Speed: the full fuzz runs on SQLite; ``pytest --postgres`` runs every operation with
``MM_FUZZ_EXAMPLES_POSTGRES`` examples (10 by default) to catch database-specific errors
without doubling the suite's time. See docs/api.md.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
import schemathesis
import yaml
from django.db import connection
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

from missiemonitor.accounts.tokens import token_create
from missiemonitor.api.tests.world import build_world

CONTRACT = Path(__file__).resolve().parents[4] / "docs" / "openapi.yaml"
POSITIVE_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
                   response_headers_conformance, response_schema_conformance]
NEGATIVE_CHECKS = [*POSITIVE_CHECKS, negative_data_rejection]


def _examples() -> int:
    if connection.vendor == "postgresql":
        return int(os.environ.get("MM_FUZZ_EXAMPLES_POSTGRES", "10"))
    return int(os.environ.get("MM_FUZZ_EXAMPLES", "50"))


def _strategy(operation, world, resource: str):
    """Half the requests from the schema alone; the other half aimed at records that exist
    (with the If-Match of their first version), so that updates and actions get past 404/412."""
    variants = [operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
                operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)]
    keys = world.keys.get(resource, [])
    if "{key}" in operation.path and keys:
        for key in keys[:4]:
            variants.append(operation.as_strategy(
                generation_mode=GenerationMode.POSITIVE, path_parameters={"key": key},
                headers={"If-Match": '"1"'} if operation.method.upper() in {"PUT", "PATCH", "DELETE", "POST"} else None))
    return st.one_of(variants)


def _fuzz_operation(operation, world, resource, base_url, session, headers, examples, failures,
                    stats, timing):
    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
              report_multiple_bugs=False)
    @given(case=_strategy(operation, world, resource))
    def run(case):
        started = time.monotonic()
        response = case.call(base_url=base_url, session=session, headers=headers)
        timing["calls"] += time.monotonic() - started
        stats[response.status_code] += 1
        checks = NEGATIVE_CHECKS if case.meta and case.meta.generation.mode == GenerationMode.NEGATIVE else POSITIVE_CHECKS
        case.validate_response(response, checks=checks, headers=headers)

    try:
        run()
    except FailureGroup as exc:
        failures.append(f"{operation.label}: {exc}")
    except Exception as exc:  # a failure of one check, or of the request itself
        failures.append(f"{operation.label}: {type(exc).__name__}: {exc}")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_operation_survives_fuzzing(live_server, quiet_request_log):
    """Zero 5xx and zero contract violations over every operation, as two users."""
    assert urlsplit(live_server.url).hostname in {"localhost", "127.0.0.1"}
    world = build_world()
    raw = yaml.safe_load(CONTRACT.read_text())
    schema = schemathesis.openapi.from_dict(raw)
    examples = _examples()
    failures: list[str] = []
    stats: dict[int, int] = defaultdict(int)
    timing: dict[str, float] = defaultdict(float)
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    import cProfile
    profiler = cProfile.Profile() if os.environ.get("MM_FUZZ_PROFILE") else None
    if profiler:
        profiler.enable()
    for username in ("high", "low"):
        _token, secret = token_create(user=world.users[username], name="fuzz")
        session = requests.Session()
        headers = {"Authorization": f"Bearer {secret}"}
        for operation in operations:
            resource = operation.path.removeprefix("/api/v1/").split("/")[0]
            _fuzz_operation(operation, world, resource, live_server.url, session, headers,
                            examples, failures, stats, timing)
    elapsed = time.monotonic() - started
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
    print(f"\nfuzzed {len(operations)} operations x 2 users x {examples} examples in {elapsed:.0f} s; "
          f"({timing['calls']:.0f} s in requests); statuses: {dict(sorted(stats.items()))}")
    assert not failures, f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures)
