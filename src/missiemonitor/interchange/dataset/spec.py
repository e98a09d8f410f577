"""The sections of a dataset file, in load order: which model each holds and its fields.

This table is the single definition of the format: the loader validates against it, the
exporter writes from it and docs/dataset-format.md describes it (a test keeps them in step).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from django.apps import apps
from django.db import models

from missiemonitor.core import structure
from missiemonitor.interchange.dataset.fields import Field

ISO_COUNTRY = r"[A-Z]{2}"
DOSSIER = r"\d{1,3}( ?\d{3})*([- ]?[A-Z]+)?"  # what core.kamerstuk.normalise_dossier accepts
LANG = ("nl", "en")


@dataclass(frozen=True)
class Section:
    """A list of records in the file.

    How a record's need-to-know mission is set, and what it is part of, is the model's
    (:mod:`missiemonitor.core.structure`); a section reads it as ``mission``:
    ``"explicit"`` (an optional ``mission`` field), ``"required"`` (a required ``mission``
    field), ``"self"`` (the Mission itself), ``"none"`` (never bound to a mission), ``"parent"``
    (the enclosing record's) or the name of the reference field whose record's mission it
    takes over; and as ``parent_attr``, the reference of a nested record to its parent.
    """

    name: str
    model_label: str
    fields: tuple[Field, ...]
    children: tuple[Section, ...] = ()
    keyed: bool = True
    order_by: tuple[str, ...] = ()  # for unkeyed nested sections: model attributes to sort by
    description: str = ""

    @cached_property
    def parent_attr(self) -> str | None:
        return structure.part_of(self.model)

    @cached_property
    def mission(self) -> str:
        mode = structure.mission_from(self.model) or "none"
        if self.parent_attr and mode == self.parent_attr:
            return "parent"
        if mode in structure.FIXED_MODES:
            return mode
        return next(f.name for f in self.fields if f.model_attr == mode)

    @cached_property
    def natural_key(self) -> tuple[str, ...]:
        """For unkeyed nested sections: the fields that identify an item within its parent."""
        attrs = structure.part_key(self.model)
        named = [f for f in self.fields if f.model_attrs() and set(f.model_attrs()) <= set(attrs)]
        return tuple(f.name for f in sorted(named, key=lambda f: attrs.index(f.model_attrs()[0])))

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
        )),
        Section("sources", "core.Source", (
            Choice("kind", Source.Kind, default="other"), S("title", True), Fuzzy("date"),
            S("dossier", pattern=DOSSIER, help="for example 27925"), Int("number", minimum=1),
            S("url"),
        )),
        Section("locations", "missions.Location", (
            S("name", True), Choice("kind", Location.Kind, default="other"),
            S("country", True, pattern=ISO_COUNTRY, help="ISO 3166-1 alpha-2"),
            Ref("parent", "locations"),
        )),
        Section("missions", "missions.Mission", (
            *nl_en("name", True), S("acronym", True), Choice("lead", Mission.Lead, True),
            Choice("kind", Mission.Kind, True), S("area", True),
            *nl_en("description", text=True), Fuzzy("start"), Fuzzy("end", end=True),
        )),
        Section("mandates", "missions.Mandate", (
            Choice("kind", Mandate.Kind, True), *nl_en("title", True), *nl_en("short_title"),
            S("dossier", True, pattern=DOSSIER, help="for example 27925"),
            Int("number", True, minimum=1), Date("date", True), Refs("missions", "missions"),
        ), children=(
            Section("planned_contributions", "missions.PlannedContribution", (
                Choice("kind", ContributionKind, True), *nl_en("description", True, text=True),
                Int("planned_headcount"), Bool("headcount_approximately"),
                Fuzzy("start"), Fuzzy("end", end=True), T("source_passage"),
            )),
        )),
        Section("contributions", "missions.Contribution", (
            *nl_en("name", True), Choice("kind", ContributionKind, True),
            Choice("ministry", Ministry, True), Refs("mandates", "mandates"),
            Refs("realises", "planned_contributions"),
            Field("partner_nations", "codes", pattern=ISO_COUNTRY, help="ISO 3166-1 alpha-2"),
            Refs("locations", "locations"), Int("planned_headcount"), Int("actual_headcount"),
            Bool("headcount_approximately"), Fuzzy("start"), Fuzzy("end", end=True),
            *nl_en("description", text=True), Int("order"),
        ), children=(
            Section("assets", "missions.Asset", (
                *nl_en("asset_type", True), Int("count"), Bool("count_approximately"),
            )),
            Section("milestones", "missions.Milestone", (
                Choice("kind", Milestone.Kind, True), Fuzzy("date"), Bool("planned"),
                *nl_en("text", True, text=True), S("counterpart"),
            )),
        )),
        Section("roles", "missions.Role", (
            Ref("contribution", "contributions", True), *nl_en("name", True),
            Choice("post_kind", PostKind, True), Int("headcount"), Bool("headcount_approximately"),
            Ref("location", "locations"), *nl_en("description", text=True),
        ), children=(
            Section("postings", "missions.Posting", (
                Int("headcount"), Bool("headcount_approximately"),
                Fuzzy("start"), Fuzzy("end", end=True),
            )),
        )),
        Section("rating_scales", "results.RatingScale", (
            *nl_en("name", True), T("description"), Int("met_threshold", True, minimum=0),
        ), children=(
            Section("levels", "results.ScaleLevel", (
                Int("rank", True), S("code", True, pattern=r"[a-z0-9-]+", help="lowercase code"),
                S("label", True), S("label_en", True), T("description"),
            ), keyed=False, order_by=("rank",)),
        )),
        Section("dimensions", "results.Dimension", (*nl_en("name", True),), children=(
            Section("values", "results.DimensionValue", (
                S("code", True, pattern=r"[A-Za-z0-9_-]+", help="a code"), *nl_en("label", True),
                Int("order"),
            ), keyed=False, order_by=("order", "code")),
        )),
        Section("frameworks", "results.Framework", (
            *nl_en("name", True), S("owner"), *nl_en("description", text=True),
        ), children=(
            Section("versions", "results.FrameworkVersion", (
                S("label", True), Fuzzy("issued"), Ref("scale", "rating_scales", True),
                Choice("basis", FrameworkVersion.Basis, default="conditions"),
                Choice("progress_rule", ProgressRule, default="share-met"),
                Ref("supersedes", "versions"), Int("stated_objective_count"),
                *nl_en("description", text=True),
            )),
        )),
        Section("objectives", "results.Objective", (
            Ref("parent", "objectives"), Ref("mandate", "mandates"),
            Ref("contribution", "contributions"), Choice("level", Objective.Level, True),
            S("code"), *nl_en("title", True, text=True), *nl_en("description", text=True),
            Int("order"),
        )),
        Section("long_term_objectives", "results.LongTermObjective", (
            Ref("framework_version", "versions", True), Ref("objective", "objectives"),
            S("code", True), *nl_en("title", True, text=True), *nl_en("owner"),
            *nl_en("description", text=True), Date("expected_by"),
            Choice("progress_rule", (*ProgressRule.values, "")), Refs("roles", "roles"), Int("order"),
        ), children=(
            Section("conditions", "results.Condition", (
                S("code"), *nl_en("text", True, text=True), Date("expected_by"), Bool("retired"),
                Int("order"),
            )),
        )),
        Section("condition_mappings", "results.ConditionMapping", (
            Ref("source", "conditions", True), Ref("target", "conditions", True),
            Choice("relation", ConditionMapping.Relation, True),
        )),
        Section("programmes", "programmes.Programme", (
            *nl_en("name", True), Ref("partner", "organisations"), Ref("parent", "programmes"),
            Choice("ministry", (*Ministry.values, "")), S("area", True), Fuzzy("start"),
            Fuzzy("end", end=True), *nl_en("aims", text=True),
        ), children=(
            Section("budgets", "programmes.ProgrammeBudget", (
                Period(), Dec("amount", True), Choice("kind", BudgetKind, default="original"),
                Choice("status", BudgetStatus, default="indicative"),
            ), keyed=False, order_by=("start", "end", "kind")),
            Section("transactions", "programmes.ProgrammeTransaction", (
                Choice("kind", TransactionKind, True), Date("date", True), Dec("amount", True),
                Ref("receiver", "organisations"), *nl_en("description", text=True),
            ), keyed=False, order_by=("date", "kind", "amount")),
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
        ), children=(
            Section("targets", "results.Target", (Period(), Dec("value", True, minimum=None)),
                    keyed=False, order_by=("start", "end")),
        )),
        Section("observations", "results.Observation", (
            Ref("indicator", "indicators", True), Period(), Dec("value", True, minimum=None),
            Bool("approximately"), Choice("bound", Bound), Field("disaggregation", "mapping"),
            Ref("source", "sources"), T("source_passage"), T("note"),
        )),
        Section("monitoring_visits", "monitoring.MonitoringVisit", (
            *nl_en("title", True), Fuzzy("start"), Fuzzy("end", end=True),
            Refs("organisations", "organisations"), Refs("missions", "missions"),
            *nl_en("scope", text=True), *nl_en("purpose", text=True), Ref("mandate", "mandates"),
        ), children=(
            Section("findings", "monitoring.Finding", (
                *nl_en("text", True, text=True), Ref("contribution", "contributions"),
                Ref("objective", "objectives"), Int("order"),
            ), children=(
                Section("actions", "monitoring.FollowUpAction", (
                    *nl_en("description", True, text=True), S("owner", True), Date("due"),
                    Choice("status", FollowUpAction.Status, default="open"), Date("completed_on"),
                    *nl_en("adjustment", text=True), Ref("adjusted_contribution", "contributions"),
                    Ref("adjusted_objective", "objectives"), Ref("adjusted_mandate", "mandates"),
                )),
            )),
        )),
        Section("reporting_schedules", "monitoring.ReportingSchedule", (
            Ref("contribution", "contributions", True), Choice("frequency", Frequency, True),
            Date("start", True), Date("end"), Int("due_days", default=10),
        )),
        Section("field_reports", "monitoring.FieldReport", (
            Ref("contribution", "contributions", True), Period(),
            Choice("status", FieldReport.Status, default="draft"), T("summary"), T("body"),
            S("author_name"), Moment("submitted_at"), S("reviewer_name"), Moment("reviewed_at"),
            T("review_comment"),
        )),
        Section("assessments", "results.ConditionAssessment", (
            Ref("condition", "conditions", True), Field("level", "level", required=True),
            Date("date", True), *nl_en("rationale", text=True), S("assessor_name"),
            S("reviewer_name"), Choice("state", AssessmentState, default="draft"),
            T("review_comment"), Moment("submitted_at"), Moment("reviewed_at"),
        ), children=(
            Section("evidence", "results.Evidence", (
                Choice("kind", Evidence.Kind, True), Ref("finding", "findings"),
                Ref("observation", "observations"), Ref("field_report", "field_reports"),
                Ref("document", "sources"), T("note"),
                Choice("confidence", Evidence.Confidence, default="medium"),
            )),
        )),
        Section("context_events", "context.ContextEvent", (
            Choice("category", ContextEvent.Category, True), Fuzzy("start"), Fuzzy("end", end=True),
            Bool("planned"), S("area", True), Ref("place", "locations"),
            *nl_en("title", True), *nl_en("text", text=True), S("subject"),
            Ref("source", "sources"), T("source_passage"),
        ), children=(
            Section("figures", "context.EventFigure", (
                Dec("value", True, minimum=None), *nl_en("unit", True), Bool("approximately"),
                Int("order"),
            ), keyed=False, order_by=("order", "unit")),
        )),
        Section("threat_assessments", "context.ThreatAssessment", (
            Ref("location", "locations"), S("area", True), *nl_en("threat", True), *nl_en("actor"),
            Choice("level", tuple(ThreatLevel.values)), Choice("change", ThreatAssessment.Change),
            Fuzzy("valid_from", required=True), Ref("source", "sources"), T("source_passage"),
        )),
        Section("incidents", "context.Incident", (
            Ref("contribution", "contributions"), Fuzzy("date", required=True),
            Choice("incident_type", Incident.Type, True), Choice("severity", Incident.Severity, True),
            Int("casualties"), Ref("location", "locations"), *nl_en("description", True, text=True),
            *nl_en("outcome", text=True),
        )),
        Section("expenditures", "finance.Expenditure", (
            Ref("contribution", "contributions"), Period(), Dec("amount"), Bool("approximately"),
            Choice("budget_source", BudgetSource, True), Choice("ministry", (*Ministry.values, "")),
            S("budget_article"), *nl_en("description", text=True),
        )),
        Section("narratives", "reporting.NarrativeBlock", (
            Choice("section", ReportSection, True), Ref("contribution", "contributions"), Period(),
            Choice("language", Language, True), S("heading"), T("text", True), Int("order"),
        )),
        Section("signatories", "reporting.Signatory", (
            Period(), S("name", True), *nl_en("function", True), Int("order"),
        )),
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


@cache
def _by_model() -> dict[str, Section]:
    return {section.model_label: section for section in _walk(sections())}


def section_for_model(model: type[models.Model]) -> Section | None:
    """The section of the file that holds records of ``model``, if any."""
    return _by_model().get(model._meta.label)
