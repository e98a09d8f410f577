"""Forms of the report builder, the report texts and the signatories."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from missiemonitor.reporting.models import NarrativeBlock, Signatory
from missiemonitor.web.forms.base import RecordForm, StyledForm

FORMAT_CHOICES = [("odt", "ODT"), ("pdf", "PDF/A"), ("docx", "DOCX"), ("html", "HTML"), ("md", "Markdown")]
AUDIENCE_CHOICES = [("public", _("Parliament (public: unclassified only)")),
                    ("restricted", _("Restricted (everything you may see, marked)"))]
LANGUAGE_CHOICES = [("nl", _("Dutch")), ("en", _("English"))]


class ReportForm(StyledForm):
    start = forms.DateField(label=_("Period from"))
    end = forms.DateField(label=_("Period to"))
    mission = forms.MultipleChoiceField(label=_("Missions (none ticked: all with a Dutch contribution)"),
                                        required=False, widget=forms.CheckboxSelectMultiple)
    audience = forms.ChoiceField(label=_("Audience"), choices=AUDIENCE_CHOICES, initial="public")
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="nl")
    formats = forms.MultipleChoiceField(label=_("Formats"), choices=FORMAT_CHOICES, required=False,
                                        initial=["odt", "pdf"], widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, missions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"].choices = [(m.key, str(m)) for m in missions]
        for name in ("mission", "formats"):
            self.fields[name].widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period is before its start."))
        return data

    def build_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"start": data["start"], "end": data["end"], "mission_keys": data["mission"] or None,
                "language": data["language"], "audience": data["audience"]}


class NarrativeForm(RecordForm):
    class Meta:
        model = NarrativeBlock
        fields = ["heading", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}


class NarrativeBlockForm(RecordForm):
    """A whole narrative block: where in the report, for which period and language."""

    class Meta:
        model = NarrativeBlock
        fields = ["section", "mission", "contribution", "start", "end", "language", "heading", "text", "order",
                  "classification"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["mission"].disabled = True


class SignatoryForm(RecordForm):
    class Meta:
        model = Signatory
        fields = ["start", "end", "name", "function", "function_en", "order", "classification"]
