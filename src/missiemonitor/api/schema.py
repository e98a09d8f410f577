"""What drf-spectacular cannot infer: problem responses on every operation, the If-Match
precondition of changes, the ETag and API-Version headers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from missiemonitor.api import API_VERSION
from missiemonitor.api.problems import PROBLEM_CONTENT_TYPE, TITLES

CHANGES = {"update", "partial_update", "destroy"}


def _if_match(required: bool) -> OpenApiParameter:
    return OpenApiParameter(
        "If-Match",
        str,
        OpenApiParameter.HEADER,
        required=required,
        description=_(
            "The ETag of the version this change is based on, as returned by the "
            'last read, such as "3". A stale version is answered 412, a missing '
            "one 428."
        ),
    )


class ApiAutoSchema(AutoSchema):
    def _action(self) -> str | None:
        return getattr(self.view, "action", None)

    def get_override_parameters(self) -> list[Any]:
        params = list(super().get_override_parameters())
        action = self._action()
        if action in CHANGES:
            params.append(_if_match(required=True))
        else:
            mode = getattr(getattr(self.view, action or "", None), "if_match", None)
            if mode in {"required", "optional"}:
                params.append(_if_match(required=mode == "required"))
        return params

    def _has_body(self) -> bool:
        return self.method in {"POST", "PUT", "PATCH"}

    def problem_statuses(self) -> list[int]:
        statuses = {401, 403, 406, 500}
        action = self._action()
        has_key = "{" in self.path
        if self._has_body() or not has_key:
            statuses.add(400)
        if self._has_body():
            statuses.add(415)
        if has_key:
            statuses.add(404)
        if action in CHANGES:
            statuses |= {409, 412, 428}
        if statuses & {412, 428} or getattr(
            getattr(self.view, action or "", None), "if_match", None
        ):
            statuses |= {412, 428}
        extra = getattr(getattr(self.view, action or "", None), "problems", None) or getattr(
            self.view, "problems", ()
        )
        statuses |= set(extra)
        if getattr(self.view, "throttle_classes", None):
            statuses.add(429)
        return sorted(statuses)

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in self.problem_statuses():
            responses.setdefault(str(code), {"$ref": f"#/components/responses/Problem{code}"})
        action = self._action()
        if (
            getattr(self.view, "record_etags", False)
            and action in {"retrieve", "create", "update", "partial_update"}
        ) or getattr(getattr(self.view, action or "", None), "returns_etag", False):
            for code, response in responses.items():
                if code in {"200", "201"} and "$ref" not in response:
                    response.setdefault("headers", {})["ETag"] = {
                        "$ref": "#/components/headers/ETag"
                    }
        return operation


def _problem_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "description": _("Problem details (RFC 9457), the body of every error."),
        "required": ["type", "title", "status"],
        "properties": {
            "type": {
                "type": "string",
                "description": _(
                    "A URI reference naming the kind of problem; about:blank for plain HTTP errors."
                ),
            },
            "title": {
                "type": "string",
                "description": _(
                    "A short summary of the problem, in the language asked for (Accept-Language)."
                ),
            },
            "status": {"type": "integer", "description": _("The HTTP status code.")},
            "detail": {"type": "string", "description": _("What went wrong in this case.")},
            "instance": {"type": "string", "description": _("The address of the request.")},
            "code": {
                "type": "string",
                "description": _(
                    "A machine-readable code of the problem, such as invalid, not-found, "
                    "stale-version or invalid-rows."
                ),
            },
            "invalid_params": {
                "type": "array",
                "description": _("For invalid input: each place that is wrong."),
                "items": {"$ref": "#/components/schemas/InvalidParam"},
            },
        },
    }


def _invalid_param_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "description": _("One wrong value of a request."),
        "required": ["name", "code", "reason"],
        "properties": {
            "name": {
                "type": "string",
                "description": _(
                    "Where: a field name (nested fields joined by dots, list items by position), "
                    "a query parameter, a path in a dataset file or a column of an upload; empty "
                    "for the request as a whole."
                ),
            },
            "code": {"type": "string", "description": _("A machine-readable code of the error.")},
            "reason": {"type": "string", "description": _("What is wrong, in words.")},
            "line": {"type": "integer", "description": _("The line of an uploaded file.")},
            "row": {
                "type": "integer",
                "description": _(
                    "The row of a bulk upload: the line number in the file, the header being line 1 "
                    "of a CSV file."
                ),
            },
        },
    }


PATH_PARAMETERS = {
    "key": gettext_lazy("The record's key."),
    "prefix": gettext_lazy("The token's prefix (the part after 'mm_')."),
}


def postprocess(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Add the shared components and the API-Version header on every response."""
    components = result.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = _problem_schema()
    schemas["InvalidParam"] = _invalid_param_schema()
    version_header = {"$ref": "#/components/headers/API-Version"}
    components["headers"] = {
        "API-Version": {
            "description": _("The full version of the API that answered."),
            "required": True,
            "schema": {"type": "string", "example": API_VERSION},
        },
        "ETag": {
            "description": _("The version of the record; send it in If-Match to change it."),
            "required": True,
            "schema": {"type": "string", "example": '"1"'},
        },
    }
    used = set()
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for param in operation.get("parameters", []):
                if param["in"] == "path" and not param.get("description"):
                    param["description"] = str(PATH_PARAMETERS.get(param["name"], ""))
            for code, response in operation.get("responses", {}).items():
                if "$ref" in response:
                    used.add(code)
                    continue
                response.setdefault("headers", {})["API-Version"] = version_header
    components["responses"] = {
        f"Problem{code}": {
            "description": str(TITLES.get(int(code), _("Error"))),
            "headers": {"API-Version": version_header},
            "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for code in sorted(used)
    }
    return result
