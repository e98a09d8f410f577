import pytest
from django.utils import translation

from missiemonitor.core.models import Classification
from missiemonitor.testing.factories import UserFactory


@pytest.fixture
def coordinator(db):
    return UserFactory(role="coordinator", clearance=Classification.STG_GEHEIM, all_missions=True)


@pytest.fixture
def reviewer(db):
    return UserFactory(role="reviewer", clearance=Classification.STG_GEHEIM, all_missions=True)


@pytest.fixture(autouse=True)
def english():
    """Assert on the English messages; Dutch ones are checked where it matters."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Users are made with a password; hashing it properly costs a second each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
