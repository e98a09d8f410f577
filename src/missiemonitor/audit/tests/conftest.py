import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_then_as_before():
    """These tests read English messages; the pages and commands they drive activate Dutch.
    Afterwards the language is what it was, for the tests that run next."""
    with translation.override("en"):
        yield
