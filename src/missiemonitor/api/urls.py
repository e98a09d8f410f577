"""``/api/v1/``: every app's resources, the contract and a problem for any other address."""

from __future__ import annotations

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from missiemonitor.api.contract import ContractView
from missiemonitor.api.endpoints import (
    accounts,
    audit,
    comparison,
    context,
    dataset,
    finance,
    missions,
    monitoring,
    programmes,
    reference,
    reporting,
    results,
)
from missiemonitor.api.problems import not_found_view

# The modules of resources, in the order their routes are registered.
ENDPOINTS = (reference, dataset, missions, results, monitoring, context, finance, programmes,
             reporting, comparison, accounts, audit)


class Router(SimpleRouter):
    """No trailing slashes (Dutch API design rule /core/no-trailing-slash)."""

    def __init__(self) -> None:
        super().__init__(trailing_slash=False)


def build_router() -> Router:
    router = Router()
    for module in ENDPOINTS:
        for prefix, viewset in getattr(module, "ROUTES", []):
            router.register(prefix, viewset, basename=prefix)
    return router


def extra_urls() -> list:
    """Each app's ``URLS``: (route, APIView) pairs for resources that are not record sets."""
    urls = []
    for module in ENDPOINTS:
        for route, view in getattr(module, "URLS", []):
            urls.append(path(route, view.as_view()))
    return urls


router = build_router()

v1 = [
    path("openapi.json", ContractView.as_view(), name="openapi"),
    *extra_urls(),
    *router.urls,
]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="v1")),
    re_path(r"^[\s\S]*$", not_found_view),  # any rest, newlines too; reversible, unlike (?s:)
]
