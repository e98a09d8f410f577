"""Plain reads of results records for the pages: lists and histories, no computation. Every
read starts from ``visible_to(user)``."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, QuerySet

from missiemonitor.core.visibility import linked, visible_prefetches
from missiemonitor.missions.scope import in_missions
from missiemonitor.results.models import (
    ConditionAssessment,
    ConditionMapping,
    Evidence,
    Framework,
    FrameworkVersion,
    Indicator,
    LongTermObjective,
    Objective,
    Observation,
)


def mission_objectives(*, user: Any, mission: Any) -> list[Objective]:
    """The stated objectives of a mission (and of its mandates), in order."""
    return list(Objective.objects.visible_to(user).filter(mission=mission).select_related("mandate")
                .order_by("level", "order", "key"))


def contribution_indicators(*, user: Any, contribution: Any) -> QuerySet[Indicator]:
    return Indicator.objects.visible_to(user).filter(contribution=contribution).order_by("key")


def indicator_observations(*, user: Any, indicators: list[Indicator]) -> dict[int, list[Observation]]:
    """Per indicator, its observations of the total (no disaggregation), in period order. One
    query for any number of indicators."""
    result: dict[int, list[Observation]] = defaultdict(list)
    for observation in (Observation.objects.visible_to(user).filter(indicator__in=indicators)
                        .order_by("indicator_id", "start", "end", "key")):
        if not observation.disaggregation:
            result[observation.indicator_id].append(observation)
    return result


def objective_get(*, user: Any, key: str) -> LongTermObjective:
    return (LongTermObjective.objects.visible_to(user)
            .select_related("framework_version__framework", "framework_version__scale", "objective")
            .get(key=key))


def assessment_history(*, user: Any, conditions: list[Any]) -> dict[int, list[ConditionAssessment]]:
    """Per condition, all its assessments the user may see (every state, newest first), each
    with ``visible_evidence`` and its level. A fixed number of queries."""
    evidence = Evidence.objects.visible_to(user).select_related(
        "finding", "observation", "field_report", "document").order_by("key")
    result: dict[int, list[ConditionAssessment]] = defaultdict(list)
    for assessment in (ConditionAssessment.objects.visible_to(user).filter(condition__in=conditions)
                       .select_related("level", "assessor", "reviewer")
                       .prefetch_related(Prefetch("evidence", queryset=evidence, to_attr="visible_evidence"))
                       .order_by("condition_id", "-date", "-key")):
        result[assessment.condition_id].append(assessment)
    return result


def condition_mappings_into(*, user: Any, conditions: list[Any]) -> dict[int, list[ConditionMapping]]:
    """Per (later) condition, the mappings from earlier conditions the user may see, with the
    earlier condition when the user may see it too. Two queries."""
    mappings = (ConditionMapping.objects.visible_to(user).filter(target__in=conditions)
                .prefetch_related(*visible_prefetches(user, ConditionMapping,
                                                      "source__objective__framework_version"))
                .order_by("target_id", "key"))
    result: dict[int, list[ConditionMapping]] = defaultdict(list)
    for mapping in mappings:
        mapping.visible_source = linked(mapping, "source")
        result[mapping.target_id].append(mapping)
    return result


def assessment_get(*, user: Any, key: str) -> ConditionAssessment:
    evidence = Evidence.objects.visible_to(user).select_related(
        "finding", "observation", "field_report", "document").order_by("key")
    return (ConditionAssessment.objects.visible_to(user)
            .select_related("condition__objective__framework_version", "level", "assessor", "reviewer")
            .with_visible(user, "mission", "condition__objective__framework_version__scale")
            .prefetch_related(Prefetch("evidence", queryset=evidence, to_attr="visible_evidence"))
            .get(key=key))


def assessments_awaiting_review(*, user: Any, mission_keys: list[str] | None = None) -> list[ConditionAssessment]:
    qs = (ConditionAssessment.objects.visible_to(user).filter(state="submitted")
          .select_related("condition__objective", "level").order_by("submitted_at", "key"))
    qs = in_missions(qs, mission_keys)
    return list(qs)


def frameworks_overview(*, user: Any) -> QuerySet[Framework]:
    """Results frameworks with their versions (``visible_versions``, by issue date) and those
    with their long-term objectives (``visible_objectives``), to be paged."""
    objectives = LongTermObjective.objects.visible_to(user).order_by("order", "key")
    versions = (FrameworkVersion.objects.visible_to(user).with_visible(user, "scale")
                .prefetch_related(Prefetch("objectives", queryset=objectives, to_attr="visible_objectives"))
                .order_by("issued", "key"))
    return (Framework.objects.visible_to(user).with_visible(user, "mission")
            .prefetch_related(Prefetch("versions", queryset=versions, to_attr="visible_versions"))
            .order_by("mission__key", "key"))


def indicator_get(*, user: Any, key: str) -> Indicator:
    """One indicator with what it belongs to and its targets."""
    return (Indicator.objects.visible_to(user)
            .with_visible(user, "mission", "contribution", "programme", "objective", "log_dimension")
            .prefetch_related("targets").get(key=key))


def indicator_observation_list(*, user: Any, indicator: Indicator) -> QuerySet[Observation]:
    """All observations of an indicator (every disaggregation), newest period first, to be paged."""
    return (Observation.objects.visible_to(user).filter(indicator=indicator).with_visible(user, "source")
            .order_by("-start", "-end", "key"))
