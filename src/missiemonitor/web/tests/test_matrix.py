"""The authorisation matrix (issue 9, point 6): pages and the admin here, the REST API in
``api/tests/test_matrix.py``; the machinery is :mod:`missiemonitor.testing.matrix`.

**Paths.** Every URL pattern of the URLconf (:func:`paths.all_paths`): the pages of
``web/urls.py``, the router and extra views of ``api/urls.py``, and every model admin. A key is
filled with a record of the model the path names (for pages, the Dutch segment before it); a
pattern the matrix cannot fill fails the test, so a new page or resource is covered as soon as
it exists. Paths that read no domain data (sign-in, the language switch, the API contract) are
excluded by name, each with its reason (``paths.EXCLUDED``).

**Users.** 72 of them: every role (6) × clearance (4) × mission membership (none, mission a,
need-to-know for all). Coordinators are staff, so they also use the admin.

**World.** A record of every kind in every mission (a, b, a classified mission c, none) at every
classification, parts and references one level up, references across missions, texts that are
the records' keys (:mod:`missiemonitor.testing.matrix.world`). What an answer shows is the set of
world keys in it; what a user may see is ``visible_to(user)`` computed directly; a key shown
beyond it is a leak. API lists must also show every record the user may see.

**Why a rotation, and why it is enough.** All 72 users on all ~570 paths would be ~41,000
requests, half an hour per database. What an answer may show depends on the user only through
what the visibility rule reads (clearance, need-to-know) and, for whether a page answers at all
and which buttons it offers, the role. So every path is read by users whose clearance and
need-to-know differ, chosen to cover each way a record can be hidden: by clearance (a user of
mission a below the top level, with a record at their own level whose parts and references are
one level up), by need-to-know (a user of one mission, or of none), and by a classified mission
(a user with need-to-know for all missions below its level). Each page is read by two
coordinators (who may open every page: edit forms, user management) and one user of another
role; each API path by three users of rotating roles; each admin path by one coordinator; the
clearances rotate over the paths, and over the whole run every one of the 72 users reads. The
figure printed at the end says how many path-user pairs were read, not the product;
``MM_MATRIX=full`` reads every pair and ``MM_MATRIX=<role>`` every pair of that role (both far
slower), and ``MM_MATRIX_PATHS=page:dashboard,...`` limits the paths, to look into one.

**History and accounts.** Every record has a history in the audit trail, and some events had
texts while classified above most readers: the History tab (``geschiedenis/<app.model>/<key>/``)
and the API's ``audit-entries`` are one path per model, read like the record's own page, and a
text of a classified time is a key the reader may not see. Every user has an API token and,
where sign-in asks for one, an authenticator app: no answer shows another user's token (except
to those who manage users, on the pages) or any app's key; a pending onboarding is read only by
its uploader.

**Writes.** Every create, edit, delete, submit, approve and return endpoint is tried by users
the rules forbid it (:mod:`missiemonitor.testing.matrix.writes`); nothing may change. So are the
writes on accounts and the audit trail, by their own rules, in the pages, the API and the admin
(:mod:`missiemonitor.testing.matrix.accounts`): revoking another user's token, resetting or
switching off a second factor, backup codes, another's pending onboarding, and the admin's
tokens, authenticator apps and audit entries (which no one adds, changes or deletes).
"""

from __future__ import annotations

import pytest
from django.urls import path

from missiemonitor.testing.matrix import summary
from missiemonitor.testing.matrix.fixtures import matrix_world, quiet_requests  # noqa: F401 - fixtures
from missiemonitor.testing.matrix.paths import Unfillable, all_paths
from missiemonitor.testing.matrix.reads import full_mode, read_all
from missiemonitor.testing.matrix.writes import write_all


def test_pages_and_the_admin_show_each_user_only_what_they_may_see(matrix_world, db, quiet_requests, request):  # noqa: F811
    paths = [p for p in all_paths() if p.surface in ("page", "admin")]
    outcome = read_all(matrix_world, paths, request, "pages and admin", full=full_mode())
    problems = outcome.errors + outcome.leaks
    assert not problems, "\n".join(problems)


def test_pages_refuse_every_write_the_rules_forbid(matrix_world, db, quiet_requests, request):  # noqa: F811
    outcome, writes = write_all(matrix_world, all_paths(), ("page", "admin"))
    summary.record(request, surface="writes", paths=len(writes), users=outcome.users,
                   checks=outcome.checks, requests=outcome.requests, leaks=len(outcome.refused),
                   permitted=outcome.permitted)
    assert not outcome.refused, "\n".join(outcome.refused)
    assert outcome.permitted >= len(writes) // 2, "\n".join(outcome.unproven)


urlpatterns = [path("dingen/<slug:key>/", lambda request, key: None, name="thing")]


def test_a_page_the_matrix_cannot_fill_fails_it(settings):
    """A new page under a path segment the matrix does not know cannot escape it."""
    settings.ROOT_URLCONF = __name__
    with pytest.raises(Unfillable, match="'dingen'"):
        all_paths()
