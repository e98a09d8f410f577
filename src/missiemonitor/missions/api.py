"""API resources of missions: locations, missions, mandates and their planned contributions,
contributions with their assets and milestones, roles and postings."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

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
    Role,
)

ContributionSerializer = record_serializer(
    Contribution,
    partner_nations=serializers.ListField(
        child=serializers.RegexField(r"^[A-Z]{2}$", max_length=2), required=False, max_length=50,
        help_text=_("ISO 3166-1 alpha-2 codes of nations working alongside, for example "
                    "[\"PL\", \"ES\"].")),
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
