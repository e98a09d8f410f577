"""Reads of the accounts app for the user-management pages. User accounts are not domain
records; the missions shown with them are read through ``visible_to`` of the administrator, so
no page names a mission the administrator may not see."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from missiemonitor.accounts.models import User
from missiemonitor.missions.models import Mission


def _with_missions(qs: QuerySet[User], actor: Any) -> QuerySet[User]:
    missions = Mission.objects.visible_to(actor).only("key", "acronym", "name").order_by("key")
    return qs.prefetch_related(Prefetch("missions", queryset=missions, to_attr="visible_missions"))


def users_managed(*, actor: Any, query: str = "") -> QuerySet[User]:
    """Every user account, by user name, each with ``visible_missions``; ``query`` matches the
    user name, names and e-mail address."""
    qs = User.objects.order_by("username")
    for word in query.split()[:5]:
        qs = qs.filter(Q(username__icontains=word) | Q(first_name__icontains=word)
                       | Q(last_name__icontains=word) | Q(email__icontains=word))
    return _with_missions(qs, actor)


def user_get(*, actor: Any, username: str) -> User:
    """One user account with ``visible_missions``; raises User.DoesNotExist."""
    return _with_missions(User.objects.all(), actor).get(username=username)
