"""Who may do what through the API. Reading is open to every signed-in user (visibility
decides what they see); changing records is for the roles that keep the data."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from missiemonitor.accounts.models import Role

EDITOR_ROLES = frozenset({Role.COORDINATOR, Role.POLICY_OFFICER})


class RecordPermission(BasePermission):
    """Reads for everyone signed in; writes for coordinators and policy officers, or the roles
    a view names in ``write_roles``."""

    message = _("Your role does not allow changing these records.")

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "action", None) in getattr(view, "service_checked_actions", ()):
            return True  # the workflow service decides, by role and state
        roles = getattr(view, "write_roles", EDITOR_ROLES)
        return user.role in roles


def is_editor(user: Any) -> bool:
    return getattr(user, "role", None) in EDITOR_ROLES
