"""The authorisation matrix of the REST API (issue 9, point 6); the pages' and the admin's is
``web/tests/test_matrix.py``, whose docstring describes the design. Every resource the router
and the extra views have is read, lists and details, as users over every role × clearance ×
mission membership, and compared with ``visible_to(user)`` computed directly; every record list
shows exactly the records of its model the user may see."""

from __future__ import annotations

from missiemonitor.testing.matrix import summary
from missiemonitor.testing.matrix.fixtures import matrix_world, quiet_requests  # noqa: F401 - fixtures
from missiemonitor.testing.matrix.paths import all_paths
from missiemonitor.testing.matrix.reads import full_mode, read_all
from missiemonitor.testing.matrix.writes import write_all


def test_the_api_shows_each_user_only_what_they_may_see(matrix_world, db, quiet_requests, request):  # noqa: F811
    paths = [p for p in all_paths() if p.surface == "api"]
    outcome = read_all(matrix_world, paths, request, "API", full=full_mode())
    problems = outcome.errors + outcome.leaks
    assert not problems, "\n".join(problems)


def test_the_api_refuses_every_write_the_rules_forbid(matrix_world, db, quiet_requests, request):  # noqa: F811
    outcome, writes = write_all(matrix_world, all_paths(), ("api",))
    summary.record(request, surface="writes", paths=len(writes), users=outcome.users,
                   checks=outcome.checks, requests=outcome.requests, leaks=len(outcome.refused),
                   permitted=outcome.permitted)
    assert not outcome.refused, "\n".join(outcome.refused)
    assert outcome.permitted >= len(writes) // 2, "\n".join(outcome.unproven)
