"""Writes of onboarding: loading the proposals a user accepted, through the normal loader."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from missiemonitor.core.permissions import can_load_datasets
from missiemonitor.interchange.dataset import dataset_load_text
from missiemonitor.interchange.dataset.write import LoadStats
from missiemonitor.interchange.onboard import Draft, Proposals, draft_dataset


class NothingAccepted(Exception):
    """No proposal was accepted, so there is nothing to load."""


@transaction.atomic
def onboarding_load(*, user, proposals: Proposals) -> tuple[LoadStats, Draft]:
    """Load the accepted proposals as a dataset file, validated completely before anything is
    written (:func:`missiemonitor.interchange.dataset.dataset_load_text`). Raises ``DatasetError``
    with every problem, by line and field of the draft; ``Draft.owner_of`` names the proposal
    of a line."""
    if not can_load_datasets(user):
        raise PermissionDenied(_("Only a coordinator with need-to-know for all missions and the highest "
                                 "clearance can load data."))
    if not proposals.accepted():
        raise NothingAccepted(_("Accept at least one proposal before loading."))
    draft = draft_dataset(proposals, accepted_only=True)
    stem = proposals.filename.rsplit(".", 1)[0] or "onboarding"
    stats = dataset_load_text(text=draft.text, filename=f"{stem}.yaml")
    return stats, draft
