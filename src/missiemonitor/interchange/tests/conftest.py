import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Assert on the English messages; Dutch ones are checked where it matters."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Users are made with a password; hashing it properly costs a second each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
