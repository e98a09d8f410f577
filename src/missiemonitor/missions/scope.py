"""The mission scope of a selector call: the missions named by key, within what the user may
see. Selectors filter with :meth:`Scope.q` after applying ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _


class UnknownMission(LookupError):
    """A mission key that does not exist or that the user may not see (the two look alike)."""


@dataclass(frozen=True)
class Scope:
    missions: dict[int, Any]  # the visible missions in scope, by id
    restricted: bool  # True when the caller named missions

    @property
    def mission_ids(self) -> frozenset[int]:
        return frozenset(self.missions)

    def q(self, path: str = "mission", *, include_unbound: bool = True) -> Q:
        """Records of the missions in scope (and, by default, records of no mission, which
        concern no single mission, such as an area-wide context event)."""
        if not self.restricted:
            return Q()
        condition = Q(**{f"{path}__in": sorted(self.missions)})
        if include_unbound:
            condition |= Q(**{f"{path}__isnull": True})
        return condition

    def key_of(self, mission_id: int | None) -> str | None:
        mission = self.missions.get(mission_id) if mission_id is not None else None
        return mission.key if mission is not None else None

    def mission(self, mission_id: int | None) -> Any:
        return self.missions.get(mission_id) if mission_id is not None else None


def mission_scope(*, user: Any, mission_keys: list[str] | None = None) -> Scope:
    """One query: the visible missions, limited to ``mission_keys`` when given. Raises
    :class:`UnknownMission` naming every key the user cannot use."""
    from missiemonitor.missions.models import Mission

    qs = Mission.objects.visible_to(user)
    if mission_keys is not None:
        qs = qs.filter(key__in=list(mission_keys))
    missions = {m.pk: m for m in qs.order_by("key")}
    if mission_keys is not None:
        missing = sorted(set(mission_keys) - {m.key for m in missions.values()})
        if missing:
            raise UnknownMission(
                _("Unknown mission(s): %(keys)s") % {"keys": ", ".join(missing)}
            )
    return Scope(missions=missions, restricted=mission_keys is not None)


def in_missions(qs: Any, mission_keys: list[str] | None, *, path: str = "mission",
                unbound: bool = False) -> Any:
    """``qs`` limited to the missions named by key (all when ``mission_keys`` is empty), through
    ``path`` (``"pk"`` for missions themselves); with ``unbound``, records of no mission stay.
    Apply it after ``visible_to(user)``: it narrows, it never widens."""
    if not mission_keys:
        return qs
    field = "key" if path == "pk" else f"{path}__key"
    condition = Q(**{f"{field}__in": list(mission_keys)})
    if unbound:
        condition |= Q(**{f"{path}__isnull": True})
    qs = qs.filter(condition)
    return qs.distinct() if path.endswith("s") else qs
