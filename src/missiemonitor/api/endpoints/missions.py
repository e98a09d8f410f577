"""API resources of missions: locations, missions, mandates and their planned contributions,
contributions with their assets and milestones, roles and postings."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from missiemonitor.api.fields import StrictRegexField
from missiemonitor.api.queries import BoundedDateField, MissionScopeSerializer
from missiemonitor.api.resources import record_serializer, record_viewset
from missiemonitor.missions.models import (
    Asset,
    Contribution,
    Location,
    Mandate,
    Milestone,
    Mission,
    PlannedContribution,
    Posting,
    PostKind,
    Role,
)
from missiemonitor.missions.selectors import ADJACENT, GAP, NO_SUCCESSOR, OVERLAP, rotation_analysis

ContributionSerializer = record_serializer(
    Contribution,
    partner_nations=serializers.ListField(
        child=StrictRegexField(r"^[A-Z]{2}$", max_length=2),
        required=False,
        max_length=50,
        help_text=_(
            'ISO 3166-1 alpha-2 codes of nations working alongside, for example ["PL", "ES"].'
        ),
    ),
)

ROUTES = [
    ("locations", record_viewset(Location)),
    ("missions", record_viewset(Mission)),
    ("mandates", record_viewset(Mandate, search=("key", "title", "short_title", "dossier"))),
    ("planned-contributions", record_viewset(PlannedContribution)),
    ("contributions", record_viewset(Contribution, serializer=ContributionSerializer)),
    ("assets", record_viewset(Asset)),
    ("milestones", record_viewset(Milestone)),
    ("roles", record_viewset(Role)),
    ("postings", record_viewset(Posting)),
]


class HandoverSerializer(serializers.Serializer):
    """The passage from one posting of a role to the next: a gap, an overlap, adjacent
    postings, or a last posting without a successor."""

    kind = serializers.ChoiceField(
        choices=[GAP, NO_SUCCESSOR, OVERLAP, ADJACENT],
        help_text=_(
            "gap: days without anyone; no-successor: the last posting ended and none follows; "
            "overlap: days together; adjacent: one ends the day before the next starts."
        ),
    )
    predecessor = serializers.CharField(
        source="predecessor.key", help_text=_("The earlier posting's key.")
    )
    successor = serializers.SerializerMethodField(
        help_text=_("The later posting's key; null if none.")
    )
    days = serializers.IntegerField(help_text=_("Days uncovered (gaps) or shared (overlaps)."))
    start = serializers.DateField(
        allow_null=True, help_text=_("The first uncovered or shared day.")
    )
    end = serializers.DateField(allow_null=True, help_text=_("The last uncovered or shared day."))
    approximate = serializers.BooleanField(
        help_text=_("A date involved is only known to the month or the year.")
    )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_successor(self, handover: Any) -> str | None:
        return handover.successor.key if handover.successor is not None else None


class ObjectiveLinkSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("The long-term objective's key."))
    code = serializers.CharField(help_text=_("The objective's code."))
    title = serializers.CharField(help_text=_("The objective."))
    title_en = serializers.CharField(help_text=_("The objective in English."))


class RoleRotationSerializer(serializers.Serializer):
    """One role: its postings in order and the handovers between them."""

    role = serializers.CharField(source="role.key", help_text=_("The role's key."))
    name = serializers.CharField(source="role.name", help_text=_("The role's name."))
    post_kind = serializers.ChoiceField(
        source="role.post_kind", choices=PostKind.choices, help_text=_("The kind of post.")
    )
    contribution = serializers.CharField(
        source="role.contribution.key", help_text=_("The contribution's key.")
    )
    mission = serializers.SerializerMethodField(help_text=_("The mission's key."))
    postings = serializers.SerializerMethodField(help_text=_("The keys of its postings, in order."))
    tour_days = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("The length in days of each posting with both dates known."),
    )
    handovers = HandoverSerializer(many=True, help_text=_("The handovers between its postings."))
    objectives = ObjectiveLinkSerializer(
        many=True, help_text=_("The long-term objectives it supports.")
    )
    at_risk = serializers.BooleanField(
        help_text=_("It supports an objective and has a handover gap: the objective is at risk.")
    )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_mission(self, rotation: Any) -> str | None:
        mission = rotation.role.contribution.mission  # None when the user may not see it
        return mission.key if mission is not None else None

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_postings(self, rotation: Any) -> list[str]:
        return [posting.key for posting in rotation.postings]


MONTHS = {"allow_null": True}


class PostKindSummarySerializer(serializers.Serializer):
    """Tours and handovers of all roles of one kind of post."""

    post_kind = serializers.ChoiceField(choices=PostKind.choices, help_text=_("The kind of post."))
    label = serializers.CharField(help_text=_("The kind of post, in words."))
    roles = serializers.IntegerField(help_text=_("Roles of this kind."))
    tours = serializers.IntegerField(help_text=_("Completed tours, with both dates known."))
    average_tour_months = serializers.FloatField(
        **MONTHS, help_text=_("Average tour length in months.")
    )
    median_tour_months = serializers.FloatField(
        **MONTHS, help_text=_("Median tour length in months.")
    )
    shortest_tour_months = serializers.FloatField(**MONTHS, help_text=_("Shortest tour in months."))
    longest_tour_months = serializers.FloatField(**MONTHS, help_text=_("Longest tour in months."))
    gaps = serializers.IntegerField(help_text=_("Handover gaps."))
    gap_days = serializers.IntegerField(help_text=_("Days uncovered, in all gaps together."))
    overlaps = serializers.IntegerField(help_text=_("Handovers with overlap."))
    average_overlap_days = serializers.FloatField(**MONTHS, help_text=_("Average overlap in days."))
    without_successor = serializers.IntegerField(
        help_text=_("Roles whose last posting has no successor.")
    )


class RotationAnalysisSerializer(serializers.Serializer):
    """Rotations and handovers of every role in scope."""

    as_of = serializers.DateField(help_text=_("The day the analysis is made for."))
    roles = RoleRotationSerializer(
        many=True, help_text=_("Each role with its postings and handovers.")
    )
    by_post_kind = PostKindSummarySerializer(many=True, help_text=_("Summaries per kind of post."))


class RotationQuerySerializer(MissionScopeSerializer):
    as_of = BoundedDateField(
        required=False,
        help_text=_(
            "The day to analyse for, YYYY-MM-DD (default: today): postings after it are planned."
        ),
    )


class RotationAnalysisView(APIView):
    """Rotation and handover analysis: tour lengths, overlaps and handover gaps of every role,
    and the long-term objectives a gap puts at risk."""

    problems = (400,)

    @extend_schema(
        parameters=[RotationQuerySerializer],
        responses=RotationAnalysisSerializer,
        operation_id="rotation_analysis_retrieve",
    )
    def get(self, request: Request) -> Response:
        query = RotationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        analysis = rotation_analysis(
            user=request.user,
            mission_keys=query.mission_keys(),
            as_of=query.validated_data.get("as_of"),
        )
        return Response(RotationAnalysisSerializer(analysis).data)


URLS = [("rotation-analysis", RotationAnalysisView)]
