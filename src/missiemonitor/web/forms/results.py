"""Forms of the objectives pages: recording an assessment with its evidence, and reviewing it;
and the forms of objectives, frameworks, long-term objectives with their conditions, and
indicators with their targets and observations."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Classification
from missiemonitor.results.models import (
    Condition,
    ConditionMapping,
    Dimension,
    DimensionValue,
    Evidence,
    Framework,
    FrameworkVersion,
    Indicator,
    LongTermObjective,
    Objective,
    Observation,
    RatingScale,
    ScaleLevel,
    Target,
)
from missiemonitor.web.forms.base import RecordForm, StyledForm


class AssessmentForm(StyledForm):
    level = forms.ChoiceField(label=_("Level"))
    date = forms.DateField(label=_("Date of the assessment"))
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea, required=False)
    rationale_en = forms.CharField(label=_("Rationale in English"), widget=forms.Textarea, required=False)
    evidence = forms.ChoiceField(label=_("Evidence"), required=False,
                                 help_text=_("A finding, field report, observation or document that supports the level."))
    evidence_note = forms.CharField(label=_("Note on the evidence"), required=False)
    confidence = forms.ChoiceField(label=_("Confidence in the evidence"), choices=Evidence.Confidence.choices,
                                   initial=Evidence.Confidence.MEDIUM)
    classification = forms.TypedChoiceField(label=_("Classification"), coerce=int,
                                            choices=Classification.choices)

    def __init__(self, *args, levels, evidence_choices, user, minimum_classification: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(level.code, f"{level.rank} – {level.label}") for level in levels]
        self.fields["evidence"].choices = [("", _("(none)")), *evidence_choices]
        self.fields["classification"].choices = [
            (value, label) for value, label in Classification.choices
            if minimum_classification <= value <= user.clearance
        ]
        self.fields["classification"].initial = minimum_classification

    def evidence_target(self) -> tuple[str, str] | None:
        value = self.cleaned_data.get("evidence")
        if not value:
            return None
        kind, key = value.split(":", 1)
        return kind, key


class ReviewForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              help_text=_("Required when you return it: say what must change."))


# --- Forms of the results records --------------------------------------------------------------

class ObjectiveForm(RecordForm):
    class Meta:
        model = Objective
        fields = ["mission", "level", "code", "title", "title_en", "mandate", "contribution", "parent",
                  "description", "description_en", "order", "classification"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["mission"].disabled = True


class FrameworkForm(RecordForm):
    class Meta:
        model = Framework
        fields = ["mission", "name", "name_en", "owner", "description", "description_en", "classification"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["mission"].disabled = True


class FrameworkVersionForm(RecordForm):
    class Meta:
        model = FrameworkVersion
        fields = ["label", "issued", "issued_precision", "scale", "basis", "progress_rule", "supersedes",
                  "stated_objective_count", "description", "description_en", "classification"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        framework = self.parent or (self.instance.framework if self.instance.framework_id else None)
        if framework is not None:  # an earlier version of the same framework
            self.fields["supersedes"].queryset = (self.fields["supersedes"].queryset
                                                  .filter(framework=framework).exclude(pk=self.instance.pk))


class LongTermObjectiveForm(RecordForm):
    class Meta:
        model = LongTermObjective
        fields = ["code", "title", "title_en", "objective", "owner", "owner_en", "description",
                  "description_en", "expected_by", "progress_rule", "roles", "order", "classification"]
        widgets = {"roles": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
        version = self.parent or (self.instance.framework_version if self.instance.framework_version_id else None)
        if version is not None and version.mission_id:  # roles and objectives of the same mission
            self.fields["roles"].queryset = self.fields["roles"].queryset.filter(mission_id=version.mission_id)
            self.fields["objective"].queryset = self.fields["objective"].queryset.filter(
                mission_id=version.mission_id)


class ConditionForm(RecordForm):
    class Meta:
        model = Condition
        fields = ["code", "text", "text_en", "expected_by", "retired", "order", "classification"]


class ConditionMappingForm(RecordForm):
    """How a condition of an earlier framework version continues in this one (the parent, the
    later condition): only conditions of earlier versions of the same framework are offered."""

    class Meta:
        model = ConditionMapping
        fields = ["source", "relation", "classification"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        later = self.parent or (self.instance.target if self.instance.target_id else None)
        if later is not None:
            version = later.objective.framework_version
            self.fields["source"].queryset = (
                self.fields["source"].queryset
                .filter(objective__framework_version__framework_id=version.framework_id)
                .exclude(objective__framework_version=version)
                .select_related("objective__framework_version").order_by("key"))
        self.fields["source"].label_from_instance = lambda c: (
            f"{c.objective.framework_version.label} · {c.code} {c.text[:80]}")


class IndicatorForm(RecordForm):
    nested = (("targets", Target, ["start", "end", "value"]),)

    class Meta:
        model = Indicator
        fields = ["mission", "name", "name_en", "unit", "unit_en", "contribution", "programme", "objective",
                  "area", "direction", "aggregation", "baseline", "baseline_date", "dimensions",
                  "log_kind", "log_category", "log_dimension", "description", "description_en",
                  "classification"]
        widgets = {"dimensions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimensions"].widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
        if self.instance.pk:
            self.fields["mission"].disabled = True


class ObservationForm(RecordForm):
    class Meta:
        model = Observation
        fields = ["start", "end", "value", "approximately", "bound", "disaggregation", "source",
                  "source_passage", "note", "classification"]


class RatingScaleForm(RecordForm):
    nested = (("levels", ScaleLevel, ["rank", "code", "label", "label_en", "description"]),)

    class Meta:
        model = RatingScale
        fields = ["name", "name_en", "description", "met_threshold", "classification"]


class DimensionForm(RecordForm):
    nested = (("values", DimensionValue, ["code", "label", "label_en", "order"]),)

    class Meta:
        model = Dimension
        fields = ["name", "name_en", "classification"]
