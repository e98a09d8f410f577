"""Forms of the finance pages."""

from __future__ import annotations

from missiemonitor.finance.models import Expenditure
from missiemonitor.web.forms.base import RecordForm


class ExpenditureForm(RecordForm):
    class Meta:
        model = Expenditure
        fields = ["mission", "contribution", "start", "end", "amount", "approximately",
                  "budget_source", "ministry", "budget_article", "description", "description_en",
                  "classification"]
