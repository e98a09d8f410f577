"""Forms of the programme pages."""

from __future__ import annotations

from missiemonitor.programmes.models import Programme
from missiemonitor.web.forms.base import RecordForm


class ProgrammeForm(RecordForm):
    class Meta:
        model = Programme
        fields = ["mission", "name", "name_en", "partner", "parent", "ministry", "area", "start",
                  "start_precision", "end", "end_precision", "aims", "aims_en", "classification"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["mission"].disabled = True
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)
