"""User management for administrators (see ``services.user_can_manage``): list the users, create one, set role, clearance and
missions, deactivate. The rules (nothing granted above the administrator's own clearance and
need-to-know) are the services'; these views only translate their outcomes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from missiemonitor.accounts import selectors, services
from missiemonitor.accounts.models import User
from missiemonitor.accounts.tokens import tokens_of
from missiemonitor.accounts.twofactor import two_factor_status
from missiemonitor.core.workflow import ServiceError
from missiemonitor.web.editing import add_errors
from missiemonitor.web.forms.accounts import UserForm, UserStateForm
from missiemonitor.web.pages import is_htmx, paginate, render_page


def _manager(request: HttpRequest):
    if not services.user_can_manage(request.user):
        raise PermissionDenied
    return request.user


@login_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    query = request.GET.get("q", "").strip()[:100]
    page = paginate(request, selectors.users_managed(actor=actor, query=query))
    context = {"page": page, "users": list(page), "query": query}
    template = "accounts/_user_table.html" if is_htmx(request) else "accounts/user_list.html"
    return render_page(request, template, context, shown=[[m for u in page for m in u.visible_missions]])


@login_required
@require_http_methods(["GET", "POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    form = UserForm(request.POST or None, actor=actor)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user = services.user_register(actor=actor, username=form.cleaned_data["username"],
                                              **form.service_kwargs())
            except ValidationError as exc:
                add_errors(form, exc)
            except (ServiceError, PermissionDenied) as exc:
                form.add_error(None, getattr(exc, "message", None) or str(exc))
            else:
                messages.success(request, _("User %(name)s created.") % {"name": user.username})
                return redirect("user_edit", username=user.username)
    return render_page(request, "accounts/user_form.html", {"form": form, "title": _("New user")}, status=status)


def _user(actor, username: str) -> User:
    try:
        return selectors.user_get(actor=actor, username=username)
    except User.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, username: str) -> HttpResponse:
    actor = _manager(request)
    user = _user(actor, username)
    state = services.user_state(user)
    # The initial values also stand for the disabled fields (the user name) in a post.
    form = UserForm(request.POST or None, actor=actor, user=user, initial={**_initial(user), "state": state})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.user_update(actor=actor, user=user, state=form.cleaned_data["state"], **form.service_kwargs())
            except ValidationError as exc:
                add_errors(form, exc)
            except services.UserChanged as exc:
                form.add_error(None, exc.message)
                status = 409
            except (ServiceError, PermissionDenied) as exc:
                form.add_error(None, getattr(exc, "message", None) or str(exc))
                status = 403 if isinstance(exc, PermissionDenied) else 400
            else:
                messages.success(request, _("Saved: %(record)s.") % {"record": user.username})
                return redirect("users")
    context = {"form": form, "title": _("Edit user"), "managed": user, "state": state,
               "may_change": _may_change(actor, user), "security": two_factor_status(user=user),
               "tokens": list(tokens_of(user=user))}
    return render_page(request, "accounts/user_form.html", context,
                       shown=[user.visible_missions], status=status)


def _initial(user: User) -> dict:
    return {"username": user.username, "first_name": user.first_name, "last_name": user.last_name,
            "email": user.email, "role": user.role, "clearance": user.clearance,
            "all_missions": user.all_missions, "missions": [m.key for m in user.visible_missions]}


def _may_change(actor, user: User) -> bool:
    return user.clearance <= actor.clearance and (actor.is_superuser or not user.is_superuser)


@login_required
@require_POST
def user_activation(request: HttpRequest, username: str) -> HttpResponse:
    """Deactivate or reactivate (``active=1``) a user."""
    actor = _manager(request)
    user = _user(actor, username)
    form = UserStateForm(request.POST)
    active = request.POST.get("active") == "1"
    if not form.is_valid():
        return HttpResponse(status=400)
    try:
        services.user_set_active(actor=actor, user=user, state=form.cleaned_data["state"], active=active)
    except (ServiceError, PermissionDenied) as exc:
        messages.error(request, getattr(exc, "message", None) or str(exc))
        return redirect("user_edit", username=user.username)
    done = _("User %(name)s can sign in again.") if active else _("User %(name)s is deactivated.")
    messages.success(request, done % {"name": user.username})
    return redirect("users")
