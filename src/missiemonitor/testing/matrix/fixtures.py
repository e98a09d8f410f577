"""The matrix world as a module-scoped pytest fixture: built once, in a transaction that is
rolled back when the module's tests are done, so the other tests never see it."""

from __future__ import annotations

import logging

import pytest
from django.db import transaction
from django.test import override_settings

from missiemonitor.testing.matrix.world import World, build_world


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    reports = tmp_path_factory.mktemp("matrix-reports")
    with django_db_blocker.unblock(), override_settings(REPORT_OUTPUT_DIR=reports), transaction.atomic():
        world = build_world()
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def quiet_requests():
    """Django logs every refusal (with its traceback, for 403s); the matrix provokes hundreds."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)
