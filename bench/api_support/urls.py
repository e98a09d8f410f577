"""The application's URLs plus ``/bench/floor/observations``: the same rows as
``GET /api/v1/observations`` in plain Django (token check, visibility rule, ``values()`` and
``JsonResponse``), without DRF. The API's speed is measured against it."""

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, JsonResponse
from django.urls import path

from missiemonitor.accounts.tokens import token_authenticate
from missiemonitor.core.models import CLASSIFICATION_CODES
from missiemonitor.results.models import Observation
from missiemonitor.urls import urlpatterns as application

FIELDS = (
    "key",
    "classification",
    "mission__key",
    "version",
    "created_at",
    "updated_at",
    "start",
    "end",
    "value",
    "approximately",
    "bound",
    "disaggregation",
    "source_passage",
    "note",
    "indicator__key",
    "source__key",
)


def floor(request: HttpRequest) -> JsonResponse:
    token = token_authenticate(
        secret=request.headers.get("Authorization", "").removeprefix("Bearer ")
    )
    if token is None:
        return JsonResponse({"detail": "not authenticated"}, status=401)
    rows = list(
        Observation.objects.visible_to(token.user).order_by("key").values_list(*FIELDS)[:100]
    )
    results = []
    for row in rows:
        item = dict(zip(FIELDS, row, strict=True))
        item["classification"] = CLASSIFICATION_CODES[item["classification"]]
        item["value"] = str(item["value"])
        results.append(item)
    return JsonResponse(
        {"next": None, "previous": None, "results": results}, encoder=DjangoJSONEncoder
    )


urlpatterns = [path("bench/floor/observations", floor), *application]
