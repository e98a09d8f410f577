"""What the layout needs on every page: the navigation and the user menu (clearance and
missions). Lazy, so pages that do not render the menu pay nothing."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from missiemonitor.accounts.services import user_can_manage
from missiemonitor.core.models import Classification
from missiemonitor.web.pages import can_write

NAVIGATION = [
    ("dashboard", _("Dashboard")),
    ("missions", _("Missions")),
    ("objectives", _("Objectives")),
    ("monitoring", _("Monitoring")),
    ("context", _("Context")),
    ("finance", _("Finance")),
    ("report_builder", _("Report")),
    ("data", _("Data")),
]


def _user_missions(user):
    from missiemonitor.missions.models import Mission

    if user.all_missions:
        return {"all": True, "missions": []}  # need-to-know for all missions
    missions = Mission.objects.visible_to(user).filter(pk__in=user.mission_ids).only("key", "acronym", "name")
    return {"all": False, "missions": list(missions)}


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    path = request.path
    navigation = []
    managing = user_can_manage(user)
    for name, label in [*NAVIGATION, *([("users", _("Users"))] if managing else [])]:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        navigation.append({"url": url, "label": label, "current": current})
    return {
        "navigation": navigation,
        "user_can_write": can_write(user),
        "user_can_manage_users": managing,
        "user_clearance": Classification(user.clearance).label,
        "user_missions": SimpleLazyObject(lambda: _user_missions(user)),
    }
