"""Writes of the accounts app."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from missiemonitor.accounts.models import MissionMembership, Role, User
from missiemonitor.core.models import Classification
from missiemonitor.core.permissions import can_manage_users
from missiemonitor.core.visibility import can_see
from missiemonitor.core.workflow import ServiceError
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
    first_name: str = "",
    last_name: str = "",
) -> User:
    user = User(username=username, email=email, clearance=clearance, role=role,
                all_missions=all_missions, is_staff=is_staff, is_superuser=is_superuser,
                first_name=first_name, last_name=last_name)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    MissionMembership.objects.bulk_create(
        [MissionMembership(user=user, mission=mission) for mission in missions or []]
    )
    return user


@transaction.atomic
def demo_user_ensure(*, username: str, password: str) -> User:
    """The demo account: a coordinator with need-to-know for all missions, cleared up to
    Departementaal Vertrouwelijk and no administrator, so that it signs in with its password
    alone (two-factor sign-in is required above that clearance and for administrators; the
    bundled dataset is unclassified). Its password is (re)set to ``password``, and an account
    of that name left by an older version loses its administrator rights."""
    user = User.objects.filter(username=username).first()
    if user is None:
        return user_create(
            username=username, password=password,
            clearance=Classification.DEPARTEMENTAAL_VERTROUWELIJK,
            role=Role.COORDINATOR, all_missions=True,
        )
    user.set_password(password)
    user.clearance = Classification.DEPARTEMENTAAL_VERTROUWELIJK
    user.role = Role.COORDINATOR
    user.all_missions = user.is_active = True
    user.is_staff = user.is_superuser = False
    user.save()
    return user


# --- Managing users from the pages -------------------------------------------------------------
# Administrators (superusers, and staff coordinators with need-to-know for all missions) decide
# who uses Missiemonitor, in which role, with which clearance and for which missions. They grant
# nothing they do not hold themselves: no clearance above their own, no need-to-know for all
# missions unless they have it, no membership of a mission they may not see. They cannot change users cleared above them (or administrators, unless they are one), and
# cannot demote or deactivate themselves.



class UserChanged(ServiceError):
    """The user account changed since the form was read; nothing was written."""

    code = "conflict"


def user_can_manage(actor: Any) -> bool:
    """Users are managed at administrator level (the rule of
    :func:`missiemonitor.core.permissions.can_manage_users`)."""
    return isinstance(actor, User) and can_manage_users(actor)


def _require_manager(actor: Any) -> None:
    if not user_can_manage(actor):
        raise PermissionDenied(_("Only an administrator may manage users."))


def _lock_for_change(actor: Any, user: User | str, state: str) -> User:
    """Lock ``user`` for a change by ``actor``, who must manage users and may change this one,
    and refuse when the account changed since the form read it (``state``)."""
    _require_manager(actor)
    username = user if isinstance(user, str) else user.username
    locked = User.objects.select_for_update().get(username=username)
    _require_may_change(actor, locked)
    if user_state(locked) != state:
        raise UserChanged(_("User %(name)s was changed by someone else since you opened the form. "
                            "Reload it and apply your change again.") % {"name": locked.username})
    return locked


def _require_may_change(actor: Any, user: User) -> None:
    if user.clearance > actor.clearance:
        raise PermissionDenied(_("You cannot change a user cleared above your own clearance."))
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied(_("Only an administrator can change an administrator."))


def _check_grants(actor: Any, *, clearance: int, all_missions: bool, had_all_missions: bool,
                  missions: list[Mission]) -> None:
    errors: dict[str, list[str]] = {}
    if clearance > actor.clearance:
        errors["clearance"] = [_("You cannot grant a clearance above your own.")]
    if all_missions and not had_all_missions and not actor.all_missions:
        errors["all_missions"] = [_("You can only grant need-to-know for all missions when you have it yourself.")]
    if any(not can_see(actor, mission) for mission in missions):
        errors["missions"] = [_("You can only grant membership of missions you may see yourself.")]
    if errors:
        raise ValidationError(errors)


def user_state(user: User) -> str:
    """A fingerprint of what the management pages change, read with the form and compared on
    save (users carry no version number): a save based on a stale read is refused."""
    missions = sorted(user.memberships.values_list("mission_id", flat=True))
    parts = [user.username, user.first_name, user.last_name, user.email, user.role, user.clearance,
             user.all_missions, user.is_active, missions, user.password]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


@transaction.atomic
def user_register(*, actor: Any, username: str, password: str, role: str, clearance: int,
                  all_missions: bool = False, missions: list[Mission] | None = None,
                  first_name: str = "", last_name: str = "", email: str = "") -> User:
    """Create a user account on behalf of a coordinator."""
    _require_manager(actor)
    missions = list(missions or [])
    _check_grants(actor, clearance=clearance, all_missions=all_missions, had_all_missions=False,
                  missions=missions)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("A user with this name already exists.")]})
    candidate = User(username=username, first_name=first_name, last_name=last_name, email=email)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    return user_create(username=username, password=password, clearance=clearance, role=role,
                       missions=missions, all_missions=all_missions, email=email,
                       first_name=first_name, last_name=last_name)


@transaction.atomic
def user_update(*, actor: Any, user: User | str, state: str, role: str, clearance: int,
                all_missions: bool, missions: list[Mission], first_name: str = "", last_name: str = "",
                email: str = "", is_active: bool | None = None, password: str = "") -> User:
    """Change a user's names, role, clearance, need-to-know and missions (and, when given, set a
    new password; ``is_active`` None leaves it). Memberships of missions the coordinator may not
    see stay as they are."""
    locked = _lock_for_change(actor, user, state)
    is_active = locked.is_active if is_active is None else is_active
    if locked.pk == actor.pk:
        own = {"role": (role, locked.role), "clearance": (clearance, locked.clearance),
               "all_missions": (all_missions, locked.all_missions), "is_active": (is_active, locked.is_active)}
        errors = {name: [_("You cannot change this for your own account.")]
                  for name, (new, old) in own.items() if new != old}
        if errors:
            raise ValidationError(errors)
    current = set(locked.memberships.values_list("mission_id", flat=True))
    visible = set(Mission.objects.visible_to(actor).filter(pk__in=current).values_list("pk", flat=True))
    added = [m for m in missions if m.pk not in current]
    _check_grants(actor, clearance=clearance, all_missions=all_missions,
                  had_all_missions=locked.all_missions, missions=added)
    if password:
        try:
            validate_password(password, locked)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        locked.set_password(password)
    locked.first_name, locked.last_name, locked.email = first_name, last_name, email
    locked.role, locked.clearance, locked.all_missions, locked.is_active = role, clearance, all_missions, is_active
    locked.full_clean(exclude=["password"], validate_unique=False)
    locked.save()
    wanted = {m.pk for m in missions}
    MissionMembership.objects.filter(user=locked, mission_id__in=visible - wanted).delete()
    MissionMembership.objects.bulk_create([MissionMembership(user=locked, mission=m) for m in added])
    return locked


@transaction.atomic
def user_set_active(*, actor: Any, user: User | str, state: str, active: bool) -> User:
    """Deactivate (or reactivate) a user: a deactivated user cannot sign in and sees nothing,
    and everything they wrote keeps their name."""
    locked = _lock_for_change(actor, user, state)
    if locked.pk == actor.pk and not active:
        raise ServiceError(_("You cannot deactivate your own account."))
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    return locked
