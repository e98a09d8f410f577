"""Forms of the data page: uploading a dataset file or an activity-log CSV, and exports."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from missiemonitor.results.models.indicators import LogKind
from missiemonitor.web.forms.base import StyledForm


class DatasetUploadForm(StyledForm):
    file = forms.FileField(label=_("Dataset file (YAML)"),
                           help_text=_("Checked completely first; when anything is wrong, nothing is written."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MM_DATASET_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.")
                                        % {"mb": settings.MM_DATASET_MAX_BYTES // 1_000_000})
        try:
            return upload, upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8 text (byte %(pos)s).") % {"pos": exc.start}) from None


class LogUploadForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind of log"), choices=LogKind.choices)
    batch = forms.CharField(label=_("Batch name"), max_length=100,
                            help_text=_("Names this import, so it can be traced and replaced; for example flights-2025-03."))
    file = forms.FileField(label=_("Activity-log CSV"),
                           help_text=_("Every row is checked first; when any row is wrong, nothing is written."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            return upload, upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8 text (byte %(pos)s).") % {"pos": exc.start}) from None


class ExportForm(StyledForm):
    mission = forms.ChoiceField(label=_("Mission"), required=False)

    def __init__(self, *args, missions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"].choices = [("", _("all missions you may see")),
                                          *[(m.key, str(m)) for m in missions]]
