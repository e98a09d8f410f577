"""One way to create and edit an everyday record from a page.

A view built by :func:`edit_view` shows a model form, and on a valid POST calls the record's
service (create or update, from the owning app's ``services.py``). The services own the rules;
this module only translates their outcomes for people:

* a ``ValidationError`` becomes inline errors beside the fields it names;
* a ``VersionConflict`` (someone saved the record since the form was read) re-renders the form
  with the user's input kept, a clear conflict message, and the values now stored, with the
  hidden version moved on so that saving again deliberately overwrites;
* ``PermissionDenied`` is a 403 and a record the user may not see is a 404;
* ``RecordInUse`` (on delete: other records depend on it) is refused with a 409 naming them.

Only users whose role may write reach a form at all (:func:`~missiemonitor.web.pages.can_write`);
the services check again. :func:`plain_spec` builds the spec of a plain record, whose services
are the generic ones of :mod:`missiemonitor.core.editing`, and :func:`delete_view` the
confirmation page that deletes one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from missiemonitor.core.editing import (
    simple_record_create,
    simple_record_delete,
    simple_record_update,
)
from missiemonitor.core.permissions import can_create, can_delete, can_edit
from missiemonitor.core.records import RecordInUse, record_dependents
from missiemonitor.core.workflow import ServiceError, VersionConflict
from missiemonitor.web.pages import can_write, render_page


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
    # delete(user=, record=, version=); deleted_url(record) is where to go afterwards
    delete: Callable[..., None] | None = None
    deleted_url: Callable[[models.Model], str] | None = None
    delete_name: str = ""  # the URL name of the delete page, for the link on the edit form


def plain_spec(model: type[models.Model], form_class: type, *, title_new: str, title_edit: str,
               success_url: Callable[[models.Model], str], key_base: Callable[[dict, Any], str],
               key_date: str | None = None, parent_model: type[models.Model] | None = None,
               parent_field: str | None = None, deleted_url: Callable[[models.Model], str] | None = None,
               delete_name: str = "", **options: Any) -> EditSpec:
    """The spec of a plain record: created with a readable key from ``key_base(data, parent)``
    (and the date in ``data[key_date]``), under ``parent`` as ``parent_field`` when it has one;
    changed and deleted through the generic record services. Without ``deleted_url`` the
    record cannot be deleted from the pages."""

    def create(*, user, parent, data):
        fields = {**data, parent_field: parent} if parent_field and parent is not None else data
        return simple_record_create(model=model, user=user, key_base=key_base(data, parent),
                            key_date=data.get(key_date) if key_date else None, fields=fields)

    def update(*, user, record, version, data):
        return simple_record_update(model=model, user=user, record=record, version=version, fields=data)

    def delete(*, user, record, version):
        simple_record_delete(model=model, user=user, record=record, version=version)

    return EditSpec(model=model, form_class=form_class, create=create, update=update, title_new=title_new,
                    title_edit=title_edit, success_url=success_url, parent_model=parent_model,
                    delete=delete if deleted_url else None, deleted_url=deleted_url,
                    delete_name=delete_name, **options)


def edit_view(spec: EditSpec) -> Callable[..., HttpResponse]:
    """A view for ``/<parent key>/new`` (with ``parent_model``), ``/new`` and ``/<key>/edit``.
    Whether ``key`` names the parent or the record follows from the URL name."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, key: str | None = None) -> HttpResponse:
        user = request.user
        if not can_write(user):
            raise PermissionDenied
        creating = request.resolver_match.url_name.endswith("_new")
        record = parent = None
        try:
            if creating and spec.parent_model is not None and key is not None:
                parent = spec.parent_model.objects.visible_to(user).get(key=key)
            elif not creating:
                record = spec.model.objects.visible_to(user).get(key=key)
        except ObjectDoesNotExist:
            raise Http404 from None
        if not (can_create(user, spec.model) if record is None else can_edit(user, record)):
            raise PermissionDenied
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
                except RecordInUse as exc:  # a nested row that other records still use
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, _("Saved: %(record)s.") % {"record": saved})
                    return redirect(next_url(request) or spec.success_url(saved))
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
            "next": next_url(request) if request.method == "POST" else request.GET.get("next", ""),
            "cancel_url": (spec.cancel_url(record, parent) if spec.cancel_url
                           else (spec.success_url(record) if record else request.META.get("HTTP_REFERER", "/"))),
            "delete_name": spec.delete_name if record is not None and spec.delete else "",
        }
        return render_page(request, spec.template, context, shown=[record, parent], status=status)

    return view


def delete_view(spec: EditSpec) -> Callable[..., HttpResponse]:
    """The confirmation page of deleting a record: GET says what it is and whether other
    records depend on it (then there is nothing to confirm); POST, with the version read,
    deletes it through ``spec.delete`` and goes to ``spec.deleted_url``."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, key: str) -> HttpResponse:
        user = request.user
        if not can_write(user) or spec.delete is None:
            raise PermissionDenied
        try:
            record = spec.model.objects.visible_to(user).get(key=key)
        except ObjectDoesNotExist:
            raise Http404 from None
        if not can_delete(user, record):
            raise PermissionDenied
        error = None
        status = 200
        if request.method == "POST":
            target = spec.deleted_url(record)
            name = str(record)
            try:
                spec.delete(user=user, record=record, version=int(request.POST.get("version") or 0))
            except (VersionConflict, RecordInUse) as exc:
                error = getattr(exc, "message", None) or str(exc)
                status = 409
                record = spec.model.objects.visible_to(user).filter(pk=record.pk).first()
                if record is None:  # deleted meanwhile by someone else
                    raise Http404 from None
            else:
                messages.success(request, _("Deleted: %(record)s.") % {"record": name})
                return redirect(target)
        context = {
            "record": record,
            "kind": record._meta.verbose_name,
            "dependents": record_dependents(user=user, record=record),
            "error": error,
            "cancel_url": spec.success_url(record),
        }
        return render_page(request, "web/record_delete.html", context, shown=[record], status=status)

    return view


def next_url(request: HttpRequest) -> str | None:
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


def review_post(request: HttpRequest, form, *, actions: dict[str, tuple[Callable[..., Any], Any]],
                subject: str, record: models.Model, done_url: str) -> HttpResponse | int:
    """Carry out the review action a POST names (``submit``, ``approve`` or ``return``) on an
    assessment or a field report: ``actions`` maps each to its workflow service and the message
    on success, and the service takes the record as ``subject``. Returns the redirect to
    ``done_url`` on success, a bare 400 for an unknown action, or else the status to show the
    form again with its errors: 409 when the service refused, 400 when the form was invalid."""
    action = request.POST.get("action")
    if action not in actions:
        return HttpResponse(status=400)
    service, done = actions[action]
    if form.is_valid():
        kwargs = {"user": request.user, subject: record, "version": form.cleaned_data["version"]}
        if action != "submit":
            kwargs["comment"] = form.cleaned_data["comment"]
        try:
            service(**kwargs)
        except ValidationError as exc:
            add_errors(form, exc)
        except (ServiceError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "message", None) or str(exc))
        else:
            messages.success(request, str(done))
            return redirect(done_url)
    return 409 if form.non_field_errors() else 400
