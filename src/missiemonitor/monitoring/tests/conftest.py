import pytest

from missiemonitor.core.models import Classification
from missiemonitor.testing.factories import UserFactory


@pytest.fixture
def coordinator(db):
    return UserFactory(role="coordinator", clearance=Classification.STG_GEHEIM, all_missions=True)


@pytest.fixture
def reviewer(db):
    return UserFactory(role="reviewer", clearance=Classification.STG_GEHEIM, all_missions=True)
