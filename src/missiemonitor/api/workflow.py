"""The review cycle over HTTP: ``POST .../{key}/submit``, ``.../approve`` and ``.../return``
on field reports and condition assessments. Each names the version it acts on in If-Match
(missing: 428, stale: 412) and calls the app's workflow service, which decides who may do
what (403) and in which state (409)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from missiemonitor.api.concurrency import expected_version, if_match_versions
from missiemonitor.api.fields import StrictCharField
from missiemonitor.api.problems import PreconditionFailed


class ReviewCommentSerializer(serializers.Serializer):
    """A reviewer's comment on an approval or a return."""

    comment = StrictCharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("What the reviewer says; required when returning."),
    )


class ReviewActionsMixin:
    """Adds submit/approve/return; subclasses name the services and their record argument."""

    review_services: dict[str, Callable[..., Any]] = {}
    review_record_argument = "record"
    review_problems = (409, 412, 428)

    def _review(self, request: Request, step: str, **extra: Any) -> Response:
        instance = self.get_object()
        version = expected_version(instance, if_match_versions(request))
        if version != instance.version:
            raise PreconditionFailed()
        service = self.review_services[step]
        record = service(
            user=request.user, version=version, **{self.review_record_argument: instance}, **extra
        )
        return self._respond(record)

    @extend_schema(request=None, summary="Submit for review")
    @action(detail=True, methods=["post"], url_path="submit")
    def submit(self, request: Request, key: str | None = None) -> Response:
        """Offer a draft (or a returned record, after changes) for review."""
        return self._review(request, "submit")

    @extend_schema(request=ReviewCommentSerializer, summary="Approve")
    @action(detail=True, methods=["post"], url_path="approve")
    def approve(self, request: Request, key: str | None = None) -> Response:
        """Approve a submitted record. Reviewers cannot approve their own work."""
        body = ReviewCommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._review(request, "approve", comment=body.validated_data["comment"])

    @extend_schema(request=ReviewCommentSerializer, summary="Return to its author")
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, key: str | None = None) -> Response:
        """Send a submitted record back to its author, saying why (the comment is required)."""
        body = ReviewCommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._review(request, "return", comment=body.validated_data["comment"])


for _name in ("submit", "approve", "return_"):
    getattr(ReviewActionsMixin, _name).problems = (400, 404, 409, 412, 428)
    getattr(ReviewActionsMixin, _name).returns_etag = True
    getattr(ReviewActionsMixin, _name).if_match = "required"
