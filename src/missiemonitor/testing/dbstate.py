"""A checksum of everything in the database, to show that a refused input changed nothing."""

from __future__ import annotations

import hashlib

from django.apps import apps


def database_checksum() -> str:
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model._meta.app_label in {"sessions", "admin", "contenttypes", "auth"}:
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        digest.update(model._meta.label.encode())
        for row in model.objects.order_by("pk").values_list(*fields):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def empty_database() -> None:
    """Delete every row, inside the test's transaction (an "empty database" for round trips).
    On PostgreSQL, deferred foreign-key checks are settled first, or TRUNCATE refuses."""
    from django.core.management import call_command
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
