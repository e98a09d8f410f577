"""Pages of the reference records that other records point to: sources (the documents that
records cite), organisations, locations, dimensions (with their values) and rating scales
(with their levels). One list page per kind, and the generic record forms and delete page of
:mod:`missiemonitor.web.editing`; a record that others still use is not deleted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from missiemonitor.core.models import Organisation, Source
from missiemonitor.core.selectors import reference_records
from missiemonitor.missions.models import Location
from missiemonitor.results.models import Dimension, RatingScale
from missiemonitor.web.editing import delete_view, edit_view, plain_spec
from missiemonitor.web.forms.missions import LocationForm
from missiemonitor.web.forms.reference import OrganisationForm, SourceForm
from missiemonitor.web.forms.results import DimensionForm, RatingScaleForm
from missiemonitor.web.pages import paginate, render_page
from missiemonitor.web.templatetags.mm import tr


@dataclass(frozen=True)
class Kind:
    slug: str  # the Dutch path: /referentie/<slug>/
    name: str  # the URL names: <name>s, <name>_new, <name>_edit, <name>_delete
    model: type[models.Model]
    form_class: type
    title: str
    title_new: str
    title_edit: str
    columns: tuple[str, ...]  # own fields only: no linked record is named on the list
    key_base: Callable[[dict, Any], str]

    @property
    def list_name(self) -> str:
        return f"{self.name}s"


KINDS = (
    Kind("bronnen", "source", Source, SourceForm, _("Sources"), _("New source"), _("Edit source"),
         ("title", "kind", "date", "dossier", "number"), lambda data, parent: f"source-{data['title'][:40]}"),
    Kind("organisaties", "organisation", Organisation, OrganisationForm, _("Organisations"),
         _("New organisation"), _("Edit organisation"), ("name", "acronym", "kind", "country"),
         lambda data, parent: data.get("acronym") or data["name"]),
    Kind("locaties", "location", Location, LocationForm, _("Locations"), _("New location"),
         _("Edit location"), ("name", "kind", "country"), lambda data, parent: data["name"]),
    Kind("dimensies", "dimension", Dimension, DimensionForm, _("Dimensions"), _("New dimension"),
         _("Edit dimension"), ("name",), lambda data, parent: data["name"]),
    Kind("beoordelingsschalen", "rating_scale", RatingScale, RatingScaleForm, _("Rating scales"),
         _("New rating scale"), _("Edit rating scale"), ("name", "met_threshold"),
         lambda data, parent: data["name"]),
)


def _cell(record: models.Model, name: str) -> Any:
    field = record._meta.get_field(name)
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    if hasattr(record, f"{name}_en"):
        return tr(record, name)
    return getattr(record, name)


@login_required
@require_GET
def reference_home(request: HttpRequest) -> HttpResponse:
    kinds = [{"title": kind.title, "url": reverse(kind.list_name)} for kind in KINDS]
    return render_page(request, "web/reference_home.html", {"kinds": kinds})


def _list_view(kind: Kind) -> Callable[..., HttpResponse]:
    @login_required
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        page = paginate(request, reference_records(user=request.user, model=kind.model))
        records = list(page)
        context = {
            "kind": kind, "page": page,
            "headers": [kind.model._meta.get_field(name).verbose_name for name in kind.columns],
            "rows": [(record, [_cell(record, name) for name in kind.columns]) for record in records],
            "new_url": reverse(f"{kind.name}_new"),
        }
        return render_page(request, "web/reference_list.html", context, shown=[records])

    return view


def _urls(kind: Kind) -> list:
    def to_list(record: models.Model | None = None) -> str:
        return reverse(kind.list_name)

    spec = plain_spec(kind.model, kind.form_class, title_new=kind.title_new, title_edit=kind.title_edit,
                      success_url=to_list, key_base=kind.key_base, deleted_url=to_list,
                      delete_name=f"{kind.name}_delete",
                      cancel_url=lambda record, parent: to_list())
    base = f"referentie/{kind.slug}/"
    return [
        path(base, _list_view(kind), name=kind.list_name),
        path(f"{base}nieuw/", edit_view(spec), name=f"{kind.name}_new"),
        path(f"{base}<slug:key>/bewerken/", edit_view(spec), name=f"{kind.name}_edit"),
        path(f"{base}<slug:key>/verwijderen/", delete_view(spec), name=f"{kind.name}_delete"),
    ]


urlpatterns = [
    path("referentie/", reference_home, name="reference"),
    *[pattern for kind in KINDS for pattern in _urls(kind)],
]
