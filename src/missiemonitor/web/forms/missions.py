"""Forms of the mission pages: missions, mandates with their planned contributions,
contributions with their assets and milestones, roles and postings."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

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
from missiemonitor.web.forms.base import RecordForm

CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
COUNTRY = re.compile(r"^[A-Z]{2}$")


def checkboxes(form: forms.Form, *names: str) -> None:
    for name in names:
        form.fields[name].widget.attrs["class"] = CHECKBOX


class MissionForm(RecordForm):
    class Meta:
        model = Mission
        fields = ["name", "name_en", "acronym", "lead", "kind", "area", "description", "description_en",
                  "start", "start_precision", "end", "end_precision", "classification"]


class MandateForm(RecordForm):
    class Meta:
        model = Mandate
        fields = ["kind", "title", "title_en", "short_title", "short_title_en", "dossier", "number", "date",
                  "missions", "classification"]
        widgets = {"missions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checkboxes(self, "missions")


class PlannedContributionForm(RecordForm):
    class Meta:
        model = PlannedContribution
        fields = ["mission", "kind", "description", "description_en", "planned_headcount",
                  "headcount_approximately", "start", "start_precision", "end", "end_precision",
                  "source_passage", "classification"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"].required = True
        if self.parent is not None:  # one of the missions the mandate is about
            self.fields["mission"].queryset = self.fields["mission"].queryset.filter(mandates=self.parent)
        if self.instance.pk:  # a record's mission is fixed when it is created
            self.fields["mission"].disabled = True


class ContributionForm(RecordForm):
    partner_nations = forms.CharField(
        label=_("partner nations"), required=False,
        help_text=_("ISO 3166-1 alpha-2 codes, separated by commas, for example PL, ES."))

    class Meta:
        model = Contribution
        fields = ["name", "name_en", "kind", "ministry", "mandates", "realises", "locations",
                  "partner_nations", "planned_headcount", "actual_headcount", "headcount_approximately",
                  "start", "start_precision", "end", "end_precision", "description", "description_en",
                  "order", "classification"]
        widgets = {"mandates": forms.CheckboxSelectMultiple, "realises": forms.CheckboxSelectMultiple,
                   "locations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checkboxes(self, "mandates", "realises", "locations")
        mission = self.parent or (self.instance.mission if self.instance.mission_id else None)
        if mission is not None:  # only the mandates and plans of its own mission
            self.fields["mandates"].queryset = self.fields["mandates"].queryset.filter(missions=mission)
            self.fields["realises"].queryset = (self.fields["realises"].queryset.filter(mission=mission)
                                                .select_related("mandate"))
        if not self.is_bound:
            self.initial["partner_nations"] = ", ".join(self.instance.partner_nations or [])

    def clean_partner_nations(self) -> list[str]:
        codes = [c.strip().upper() for c in self.cleaned_data["partner_nations"].split(",") if c.strip()]
        wrong = [c for c in codes if not COUNTRY.match(c)]
        if wrong:
            raise forms.ValidationError(_("Not a two-letter country code: %(codes)s.")
                                        % {"codes": ", ".join(wrong)})
        return codes


class AssetForm(RecordForm):
    class Meta:
        model = Asset
        fields = ["asset_type", "asset_type_en", "count", "count_approximately", "classification"]


class MilestoneForm(RecordForm):
    class Meta:
        model = Milestone
        fields = ["kind", "date", "date_precision", "planned", "text", "text_en", "counterpart",
                  "classification"]


class RoleForm(RecordForm):
    class Meta:
        model = Role
        fields = ["name", "name_en", "post_kind", "headcount", "headcount_approximately", "location",
                  "description", "description_en", "classification"]


class PostingForm(RecordForm):
    class Meta:
        model = Posting
        fields = ["start", "start_precision", "end", "end_precision", "headcount",
                  "headcount_approximately", "classification"]


class LocationForm(RecordForm):
    class Meta:
        model = Location
        fields = ["name", "kind", "country", "parent", "classification"]
