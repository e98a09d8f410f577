import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Users are made with a password; hashing it properly costs a second each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
