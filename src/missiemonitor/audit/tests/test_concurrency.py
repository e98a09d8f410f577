"""Two writers appending at the same moment on PostgreSQL keep one chain: the second waits for
the first's lock on the chain head, then appends after its entries (no fork, no gap)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from missiemonitor.audit.context import audit_context
from missiemonitor.audit.models import AuditEntry
from missiemonitor.audit.verify import chain_verify
from missiemonitor.core.models import Organisation

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'",
                       reason="SQLite serialises writers itself (IMMEDIATE transactions)"),
]


def test_two_concurrent_appenders_keep_one_chain():
    both_inside = threading.Barrier(2, timeout=30)
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            with audit_context(channel="system", actor=name), transaction.atomic():
                # Both transactions are open before either appends: without the head lock
                # both would read the same last entry and fork the chain.
                both_inside.wait()
                for n in range(5):
                    Organisation.objects.create(key=f"{name}-{n}", name=f"{name} {n}")
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    sequences = list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, 11))
    assert chain_verify().ok
    assert connection.vendor == "postgresql"
