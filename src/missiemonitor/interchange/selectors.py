"""Reads of onboarding: which proposed keys already name a record the user can see (loading
would update that record rather than create one)."""

from __future__ import annotations

from missiemonitor.interchange.dataset.spec import by_name
from missiemonitor.interchange.onboard import KINDS, Proposals


def onboarding_existing_keys(*, user, proposals: Proposals) -> set[str]:
    """The ids of the proposals whose key names a record that exists and that ``user`` sees."""
    wanted: dict[str, dict[str, str]] = {}
    for proposal in proposals.items:
        section = KINDS.get(proposal.kind, "")
        if section in by_name():
            wanted.setdefault(section, {})[proposal.key] = proposal.id
    found: set[str] = set()
    for section, keys in wanted.items():
        model = by_name()[section].model
        for key in model.objects.visible_to(user).filter(key__in=list(keys)).values_list("key", flat=True):
            found.add(keys[key])
    return found
