"""Writes of the accounts app."""

from __future__ import annotations

from django.db import transaction

from missiemonitor.accounts.models import MissionMembership, Role, User
from missiemonitor.core.models import Classification
from missiemonitor.missions.models import Mission


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    clearance: int = Classification.ONGERUBRICEERD,
    role: str = Role.ANALYST,
    missions: list[Mission] | None = None,
    all_missions: bool = False,
    is_staff: bool = False,
    is_superuser: bool = False,
    email: str = "",
) -> User:
    user = User(username=username, email=email, clearance=clearance, role=role,
                all_missions=all_missions, is_staff=is_staff, is_superuser=is_superuser)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    MissionMembership.objects.bulk_create(
        [MissionMembership(user=user, mission=mission) for mission in missions or []]
    )
    return user


@transaction.atomic
def demo_user_ensure(*, username: str, password: str) -> User:
    """The demo account: a coordinator cleared for everything, with the admin. Its password is
    (re)set to ``password``."""
    user = User.objects.filter(username=username).first()
    if user is None:
        return user_create(
            username=username, password=password, clearance=Classification.STG_GEHEIM,
            role=Role.COORDINATOR, all_missions=True, is_staff=True, is_superuser=True,
        )
    user.set_password(password)
    user.clearance = Classification.STG_GEHEIM
    user.all_missions = True
    user.is_staff = user.is_superuser = user.is_active = True
    user.save()
    return user
