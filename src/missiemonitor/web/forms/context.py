"""Forms of the context pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from missiemonitor.context.models import ContextEvent, EventFigure, Incident, ThreatAssessment
from missiemonitor.web.forms.base import RecordForm, StyledForm


class ContextFilterForm(StyledForm):
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
    category = forms.MultipleChoiceField(label=_("Category"), required=False,
                                         choices=ContextEvent.Category.choices,
                                         widget=forms.CheckboxSelectMultiple)
    area = forms.ChoiceField(label=_("Area"), required=False)
    place = forms.ChoiceField(label=_("Place"), required=False)

    def __init__(self, *args, areas: list[str], places: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("all areas")), *[(a, a) for a in areas]]
        self.fields["place"].choices = [("", _("all places")), *places]
        self.fields["category"].widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "start": data.get("start"),
            "end": data.get("end"),
            "categories": data.get("category") or None,
            "area": data.get("area") or None,
            "place_key": data.get("place") or None,
        }


class EventForm(RecordForm):
    nested = (("figures", EventFigure, ["value", "unit", "unit_en", "approximately", "order"]),)

    class Meta:
        model = ContextEvent
        fields = ["title", "title_en", "category", "start", "start_precision", "end", "end_precision", "planned",
                  "area", "place", "mission", "text", "text_en", "subject", "source", "source_passage",
                  "classification"]


class ThreatAssessmentForm(RecordForm):
    class Meta:
        model = ThreatAssessment
        fields = ["area", "location", "threat", "threat_en", "actor", "actor_en", "level", "change",
                  "valid_from", "valid_from_precision", "mission", "source", "source_passage",
                  "classification"]


class IncidentForm(RecordForm):
    class Meta:
        model = Incident
        fields = ["contribution", "date", "date_precision", "incident_type", "severity",
                  "casualties", "location", "description", "description_en", "outcome",
                  "outcome_en", "classification"]
