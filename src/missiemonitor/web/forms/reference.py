"""Forms of the core reference records: sources (documents that records cite) and
organisations."""

from __future__ import annotations

from missiemonitor.core.models import Organisation, Source
from missiemonitor.web.forms.base import RecordForm


class SourceForm(RecordForm):
    class Meta:
        model = Source
        fields = ["kind", "title", "date", "date_precision", "dossier", "number", "url", "classification"]


class OrganisationForm(RecordForm):
    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "country", "classification"]
