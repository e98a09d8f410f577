"""The matrix's figure at the end of a test run: each matrix test records what it checked in
its report's ``user_properties`` (which also cross pytest-xdist workers), and
:func:`pytest_terminal_summary` (imported by the root ``conftest.py``) adds them up."""

from __future__ import annotations

import json

PROPERTY = "authorisation-matrix"


def record(request, *, surface: str, paths: int, users: set[str], checks: int, requests: int,
           leaks: int, permitted: int = 0) -> None:
    """Record one matrix test's figures (``permitted``: writes the permitted user made)."""
    request.node.user_properties.append((PROPERTY, json.dumps({
        "surface": surface, "paths": paths, "users": sorted(users), "checks": checks,
        "requests": requests, "leaks": leaks, "permitted": permitted})))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    parts = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == PROPERTY and getattr(report, "when", "call") == "call":
                    parts.append(json.loads(value))
    if not parts:
        return
    reads = [p for p in parts if p["surface"] != "writes"]
    writes = [p for p in parts if p["surface"] == "writes"]
    write = terminalreporter.write_line
    terminalreporter.write_sep("-", "authorisation matrix")
    if reads:
        users = {u for p in reads for u in p["users"]}
        paths, checks = sum(p["paths"] for p in reads), sum(p["checks"] for p in reads)
        leaks = sum(p["leaks"] for p in reads)
        if checks == paths * len(users):
            write(f"authorisation matrix: {paths} paths × {len(users)} users = {checks} checks, {leaks} leaks")
        else:  # the rotation: say how much of the product was read
            write(f"authorisation matrix: {paths} paths × {len(users)} users, rotated: {checks} path-user "
                  f"checks of the {paths * len(users)} (MM_MATRIX=full reads them all), {leaks} leaks")
        write("  reads: " + "; ".join(f"{p['surface']}: {p['paths']} paths, {p['checks']} checks, "
                                      f"{p['requests']} requests" for p in reads))
    if writes:
        endpoints, checks = sum(p["paths"] for p in writes), sum(p["checks"] for p in writes)
        users = {u for p in writes for u in p["users"]}
        write(f"  writes: {endpoints} write endpoints × the users the rules forbid them ({len(users)} "
              f"users) = {checks} refusals checked, {sum(p['leaks'] for p in writes)} writes let through; "
              f"{sum(p['permitted'] for p in writes)} of the same writes by a permitted user succeeded")
