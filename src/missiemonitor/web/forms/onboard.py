"""Forms of onboarding from a document: the upload, and one small form per proposal on the review
page (its decision and the values the user may edit). Keys, references and passages are not in
any form: they stay on the server with the pending proposals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Classification
from missiemonitor.interchange.dataset.spec import by_name
from missiemonitor.interchange.onboard import KINDS, Proposal, Proposals
from missiemonitor.web.forms.base import StyledForm

MAX_UPLOAD_BYTES = 20_000_000

# The kinds of proposal as the review page names them (plural headings, in KINDS order).
KIND_LABELS = {
    "document": _("The document"), "period": _("Reporting period"), "mission": _("Missions"),
    "kamerstuk": _("Kamerstuk references"), "mandate": _("Mandates"), "contribution": _("Contributions"),
    "asset": _("Equipment of contributions"), "milestone": _("Milestones of contributions"),
    "objective": _("Objectives"), "framework": _("Results frameworks"), "lto": _("Long-term objectives"),
    "condition": _("Conditions"), "observation": _("Figures"), "expenditure": _("Expenditure"),
    "event": _("Events"), "event-figure": _("Figures of events"), "incident": _("Incidents"),
}
# What the user may edit, per kind: fields of the record's section in the dataset format.
EDITABLE = {
    "document": ["title"],
    "period": ["period"],
    "mission": ["name", "acronym", "lead", "kind", "area"],
    "kamerstuk": ["title", "dossier", "number", "date"],
    "mandate": ["kind", "title", "dossier", "number", "date"],
    "contribution": ["name", "kind", "ministry", "actual_headcount", "planned_headcount", "headcount_approximately",
                     "start"],
    "asset": ["asset_type", "count", "count_approximately"],
    "milestone": ["kind", "date", "planned", "text"],
    "objective": ["level", "code", "title"],
    "framework": ["name", "stated_objective_count"],
    "lto": ["code", "title", "owner"],
    "condition": ["code", "text"],
    "observation": ["indicator", "unit", "value", "period", "approximately", "bound"],
    "expenditure": ["amount", "period", "approximately", "budget_source"],
    "event": ["title", "category", "start", "end", "planned"],
    "event-figure": ["value", "unit", "approximately"],
    "incident": ["date", "incident_type", "severity", "casualties", "description"],
}
_SECTION_OF = {"period": "", "asset": "assets", "milestone": "milestones", "condition": "conditions",
               "event-figure": "figures"}
_OWN_LABELS = {
    ("observation", "indicator"): _("Indicator (observations with the same name share one)"),
    ("observation", "unit"): _("Unit"),
    ("period", "period"): _("Period (YYYY-MM-DD..YYYY-MM-DD)"),
    ("framework", "stated_objective_count"): _("Number of objectives the text states"),
}
DECISIONS = [("", _("Undecided")), ("accept", _("Accept")), ("reject", _("Reject"))]


class OnboardUploadForm(StyledForm):
    file = forms.FileField(label=_("Document (ODT, DOCX, PDF or text)"),
                           help_text=_("A letter or progress report to Parliament. Nothing is written: you "
                                       "review every proposal first."))
    classification = forms.TypedChoiceField(
        label=_("Classification of the document"), choices=Classification.choices, coerce=int,
        initial=Classification.ONGERUBRICEERD,
        help_text=_("Every record loaded from it gets this classification."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // 1_000_000})
        return upload, upload.read()


def _spec_field(proposal: Proposal, name: str):
    section = _SECTION_OF.get(proposal.kind, KINDS[proposal.kind])
    if proposal.kind == "framework" and name == "stated_objective_count":
        section = "versions"
    spec = by_name().get(section)
    return spec, spec.field(name) if spec else None


def _label(proposal: Proposal, name: str, spec, field) -> str:
    if (proposal.kind, name) in _OWN_LABELS:
        return str(_OWN_LABELS[(proposal.kind, name)])
    if spec is not None and field is not None:
        try:
            model_field = spec.model._meta.get_field(field.model_attr.split(",")[0])
        except Exception:  # a file field without a model field of the same name
            model_field = None
        if model_field is not None and getattr(model_field, "verbose_name", None):
            return str(model_field.verbose_name).capitalize()
    return name.replace("_", " ").capitalize()


def _choices(spec, field) -> list[tuple[str, str]]:
    labels: dict[str, str] = {}
    try:
        model_field = spec.model._meta.get_field(field.model_attr)
        labels = {str(k): str(v) for k, v in (model_field.choices or [])}
    except Exception:  # noqa: S110 - a choice without a model field keeps its code as label
        pass
    return [("", "–")] + [(str(c), labels.get(str(c), str(c))) for c in field.choices if c != ""]


def proposal_form(proposal: Proposal, data: Any = None) -> forms.Form:
    """The decision and the editable values of one proposal, prefixed with its id."""
    fields: dict[str, forms.Field] = {
        "decision": forms.ChoiceField(label=_("Decision"), choices=DECISIONS, required=False,
                                      widget=forms.RadioSelect),
    }
    initial: dict[str, Any] = {"decision": proposal.decision}
    for name in EDITABLE.get(proposal.kind, []):
        spec, field = _spec_field(proposal, name)
        label = _label(proposal, name, spec, field)
        kind = field.kind if field is not None else "str"
        value = proposal.fields.get(name, "")
        if kind == "bool":
            fields[name] = forms.BooleanField(label=label, required=False)
            initial[name] = bool(value)
        elif kind == "choice":
            fields[name] = forms.ChoiceField(label=label, choices=_choices(spec, field), required=False)
            initial[name] = "" if value is None else str(value)
        else:
            long_text = kind == "text" or len(str(value)) > 80
            widget = forms.Textarea(attrs={"rows": 3}) if long_text else forms.TextInput()
            fields[name] = forms.CharField(label=label, required=False, widget=widget, strip=True)
            initial[name] = "" if value is None else str(value)
    form_class = type("ProposalForm", (StyledForm,), fields)
    form = form_class(data, prefix=proposal.id, initial=initial)
    form.fields["decision"].widget.attrs["class"] = "utrecht-radio-button utrecht-radio-button--html-input"
    return form


def apply_review(proposals: Proposals, data: Any, *, accept_undecided: bool = False) -> list[str]:
    """Take the decisions and edited values of the posted forms into the proposals. Returns the
    ids of the proposals whose form was not valid (left unchanged)."""
    invalid = []
    for proposal in proposals.items:
        form = proposal_form(proposal, data)
        if not form.is_valid():
            invalid.append(proposal.id)
            continue
        for name, value in form.cleaned_data.items():
            if name == "decision":
                continue
            if value in ("", None, False) and name not in proposal.fields:
                continue
            if value in ("", None):
                proposal.fields.pop(name, None)
            else:
                proposal.fields[name] = value
        decision = form.cleaned_data.get("decision") or ""
        if accept_undecided and not decision:
            decision = "accept"
        proposal.decision = decision
    return invalid


@dataclass
class ReviewItem:
    proposal: Proposal
    form: forms.Form
    exists: bool
    note: str = ""  # translated
    assumed: str = ""  # the labels of the fields the text does not give


def _review_item(proposal: Proposal, data: Any, existing: set[str]) -> ReviewItem:
    form = proposal_form(proposal, data)
    labels = []
    for name in proposal.assumed:
        if name in form.fields:
            labels.append(str(form.fields[name].label))
        else:
            spec, field = _spec_field(proposal, name)
            labels.append(_label(proposal, name, spec, field))
    return ReviewItem(proposal, form, proposal.id in existing, proposal.note_text(gettext), ", ".join(labels))


def review_groups(proposals: Proposals, *, existing: set[str], data: Any = None) -> list[dict[str, Any]]:
    """The proposals grouped by kind for the review page, each with its form."""
    groups: dict[str, list[ReviewItem]] = {kind: [] for kind in KINDS}
    for proposal in proposals.items:
        groups[proposal.kind].append(_review_item(proposal, data, existing))
    return [{"kind": kind, "label": KIND_LABELS[kind], "items": items} for kind, items in groups.items() if items]

