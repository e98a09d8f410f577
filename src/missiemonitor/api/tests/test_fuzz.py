"""Property-based fuzzing of the whole API with Schemathesis, against a live server on
loopback, from the committed contract (docs/openapi.yaml).

Every operation gets at least ``MM_FUZZ_EXAMPLES`` generated requests (50 by default), each
sent as one of two users of different clearance and missions: valid requests (also aimed at
records that exist, with their current version) and invalid ones. Required: no 5xx answer,
and every answer (status, content type, headers, body) as the contract says. Generation is
derandomized, so a run is reproducible; a failure prints the request to replay (curl).

The requests are generated in a separate process (``fuzz_client``) while this process serves
them. Client and server take turns, so one fuzz keeps one core busy: the operations are split
into ``MM_FUZZ_PARTS`` parts (4 by default), each a test of its own with its own server, world
and client, which pytest-xdist runs side by side; together the parts fuzz every operation with
the same examples as one run would. Speed: the full fuzz runs on SQLite; ``pytest --postgres``
runs every operation with ``MM_FUZZ_EXAMPLES_POSTGRES`` examples (10 by default) to catch errors
of that database without doubling the suite's time. ``MM_FUZZ_EXAMPLES=0`` skips the fuzz.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

from missiemonitor.accounts.tokens import token_create
from missiemonitor.api.tests import fuzz_client
from missiemonitor.api.tests.world import build_world

CONTRACT = Path(__file__).resolve().parents[4] / "docs" / "openapi.yaml"
PARTS = max(1, int(os.environ.get("MM_FUZZ_PARTS", "4")))


def _examples() -> int:
    if connection.vendor == "postgresql":
        return int(os.environ.get("MM_FUZZ_EXAMPLES_POSTGRES", "10"))
    return int(os.environ.get("MM_FUZZ_EXAMPLES", "50"))


@pytest.mark.slow
@pytest.mark.parametrize("part", range(PARTS), ids=lambda part: f"part{part + 1}of{PARTS}")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_operation_survives_fuzzing(part, live_server, quiet_request_log, settings, tmp_path):
    """Zero 5xx and zero contract violations over every operation, as two users."""
    examples = _examples()
    if examples <= 0:
        pytest.skip("MM_FUZZ_EXAMPLES=0")
    assert urlsplit(live_server.url).hostname in {"localhost", "127.0.0.1"}, "loopback only"
    settings.REPORT_OUTPUT_DIR = tmp_path / "reports"
    world = build_world()
    tokens = {}
    for username in ("high", "low"):  # cleared for everything / unclassified, one mission
        _token, tokens[username] = token_create(user=world.users[username], name="fuzz",
                                              scope="read-write")
    plan = tmp_path / "plan.json"
    report = tmp_path / "report.json"
    plan.write_text(
        json.dumps(
            {
                "base_url": live_server.url,
                "contract": str(CONTRACT),
                "tokens": tokens,
                "keys": world.keys,
                "examples": examples,
                "part": [part, PARTS],
            }
        )
    )
    subprocess.run(
        [sys.executable, fuzz_client.__file__, str(plan), str(report)],
        check=True,
        timeout=3600,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    result = json.loads(report.read_text())
    print(
        f"\nfuzzed {result['operations']} operations, {result['requests']} requests "
        f"(at least {result['fewest_examples']} per operation) in {result['seconds']} s, "
        f"{result['waiting_seconds']} s of it waiting for answers; "
        f"statuses {result['statuses']}"
    )
    assert not result["failures"], (
        f"{len(result['failures'])} operations failed:\n\n" + "\n\n".join(result["failures"])
    )
    assert "500" not in result["statuses"]
