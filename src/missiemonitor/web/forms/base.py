"""Form plumbing shared by every page: design-system classes on widgets, the hidden version
field of optimistic concurrency, and nested lists (an indicator's targets) as formsets."""

from __future__ import annotations

from django import forms
from django.db import models
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

WIDGET_CLASSES = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "clearablefile": "utrecht-textbox utrecht-textbox--html-input",
    "file": "utrecht-textbox utrecht-textbox--html-input",
}


class StyledFormMixin:
    """Gives every widget the NL Design System class for its kind, and the invalid modifier
    when the field has errors (Django adds aria-invalid and aria-describedby itself)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            kind = type(widget).__name__.lower().replace("widget", "").replace("input", "")
            css = WIDGET_CLASSES.get(kind, "utrecht-textbox utrecht-textbox--html-input")
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "--invalid" not in widget.attrs.get("class", ""):
                    base = widget.attrs["class"].split()[0]
                    widget.attrs["class"] += f" {base}--invalid"


class StyledForm(StyledFormMixin, forms.Form):
    pass


class VersionedModelForm(StyledFormMixin, forms.ModelForm):
    """A model form that carries the version of the record it was read at. The service refuses
    a save when the record has moved on (core.workflow.VersionConflict); the view then shows
    the conflict and keeps what the user typed."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version") if self.instance.pk else None


class ConflictMessage:
    text = _("Someone else saved this record while you were editing it. Your changes are kept in "
             "the form below but are not saved. Compare them with the current version, then save "
             "again.")


def row_formset(model: type[models.Model], fields: list[str], *, extra: int = 2) -> type[forms.BaseFormSet]:
    """A formset of the rows of a nested list (records without a key of their own, such as an
    indicator's targets): the model's own fields and labels, a delete box per row, and
    ``extra`` empty rows to add new ones (without JavaScript: save, and edit again for more)."""
    row_form = type(f"{model.__name__}RowForm", (StyledForm,), fields_for_model(model, fields=fields))
    return forms.formset_factory(row_form, extra=extra, can_delete=True)


class RecordForm(VersionedModelForm):
    """The form of an everyday record. ``service_data`` is what the service receives: the
    cleaned model fields, without the version. ``user`` and ``parent`` narrow the choices to
    what the user may see.

    ``nested`` names the record's nested lists, each ``(related name, model, fields)``; they are
    edited as formsets (``formsets``) and handed to the service as whole lists of dicts."""

    nested: tuple[tuple[str, type[models.Model], list[str]], ...] = ()

    def __init__(self, *args, user=None, parent=None, **kwargs):
        self.user = user
        self.parent = parent
        super().__init__(*args, **kwargs)
        self.formsets = []
        for name, model, fields in self.nested:
            # A post without the list's management form (a client that only sends the record's
            # own fields) leaves the stored list as it is rather than failing or emptying it.
            submitted = self.is_bound and f"{name}-TOTAL_FORMS" in self.data
            initial = None
            if self.instance.pk and not submitted:
                initial = list(getattr(self.instance, name).values(*fields))
            formset = row_formset(model, fields)(self.data if submitted else None, initial=initial,
                                                 prefix=name)
            formset.submitted = submitted
            formset.name = name
            formset.label = model._meta.verbose_name_plural
            formset.item_label = model._meta.verbose_name
            self.formsets.append(formset)
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "visible_to"):
                field.queryset = queryset.visible_to(user)
                field.to_field_name = "key"  # stable keys in the page, not database ids
                self._initial_as_key(name)
        if "classification" in self.fields and user is not None:
            # Offer only what the user may see and, under a parent, nothing below the parent's
            # classification (the services refuse both, with a field error, whatever the client).
            field = self.fields["classification"]
            floor = getattr(parent, "classification", None) or 0
            field.choices = [(v, label) for v, label in field.choices
                             if v == "" or floor <= int(v) <= user.clearance]
            if parent is not None and not self.instance.pk and not self.is_bound:
                asked = str(self.initial.get("classification") or "0")
                self.initial["classification"] = max(floor, int(asked) if asked.isdigit() else 0)

    def _initial_as_key(self, name: str) -> None:
        """The instance's related records as keys, matching ``to_field_name``."""
        if not self.instance.pk or name not in self.initial:
            return
        if isinstance(self.fields[name], forms.ModelMultipleChoiceField):
            self.initial[name] = [r.key for r in getattr(self.instance, name).all()]
        else:
            related = getattr(self.instance, name, None)
            self.initial[name] = related.key if related is not None else None

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return all([formset.is_valid() for formset in self.formsets if formset.submitted]) and valid

    def service_data(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        for formset in (f for f in self.formsets if f.submitted):
            data[formset.name] = [
                {k: v for k, v in row.cleaned_data.items() if k != "DELETE"}
                for row in formset.forms
                if row.cleaned_data and not row.cleaned_data.get("DELETE")
            ]
        return data

    def current_values(self, record) -> list[tuple[str, str]]:
        """The stored values of the form's fields, for the conflict message."""
        values = []
        for name, field in self.fields.items():
            if name == "version" or not hasattr(record, name):
                continue
            value = getattr(record, name)
            display = getattr(record, f"get_{name}_display", None)
            values.append((str(field.label), str(display() if display else ("" if value is None else value))))
        return values
