"""Forms of the mission pages."""

from __future__ import annotations

from missiemonitor.missions.models import Posting
from missiemonitor.web.forms import RecordForm


class PostingForm(RecordForm):
    class Meta:
        model = Posting
        fields = ["start", "start_precision", "end", "end_precision", "headcount",
                  "headcount_approximately", "classification"]
