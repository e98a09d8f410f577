"""Who may do what through the API: the rules of :mod:`missiemonitor.core.permissions`, asked
before the request reaches a service (which asks them again). Reading is open to every
signed-in user (visibility decides what they see); changing records of a model is for the
roles that write it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from missiemonitor.core import permissions


class RecordPermission(BasePermission):
    """Reads for everyone signed in; writes for the roles that may write the view's model
    (:func:`missiemonitor.core.permissions.writer_roles`). Workflow actions are decided by
    their services, by role, state and four eyes."""

    message = _("Your role does not allow changing these records.")

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not permissions.can_read(user):
            return False
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "action", None) in getattr(view, "service_checked_actions", ()):
            return True  # the workflow service decides, by role and state
        model = getattr(getattr(view, "queryset", None), "model", None)
        if model is None:  # an action view (such as a log import): its service decides
            return permissions.can_write_some(user)
        return permissions.can_create(user, model)
