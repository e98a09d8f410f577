"""``GET /api/v1/openapi.json``: the contract, published at the standard place (Dutch API
design rule /core/publish-openapi). Generated once per language and kept: it only changes
with the code."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.request import Request
from rest_framework.response import Response

_CACHE: dict[str, Any] = {}


class ContractView(SpectacularJSONAPIView):
    def _get_schema_response(self, request: Request) -> Response:
        language = get_language() or "nl"
        if language not in _CACHE:
            _CACHE[language] = super()._get_schema_response(request).data
        return Response(
            _CACHE[language], headers={"Content-Disposition": 'inline; filename="openapi.json"'}
        )
