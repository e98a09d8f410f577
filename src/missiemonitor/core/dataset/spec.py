"""The sections of a dataset file, in load order: which model each holds and its fields.

This table is the single definition of the format: the loader validates against it, the
exporter writes from it and docs/dataset-format.md describes it (a test keeps them in step).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from django.apps import apps
from django.db import models

from missiemonitor.core.dataset.fields import Field

ISO_COUNTRY = r"[A-Z]{2}"
DOSSIER = r"\d{1,3}( ?\d{3})*([- ]?[A-Z]+)?"  # what core.kamerstuk.normalise_dossier accepts
LANG = ("nl", "en")


@dataclass(frozen=True)
class Section:
    """A list of records in the file.

    ``mission`` says how a record's need-to-know mission is set: ``"explicit"`` (an optional
    ``mission`` field), ``"required"`` (a required ``mission`` field), ``"self"`` (the Mission
    itself), ``"none"`` (never bound to a mission) or the name of a reference field (or
    ``"parent"``) whose record's mission it takes over.
    """

    name: str
    model_label: str
    fields: tuple[Field, ...]
    mission: str = "explicit"
    children: tuple[Section, ...] = ()
    parent_attr: str | None = None  # for nested sections: FK attribute to the parent
    keyed: bool = True
    natural_key: tuple[str, ...] = ()  # for unkeyed nested sections: identity within the parent
    order_by: tuple[str, ...] = ()  # for unkeyed nested sections: model attributes to sort by
    description: str = ""

    @cached_property  # asked for every field of every record: look it up once
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @cached_property  # built once per section, not once per record
    def all_fields(self) -> tuple[Field, ...]:
        base: list[Field] = []
        if self.keyed:
            base.append(Field("key", "str", required=True, max_length=100))
        own = list(self.fields)
        if self.mission in {"explicit", "required"}:
            own.insert(0, Field("mission", "ref", required=self.mission == "required", target="missions"))
        if self.keyed:
            own.append(Field("classification", "classification"))
        return (*base, *own)

    def field(self, name: str) -> Field | None:
        for f in self.all_fields:
            if f.name == name:
                return f
        return None


def S(name: str, required: bool = False, **kw) -> Field:
    return Field(name, "str", required=required, **kw)


def T(name: str, required: bool = False, **kw) -> Field:
    return Field(name, "text", required=required, **kw)


def Ref(name: str, target: str, required: bool = False, **kw) -> Field:
    return Field(name, "ref", required=required, target=target, **kw)


def Refs(name: str, target: str, **kw) -> Field:
    return Field(name, "refs", target=target, **kw)


def Choice(name: str, choices: type[models.Choices] | tuple, required: bool = False, **kw) -> Field:
    values = tuple(choices.values) if not isinstance(choices, tuple) else choices
    return Field(name, "choice", required=required, choices=values, **kw)


def Fuzzy(name: str, end: bool = False, required: bool = False) -> Field:
    return Field(name, "fuzzy", end=end, required=required)


def Int(name: str, required: bool = False, **kw) -> Field:
    return Field(name, "int", required=required, **kw)


def Dec(name: str, required: bool = False, minimum=0, **kw) -> Field:
    return Field(name, "decimal", required=required, minimum=minimum, **kw)


def Bool(name: str) -> Field:
    return Field(name, "bool")


def Date(name: str, required: bool = False) -> Field:
    return Field(name, "date", required=required)


def Moment(name: str, required: bool = False) -> Field:
    return Field(name, "datetime", required=required)


def Period(required: bool = True) -> Field:
    return Field("period", "period", required=required, attr="start,end")


def _choices(label: str, attr: str) -> type[models.Choices]:
    return apps.get_model(label)._meta.get_field(attr).choices_enum  # type: ignore[attr-defined]


@cache
def sections() -> tuple[Section, ...]:
    """Built lazily: the choices come from the models, which need the app registry."""
    from missiemonitor.context.models import ContextEvent, Incident, ThreatAssessment, ThreatLevel
    from missiemonitor.core.models import Ministry, Organisation, Source
    from missiemonitor.finance.models import BudgetSource
    from missiemonitor.missions.models import (
        ContributionKind,
        Location,
        Mandate,
        Milestone,
        Mission,
        PostKind,
    )
    from missiemonitor.monitoring.models import FieldReport, FollowUpAction, Frequency
    from missiemonitor.programmes.models import BudgetKind, BudgetStatus, TransactionKind
    from missiemonitor.reporting.models import Language
    from missiemonitor.reporting.models import Section as ReportSection
    from missiemonitor.results.models import (
        ConditionMapping,
        Evidence,
        FrameworkVersion,
        Objective,
        ProgressRule,
    )
    from missiemonitor.results.models.framework import AssessmentState
    from missiemonitor.results.models.indicators import Aggregation, Bound, Direction, LogKind

    nl_en = lambda n, req=False, text=False: (  # noqa: E731
        (T(n, req), T(f"{n}_en")) if text else (S(n, req), S(f"{n}_en"))
    )

    return (
        Section("organisations", "core.Organisation", (
            S("name", True), S("acronym"), Choice("kind", Organisation.Kind, default="other"),
            S("country", pattern=ISO_COUNTRY, help="ISO 3166-1 alpha-2"),
        ), mission="none"),
        Section("sources", "core.Source", (
            Choice("kind", Source.Kind, default="other"), S("title", True), Fuzzy("date"),
            S("dossier", pattern=DOSSIER, help="for example 27925"), Int("number", minimum=1),
            S("url"),
        ), mission="none"),
        Section("locations", "missions.Location", (
            S("name", True), Choice("kind", Location.Kind, default="other"),
            S("country", True, pattern=ISO_COUNTRY, help="ISO 3166-1 alpha-2"),
            Ref("parent", "locations"),
        ), mission="none"),
        Section("missions", "missions.Mission", (
            *nl_en("name", True), S("acronym", True), Choice("lead", Mission.Lead, True),
            Choice("kind", Mission.Kind, True), S("area", True),
            *nl_en("description", text=True), Fuzzy("start"), Fuzzy("end", end=True),
        ), mission="self"),
        Section("mandates", "missions.Mandate", (
            Choice("kind", Mandate.Kind, True), *nl_en("title", True), *nl_en("short_title"),
            S("dossier", True, pattern=DOSSIER, help="for example 27925"),
            Int("number", True, minimum=1), Date("date", True), Refs("missions", "missions"),
        ), mission="none", children=(
            Section("planned_contributions", "missions.PlannedContribution", (
                Choice("kind", ContributionKind, True), *nl_en("description", True, text=True),
                Int("planned_headcount"), Bool("headcount_approximately"),
                Fuzzy("start"), Fuzzy("end", end=True), T("source_passage"),
            ), mission="required", parent_attr="mandate"),
        )),
        Section("contributions", "missions.Contribution", (
            *nl_en("name", True), Choice("kind", ContributionKind, True),
            Choice("ministry", Ministry, True), Refs("mandates", "mandates"),
            Refs("realises", "planned_contributions"),
            Field("partner_nations", "codes", pattern=ISO_COUNTRY, help="ISO 3166-1 alpha-2"),
            Refs("locations", "locations"), Int("planned_headcount"), Int("actual_headcount"),
            Bool("headcount_approximately"), Fuzzy("start"), Fuzzy("end", end=True),
            *nl_en("description", text=True), Int("order"),
        ), mission="required", children=(
            Section("assets", "missions.Asset", (
                *nl_en("asset_type", True), Int("count"), Bool("count_approximately"),
            ), mission="parent", parent_attr="contribution"),
            Section("milestones", "missions.Milestone", (
                Choice("kind", Milestone.Kind, True), Fuzzy("date"), Bool("planned"),
                *nl_en("text", True, text=True), S("counterpart"),
            ), mission="parent", parent_attr="contribution"),
        )),
        Section("roles", "missions.Role", (
            Ref("contribution", "contributions", True), *nl_en("name", True),
            Choice("post_kind", PostKind, True), Int("headcount"), Bool("headcount_approximately"),
            Ref("location", "locations"), *nl_en("description", text=True),
        ), mission="contribution", children=(
            Section("postings", "missions.Posting", (
                Int("headcount"), Bool("headcount_approximately"),
                Fuzzy("start"), Fuzzy("end", end=True),
            ), mission="parent", parent_attr="role"),
        )),
        Section("rating_scales", "results.RatingScale", (
            *nl_en("name", True), T("description"), Int("met_threshold", True, minimum=0),
        ), mission="none", children=(
            Section("levels", "results.ScaleLevel", (
                Int("rank", True), S("code", True, pattern=r"[a-z0-9-]+", help="lowercase code"),
                S("label", True), S("label_en", True), T("description"),
            ), mission="none", parent_attr="scale", keyed=False, natural_key=("code",),
               order_by=("rank",)),
        )),
        Section("dimensions", "results.Dimension", (*nl_en("name", True),), mission="none", children=(
            Section("values", "results.DimensionValue", (
                S("code", True, pattern=r"[A-Za-z0-9_-]+", help="a code"), *nl_en("label", True),
                Int("order"),
            ), mission="none", parent_attr="dimension", keyed=False, natural_key=("code",),
               order_by=("order", "code")),
        )),
        Section("frameworks", "results.Framework", (
            *nl_en("name", True), S("owner"), *nl_en("description", text=True),
        ), mission="explicit", children=(
            Section("versions", "results.FrameworkVersion", (
                S("label", True), Fuzzy("issued"), Ref("scale", "rating_scales", True),
                Choice("basis", FrameworkVersion.Basis, default="conditions"),
                Choice("progress_rule", ProgressRule, default="share-met"),
                Ref("supersedes", "versions"), Int("stated_objective_count"),
                *nl_en("description", text=True),
            ), mission="parent", parent_attr="framework"),
        )),
        Section("objectives", "results.Objective", (
            Ref("parent", "objectives"), Ref("mandate", "mandates"),
            Ref("contribution", "contributions"), Choice("level", Objective.Level, True),
            S("code"), *nl_en("title", True, text=True), *nl_en("description", text=True),
            Int("order"),
        ), mission="explicit"),
        Section("long_term_objectives", "results.LongTermObjective", (
            Ref("framework_version", "versions", True), Ref("objective", "objectives"),
            S("code", True), *nl_en("title", True, text=True), *nl_en("owner"),
            *nl_en("description", text=True), Date("expected_by"),
            Choice("progress_rule", (*ProgressRule.values, "")), Refs("roles", "roles"), Int("order"),
        ), mission="framework_version", children=(
            Section("conditions", "results.Condition", (
                S("code"), *nl_en("text", True, text=True), Date("expected_by"), Bool("retired"),
                Int("order"),
            ), mission="parent", parent_attr="objective"),
        )),
        Section("condition_mappings", "results.ConditionMapping", (
            Ref("source", "conditions", True), Ref("target", "conditions", True),
            Choice("relation", ConditionMapping.Relation, True),
        ), mission="target"),
        Section("programmes", "programmes.Programme", (
            *nl_en("name", True), Ref("partner", "organisations"), Ref("parent", "programmes"),
            Choice("ministry", (*Ministry.values, "")), S("area", True), Fuzzy("start"),
            Fuzzy("end", end=True), *nl_en("aims", text=True),
        ), mission="explicit", children=(
            Section("budgets", "programmes.ProgrammeBudget", (
                Period(), Dec("amount", True), Choice("kind", BudgetKind, default="original"),
                Choice("status", BudgetStatus, default="indicative"),
            ), mission="none", parent_attr="programme", keyed=False,
               natural_key=("kind", "period"), order_by=("start", "end", "kind")),
            Section("transactions", "programmes.ProgrammeTransaction", (
                Choice("kind", TransactionKind, True), Date("date", True), Dec("amount", True),
                Ref("receiver", "organisations"), *nl_en("description", text=True),
            ), mission="none", parent_attr="programme", keyed=False,
               natural_key=("kind", "date", "receiver"), order_by=("date", "kind", "amount")),
        )),
        Section("indicators", "results.Indicator", (
            *nl_en("name", True), *nl_en("unit", True),
            Choice("direction", Direction, default="neutral"),
            Choice("aggregation", Aggregation, default="sum"), Dec("baseline", minimum=None),
            Date("baseline_date"), Refs("dimensions", "dimensions"),
            Ref("contribution", "contributions"), Ref("programme", "programmes"),
            Ref("objective", "objectives"), S("area"),
            Choice("log_kind", (*LogKind.values, "")), S("log_category"),
            Ref("log_dimension", "dimensions"), *nl_en("description", text=True),
        ), mission="explicit", children=(
            Section("targets", "results.Target", (Period(), Dec("value", True, minimum=None)),
                    mission="none", parent_attr="indicator", keyed=False,
                    natural_key=("period",), order_by=("start", "end")),
        )),
        Section("observations", "results.Observation", (
            Ref("indicator", "indicators", True), Period(), Dec("value", True, minimum=None),
            Bool("approximately"), Choice("bound", Bound), Field("disaggregation", "mapping"),
            Ref("source", "sources"), T("source_passage"), T("note"),
        ), mission="indicator"),
        Section("monitoring_visits", "monitoring.MonitoringVisit", (
            *nl_en("title", True), Fuzzy("start"), Fuzzy("end", end=True),
            Refs("organisations", "organisations"), Refs("missions", "missions"),
            *nl_en("scope", text=True), *nl_en("purpose", text=True), Ref("mandate", "mandates"),
        ), mission="explicit", children=(
            Section("findings", "monitoring.Finding", (
                *nl_en("text", True, text=True), Ref("contribution", "contributions"),
                Ref("objective", "objectives"), Int("order"),
            ), mission="explicit", parent_attr="visit", children=(
                Section("actions", "monitoring.FollowUpAction", (
                    *nl_en("description", True, text=True), S("owner", True), Date("due"),
                    Choice("status", FollowUpAction.Status, default="open"), Date("completed_on"),
                    *nl_en("adjustment", text=True), Ref("adjusted_contribution", "contributions"),
                    Ref("adjusted_objective", "objectives"), Ref("adjusted_mandate", "mandates"),
                ), mission="parent", parent_attr="finding"),
            )),
        )),
        Section("reporting_schedules", "monitoring.ReportingSchedule", (
            Ref("contribution", "contributions", True), Choice("frequency", Frequency, True),
            Date("start", True), Date("end"), Int("due_days", default=10),
        ), mission="contribution"),
        Section("field_reports", "monitoring.FieldReport", (
            Ref("contribution", "contributions", True), Period(),
            Choice("status", FieldReport.Status, default="draft"), T("summary"), T("body"),
            S("author_name"), Moment("submitted_at"), S("reviewer_name"), Moment("reviewed_at"),
            T("review_comment"),
        ), mission="contribution"),
        Section("assessments", "results.ConditionAssessment", (
            Ref("condition", "conditions", True), Field("level", "level", required=True),
            Date("date", True), *nl_en("rationale", text=True), S("assessor_name"),
            S("reviewer_name"), Choice("state", AssessmentState, default="draft"),
            T("review_comment"), Moment("submitted_at"), Moment("reviewed_at"),
        ), mission="condition", children=(
            Section("evidence", "results.Evidence", (
                Choice("kind", Evidence.Kind, True), Ref("finding", "findings"),
                Ref("observation", "observations"), Ref("field_report", "field_reports"),
                Ref("document", "sources"), T("note"),
                Choice("confidence", Evidence.Confidence, default="medium"),
            ), mission="parent", parent_attr="assessment"),
        )),
        Section("context_events", "context.ContextEvent", (
            Choice("category", ContextEvent.Category, True), Fuzzy("start"), Fuzzy("end", end=True),
            Bool("planned"), S("area", True), Ref("place", "locations"),
            *nl_en("title", True), *nl_en("text", text=True), S("subject"),
            Ref("source", "sources"), T("source_passage"),
        ), mission="explicit", children=(
            Section("figures", "context.EventFigure", (
                Dec("value", True, minimum=None), *nl_en("unit", True), Bool("approximately"),
                Int("order"),
            ), mission="none", parent_attr="event", keyed=False, natural_key=("order", "unit"),
               order_by=("order", "unit")),
        )),
        Section("threat_assessments", "context.ThreatAssessment", (
            Ref("location", "locations"), S("area", True), *nl_en("threat", True), *nl_en("actor"),
            Choice("level", tuple(ThreatLevel.values)), Choice("change", ThreatAssessment.Change),
            Fuzzy("valid_from", required=True), Ref("source", "sources"), T("source_passage"),
        ), mission="explicit"),
        Section("incidents", "context.Incident", (
            Ref("contribution", "contributions"), Fuzzy("date", required=True),
            Choice("incident_type", Incident.Type, True), Choice("severity", Incident.Severity, True),
            Int("casualties"), Ref("location", "locations"), *nl_en("description", True, text=True),
            *nl_en("outcome", text=True),
        ), mission="explicit"),
        Section("expenditures", "finance.Expenditure", (
            Ref("contribution", "contributions"), Period(), Dec("amount"), Bool("approximately"),
            Choice("budget_source", BudgetSource, True), Choice("ministry", (*Ministry.values, "")),
            S("budget_article"), *nl_en("description", text=True),
        ), mission="required"),
        Section("narratives", "reporting.NarrativeBlock", (
            Choice("section", ReportSection, True), Ref("contribution", "contributions"), Period(),
            Choice("language", Language, True), S("heading"), T("text", True), Int("order"),
        ), mission="explicit"),
        Section("signatories", "reporting.Signatory", (
            Period(), S("name", True), *nl_en("function", True), Int("order"),
        ), mission="none"),
    )


def _walk(items: tuple[Section, ...]):
    for section in items:
        yield section
        yield from _walk(section.children)


@cache
def by_name() -> dict[str, Section]:
    return {section.name: section for section in _walk(sections())}


@cache
def parents() -> dict[str, Section]:
    result = {}
    for section in _walk(sections()):
        for child in section.children:
            result[child.name] = section
    return result


FORMAT_NAME = "missiemonitor-dataset"
FORMAT_VERSION = 1
HEADER_FIELDS = ("format", "version", "title", "description")
