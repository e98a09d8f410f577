"""One way to create and edit an everyday record from a page.

A view built by :func:`edit_view` shows a model form, and on a valid POST calls the record's
service (create or update, from the owning app's ``services.py``). The services own the rules;
this module only translates their outcomes for people:

* a ``ValidationError`` becomes inline errors beside the fields it names;
* a ``VersionConflict`` (someone saved the record since the form was read) re-renders the form
  with the user's input kept, a clear conflict message, and the values now stored, with the
  hidden version moved on so that saving again deliberately overwrites;
* ``PermissionDenied`` is a 403 and a record the user may not see is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from missiemonitor.core.workflow import ServiceError, VersionConflict
from missiemonitor.web.pages import render_page


@dataclass(frozen=True)
class EditSpec:
    model: type[models.Model]
    form_class: type
    # create(user=, parent=, data=) -> record; update(user=, record=, version=, data=) -> record
    create: Callable[..., models.Model] | None
    update: Callable[..., models.Model] | None
    title_new: str
    title_edit: str
    success_url: Callable[[models.Model], str]
    parent_model: type[models.Model] | None = None
    template: str = "web/record_form.html"
    cancel_url: Callable[[models.Model | None, models.Model | None], str] | None = None


def edit_view(spec: EditSpec) -> Callable[..., HttpResponse]:
    """A view for ``/<parent key>/new`` (with ``parent_model``), ``/new`` and ``/<key>/edit``.
    Whether ``key`` names the parent or the record follows from the URL name."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, key: str | None = None) -> HttpResponse:
        user = request.user
        creating = request.resolver_match.url_name.endswith("_new")
        record = parent = None
        try:
            if creating and spec.parent_model is not None and key is not None:
                parent = spec.parent_model.objects.visible_to(user).get(key=key)
            elif not creating:
                record = spec.model.objects.visible_to(user).get(key=key)
        except ObjectDoesNotExist:
            raise Http404 from None
        form_kwargs = {"user": user, "parent": parent}
        instance = record if record is not None else spec.model()
        conflict = None
        if request.method == "POST":
            form = spec.form_class(request.POST, request.FILES or None, instance=instance, **form_kwargs)
            if form.is_valid():
                data = form.service_data()
                try:
                    if creating:
                        saved = spec.create(user=user, parent=parent, data=data)
                    else:
                        saved = spec.update(user=user, record=record, version=form.expected_version, data=data)
                except VersionConflict as exc:
                    current = spec.model.objects.visible_to(user).get(pk=record.pk)
                    conflict = {"message": exc.message, "current": form.current_values(current)}
                    form = spec.form_class(_conflict_data(request.POST, current.version), instance=current,
                                           **form_kwargs)
                    form.is_valid()
                except ValidationError as exc:
                    add_errors(form, exc)
                except ServiceError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, _("Saved: %(record)s.") % {"record": saved})
                    return redirect(_next_url(request) or spec.success_url(saved))
        else:
            initial = {name: value for name, value in request.GET.items()} if creating else None
            form = spec.form_class(instance=instance, initial=initial, **form_kwargs)
        status = 409 if conflict else (400 if request.method == "POST" else 200)
        context = {
            "form": form,
            "record": record,
            "parent": parent,
            "title": spec.title_new if creating else spec.title_edit,
            "conflict": conflict,
            "next": _next_url(request) if request.method == "POST" else request.GET.get("next", ""),
            "cancel_url": (spec.cancel_url(record, parent) if spec.cancel_url
                           else (spec.success_url(record) if record else request.META.get("HTTP_REFERER", "/"))),
        }
        return render_page(request, spec.template, context, shown=[record, parent], status=status)

    return view


def _next_url(request: HttpRequest) -> str | None:
    """Where the form came from (a ``next`` field), when it is a page of this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return None


def _conflict_data(post, version: int):
    data = post.copy()
    data["version"] = str(version)
    return data


def add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def record_owner(record: Any, *fields: str) -> Any:
    """The first of ``fields`` set on ``record``: the parent a record hangs from."""
    for name in fields:
        value = getattr(record, name, None)
        if value is not None:
            return value
    return None
