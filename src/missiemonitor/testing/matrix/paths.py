"""Every path of the application, read off the URLconf: the pages (``web/urls.py``), the REST
API (its router and extra views, ``api/urls.py``) and the Django admin (every model admin),
each with what fills its parameters.

A parameter is filled from the world (:mod:`missiemonitor.testing.matrix.world`):

* ``key`` of an API resource: a record of the viewset's model (or :data:`API_MODELS`);
* ``key`` of a page: a record of the model the Dutch path segment before it names
  (:data:`PAGE_MODELS`, and the reference kinds of ``web.views.reference``);
* ``object_id`` of the admin: the primary key of a record of the model admin's model;
* the rest by name (:data:`NAMED_PARAMS`, filled by ``reads.Reader.values``).

A path that reads the records of any model, named by a parameter or a query (the History tab
``geschiedenis/<label>/<key>/`` and the API's ``audit-entries?type=&key=``), is one path per
model it serves (:data:`PER_MODEL`), each read like the record's own page.

A pattern none of these fill raises :class:`Unfillable`, so a new page or resource cannot
escape the matrix: it is covered as soon as its model is known, and the test fails until it is.
Paths that read no domain data are excluded by name in :data:`EXCLUDED`, each with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

PERIOD = "start=2024-05-01&end=2025-04-30"
API_PERIOD = "period_start=2024-05-01&period_end=2025-04-30"

# The Dutch path segment in front of ``<slug:key>`` names the model of the key. A page under a
# new segment fails the matrix until its model is added here.
PAGE_MODELS: dict[str, str] = {
    "missies": "missions.Mission",
    "mandaten": "missions.Mandate",
    "geplande-bijdragen": "missions.PlannedContribution",
    "bijdragen": "missions.Contribution",
    "middelen": "missions.Asset",
    "mijlpalen": "missions.Milestone",
    "functies": "missions.Role",
    "plaatsingen": "missions.Posting",
    "rapportageschemas": "monitoring.ReportingSchedule",
    "programmas": "programmes.Programme",
    "doelstellingen": "results.LongTermObjective",
    "voorwaarden": "results.Condition",
    "koppelingen": "results.ConditionMapping",
    "beoordelingen": "results.ConditionAssessment",
    "kaders": "results.Framework",
    "kaderversies": "results.FrameworkVersion",
    "doelen": "results.Objective",
    "indicatoren": "results.Indicator",
    "waarnemingen": "results.Observation",
    "bezoeken": "monitoring.MonitoringVisit",
    "bevindingen": "monitoring.Finding",
    "acties": "monitoring.FollowUpAction",
    "veldrapportages": "monitoring.FieldReport",
    "gebeurtenissen": "context.ContextEvent",
    "dreigingen": "context.ThreatAssessment",
    "incidenten": "context.Incident",
    "uitgaven": "finance.Expenditure",
    "tekst": "reporting.NarrativeBlock",
    "ondertekening": "reporting.Signatory",
}
# API resources that are not record sets, by router basename: the model their key names.
API_MODELS: dict[str, str] = {"objective-progress": "results.LongTermObjective"}

# The query each path is read with, by URL name (pages) or route (API); pages not named get
# the reporting period, API paths nothing (they refuse parameters they do not know).
QUERIES: dict[str, str] = {
    "search": "q=k-",  # every world record's texts hold its key
    "report_preview": f"{PERIOD}&audience=restricted&language=nl",
    "narrative_editor": f"{PERIOD}&audience=restricted&language=nl",
    "api/v1/attention-points": API_PERIOD,
    "api/v1/objective-progress": API_PERIOD,
    "api/v1/objective-progress/{key}": "date=2024-06-01&date=2025-04-30",
    "api/v1/rotation-analysis": "as_of=2025-04-30",
    "api/v1/comparison": API_PERIOD,
}

# Paths that are not reads of domain data, with why. Everything else is in the matrix.
EXCLUDED: dict[str, str] = {
    "login": "sign-in form; no records",
    "logout": "sign-out (POST); no records",
    "set_language": "language switch (POST); no records",
    "accessibility": "the accessibility statement: static text",
    "admin:login": "sign-in form of the admin; no records",
    "admin:logout": "sign-out of the admin",
    "admin:password_change": "the user's own password form; no records",
    "admin:password_change_done": "static confirmation",
    "admin:jsi18n": "the admin's JavaScript translations",
    "admin/(?P<url>.*)$": "the admin's catch-all: a redirect or 404 for unknown addresses",
    "admin:auth_user_password_change": "sets another user's password; shows only the username",
    "api/v1/openapi.json": "the API contract: the schema, no records",
    "api/^[\\s\\S]*$": "the problem answer for unknown API addresses",
    "signin_code": "the second sign-in step: a code form, before the session is signed in",
    "health": "for proxies and monitoring: no session, no records",
}

# Paths that read a record of any audited model, named by a parameter (the page) or by the
# query (the API): one path per model, with the model's label in the route or the query.
PER_MODEL: dict[str, tuple[str, str]] = {
    "record_history": ("<str:label>", ""),
    "api/v1/audit-entries": ("", "type={label}&key={key}"),
}


class Unfillable(Exception):
    """A URL pattern whose parameters the matrix does not know how to fill."""


@dataclass(frozen=True)
class Path:
    """One URL pattern: where it is (``surface``: page, api, admin), its name, and the model
    whose records fill its key (if it has one)."""

    surface: str
    name: str
    route: str
    params: tuple[str, ...]
    model: type[models.Model] | None = None
    view: Any = field(default=None, compare=False, repr=False)
    query: str = ""  # the query, with the parameters in braces; else QUERIES' or the default

    @property
    def label(self) -> str:
        return f"{self.surface}:{self.name}"

    def url(self, **values: str) -> str:
        """The path with its parameters filled and its query."""
        path = self.route
        for name in self.params:
            value = str(values[name])
            path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>(?:[^()]|\([^()]*\))*\)", value, path)
        path = "/" + path.replace("^", "").replace("$", "")
        query = self.query.format(**values) if self.query else QUERIES.get(self.name) or QUERIES.get(
            _template(self)) or (PERIOD if self.surface == "page" else "")
        return f"{path}?{query}" if query else path


def _template(path: Path) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)",
                  lambda m: "{%s}" % (m.group(1) or m.group(2)), path.route).replace("^", "").replace("$", "")


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern),
                             f"{namespace}{ns}:" if ns else namespace)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern


def _params(route: str) -> tuple[str, ...]:
    return tuple(a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))


def _page_model(route: str) -> type[models.Model]:
    from missiemonitor.web.views.reference import KINDS

    segments = route.split("/")
    before = segments[segments.index("<slug:key>") - 1]
    labels = {**PAGE_MODELS, **{kind.slug: kind.model._meta.label for kind in KINDS}}
    if before not in labels:
        raise Unfillable(f"page {route!r}: no model for the segment {before!r}; add it to PAGE_MODELS")
    return apps.get_model(labels[before])


def _api_model(view: Any, route: str) -> type[models.Model]:
    cls = getattr(view, "cls", None)
    queryset = getattr(cls, "queryset", None)
    if queryset is not None:
        return queryset.model
    basename = getattr(view, "initkwargs", {}).get("basename")
    if basename in API_MODELS:
        return apps.get_model(API_MODELS[basename])
    raise Unfillable(f"API {route!r}: no model for its key; add it to API_MODELS")


def history_models() -> list[type[models.Model]]:
    """The models whose records have a History tab (``web.views.history``) and audit entries in
    the API (``api.endpoints.audit``): the audited domain records."""
    from missiemonitor.audit.capture import audited_models
    from missiemonitor.core.models import Record

    return [model for model in audited_models() if issubclass(model, Record)]


def _per_model(path: Path) -> list[Path]:
    """One path for each model the path serves, its label in the route or the query."""
    in_route, query = PER_MODEL[path.name]
    found = []
    for model in history_models():
        label = model._meta.label_lower
        route = path.route.replace(in_route, label) if in_route else path.route
        found.append(Path(path.surface, f"{path.name}[{label}]", route, ("key",), model, path.view,
                          query.replace("{label}", label)))
    return found


def all_paths() -> list[Path]:
    """Every path of the URLconf, classified; raises :class:`Unfillable` for one it cannot fill."""
    found: list[Path] = []
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        view = pattern.callback
        params = _params(route)
        if route.startswith("api/"):
            surface = "api"
            name = _template(Path("api", "", route, params))
        elif route.startswith("admin/"):
            surface, name = "admin", f"{namespace}{pattern.name}" if pattern.name else route
        else:
            surface, name = "page", pattern.name or route
        if name in EXCLUDED:
            continue
        if name in PER_MODEL:
            found += _per_model(Path(surface, name, route, params, None, view))
            continue
        model = None
        model_admin = getattr(view, "model_admin", None)
        if "key" in params:
            model = _api_model(view, route) if surface == "api" else _page_model(route)
        elif "object_id" in params and model_admin is not None:
            model = model_admin.model
        unknown = [p for p in params if p not in ("key", "object_id") and p not in NAMED_PARAMS]
        if unknown or ("object_id" in params and model is None and "content_type_id" not in params):
            raise Unfillable(f"{surface} {route!r}: the matrix cannot fill {unknown or params}")
        found.append(Path(surface, name, route, params, model, view))
    return found


# Parameters filled by name (see ``reads.Reader.values``); any other fails the matrix.
NAMED_PARAMS = frozenset({
    "app_label",  # the admin's page of an app
    "content_type_id",  # the admin's "view on site" of a record
    "username",  # a user's page in user management
    "batch", "filename",  # a generated report's files (pages)
    "report_id", "name",  # a generated report and its files (API)
    "kind",  # a log import batch (API; with batch)
    "prefix",  # an API token
    "pk",  # an authenticator app (the admin's set-up views of django-otp)
    "token",  # a pending onboarding (pages)
})
