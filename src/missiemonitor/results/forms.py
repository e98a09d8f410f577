"""Forms of the objectives pages: recording an assessment with its evidence, and reviewing it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Classification
from missiemonitor.results.models import Evidence
from missiemonitor.web.forms import StyledForm


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
