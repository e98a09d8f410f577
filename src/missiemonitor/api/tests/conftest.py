import logging

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from missiemonitor.api.tests.world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Rate-limit counters live in the cache; each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def quiet_request_log():
    """Django logs every 4xx answer; tests that provoke thousands of them keep only errors."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client
