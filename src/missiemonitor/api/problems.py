"""Errors as problem details (RFC 9457, ``application/problem+json``), for every error the API
answers, in the language the client asks for (``Accept-Language``).

A problem has the RFC's members (``type``, ``title``, ``status``, ``detail``, ``instance``)
and two extensions in the style of the Dutch government's APIs: a machine-readable ``code``
and, for invalid input, ``invalid_params`` naming each place that is wrong: a field (``name``),
a line of an uploaded file (``line``) or a row of a bulk upload (``row``).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from missiemonitor.core.records import RecordInUse, StaleVersion
from missiemonitor.core.workflow import ServiceError, VersionConflict
from missiemonitor.interchange.dataset.errors import DatasetError
from missiemonitor.missions.scope import UnknownMission

logger = logging.getLogger("missiemonitor.api")

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: gettext_lazy("Invalid request"),
    401: gettext_lazy("Not authenticated"),
    403: gettext_lazy("Not allowed"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    406: gettext_lazy("Not acceptable"),
    409: gettext_lazy("Conflict"),
    412: gettext_lazy("Precondition failed"),
    413: gettext_lazy("Request too large"),
    415: gettext_lazy("Unsupported media type"),
    428: gettext_lazy("Precondition required"),
    429: gettext_lazy("Too many requests"),
    500: gettext_lazy("Internal server error"),
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The request conflicts with the current state of the record.")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "The record has changed since the version you named in If-Match; fetch it again."
    )
    default_code = "stale-version"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = gettext_lazy(
        "Name the version you are changing: send its ETag in the If-Match header."
    )
    default_code = "if-match-required"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "too-large"


class InvalidRows(exceptions.APIException):
    """Rows of a bulk upload that are wrong, each with its row number."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid-rows"

    def __init__(self, detail: str, params: list[dict[str, Any]]) -> None:
        super().__init__(detail)
        self.params = params


def problem(
    status_code: int,
    detail: str | None = None,
    *,
    code: str | None = None,
    invalid_params: list[dict[str, Any]] | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    data: dict[str, Any] = {
        "type": "about:blank",
        "title": str(TITLES.get(status_code, _("Error"))),
        "status": status_code,
    }
    if detail:
        data["detail"] = str(detail)
    if instance:
        data["instance"] = instance
    if code:
        data["code"] = code
    if invalid_params:
        data["invalid_params"] = invalid_params
    return Response(data, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, Any]]:
    """DRF's nested error detail as a flat list of ``{name, code, reason}``."""
    params: list[dict[str, Any]] = []
    if isinstance(detail, dict):
        for name, value in detail.items():
            key = name if name != "non_field_errors" else ""
            params.extend(_flatten(value, f"{prefix}.{key}" if prefix and key else prefix or key))
    elif isinstance(detail, list):
        if all(not isinstance(v, (dict, list)) for v in detail):
            for value in detail:
                params.append(
                    {
                        "name": prefix,
                        "code": getattr(value, "code", "invalid") or "invalid",
                        "reason": str(value),
                    }
                )
        else:
            for index, value in enumerate(detail):
                if value:
                    params.extend(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        params.append(
            {
                "name": prefix,
                "code": getattr(detail, "code", "invalid") or "invalid",
                "reason": str(detail),
            }
        )
    return params


def _django_validation_params(exc: DjangoValidationError) -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        return [
            {
                "name": "" if name == "__all__" else name,
                "code": error.code or "invalid",
                "reason": message,
            }
            for name, errors in exc.error_dict.items()
            for error in errors
            for message in error.messages
        ]
    return [
        {"name": "", "code": getattr(exc, "code", None) or "invalid", "reason": message}
        for message in exc.messages
    ]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's exception handler: every exception, expected or not, becomes a problem."""
    request = context.get("request")
    instance = request.get_full_path() if request is not None else None
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        set_rollback()
        return problem(
            400,
            _("The request is not valid; see invalid_params."),
            code="invalid",
            invalid_params=_django_validation_params(exc),
            instance=instance,
        )
    elif isinstance(exc, StaleVersion | VersionConflict):
        exc = PreconditionFailed()
    elif isinstance(exc, ObjectDoesNotExist):
        exc = exceptions.NotFound()
    elif isinstance(exc, ServiceError):
        exc = Conflict(exc.message, code=exc.code)
    elif isinstance(exc, UnknownMission):
        exc = exceptions.ValidationError({"mission": [str(exc)]})
    elif isinstance(exc, RecordInUse):
        exc = Conflict(str(exc), code="in-use")
    elif isinstance(exc, DatasetError):
        set_rollback()
        params = [
            {
                "name": issue.path,
                "code": "invalid",
                "reason": issue.message,
                **({"line": issue.line} if issue.line else {}),
            }
            for issue in exc.issues
        ]
        return problem(
            400,
            _("The dataset is not valid; nothing was written. %(count)d errors.")
            % {"count": len(exc.issues)},
            code="invalid-dataset",
            invalid_params=params,
            instance=instance,
        )

    if isinstance(exc, exceptions.APIException):
        set_rollback()
        headers: dict[str, str] = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = f"{int(exc.wait)}"
        if isinstance(exc, InvalidRows):
            return problem(
                400,
                str(exc.detail),
                code="invalid-rows",
                invalid_params=exc.params,
                instance=instance,
            )
        if isinstance(exc, exceptions.ValidationError) or isinstance(exc.detail, (dict, list)):
            return problem(
                exc.status_code,
                _("The request is not valid; see invalid_params."),
                code="invalid",
                invalid_params=_flatten(exc.detail),
                instance=instance,
                headers=headers,
            )
        code = getattr(exc.detail, "code", None) or exc.default_code
        return problem(
            exc.status_code,
            str(exc.detail),
            code=str(code).replace("_", "-"),
            instance=instance,
            headers=headers,
        )

    set_rollback()
    logger.exception("unhandled error in %s", instance, exc_info=exc)
    return problem(
        500,
        _("Something went wrong on our side; it has been logged."),
        code="server-error",
        instance=instance,
    )


@csrf_exempt
def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Answers any path under /api/ that names no resource: a problem, not an HTML page."""
    return JsonResponse(
        {
            "type": "about:blank",
            "title": str(TITLES[404]),
            "status": 404,
            "detail": _("There is no resource at this address."),
            "instance": request.get_full_path(),
            "code": "not-found",
        },
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
    )
