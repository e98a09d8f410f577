"""Forms of the monitoring pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from missiemonitor.monitoring.models import (
    FieldReport,
    Finding,
    FollowUpAction,
    MonitoringVisit,
    ReportingSchedule,
)
from missiemonitor.web.forms.base import RecordForm, StyledForm


class VisitForm(RecordForm):
    class Meta:
        model = MonitoringVisit
        fields = ["title", "title_en", "start", "start_precision", "end", "missions", "organisations",
                  "purpose", "purpose_en", "scope", "scope_en", "mandate", "mission", "classification"]
        widgets = {"missions": forms.CheckboxSelectMultiple, "organisations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("missions", "organisations"):
            self.fields[name].widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"


class FindingForm(RecordForm):
    class Meta:
        model = Finding
        fields = ["text", "text_en", "contribution", "objective", "order", "classification"]


class ActionForm(RecordForm):
    class Meta:
        model = FollowUpAction
        fields = ["description", "description_en", "owner", "due", "status", "classification"]


class ScheduleForm(RecordForm):
    class Meta:
        model = ReportingSchedule
        fields = ["frequency", "start", "end", "due_days", "classification"]


class FieldReportForm(RecordForm):
    class Meta:
        model = FieldReport
        fields = ["contribution", "start", "end", "summary", "body", "classification"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a report stays with its contribution and classification
            for name in ("contribution", "classification"):
                self.fields[name].disabled = True
        self.fields["summary"].required = True


class ReviewForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              help_text=_("Required when you return it: say what must change."))
