"""A database with something in every corner, for backup, restore and upgrade tests: the bundled
dataset (with its report texts), users with roles, clearances and missions, an API token, and an
imported flight log. Keys only come from :mod:`missiemonitor.testing.bundled`."""

from __future__ import annotations

import datetime as dt
import io

from missiemonitor.accounts.models import Role
from missiemonitor.accounts.services import user_create
from missiemonitor.accounts.tokens import token_create
from missiemonitor.core.models import Classification
from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.dataset import dataset_load
from missiemonitor.interchange.logs import log_import_csv
from missiemonitor.missions.models import Mission
from missiemonitor.testing.bundled import BUNDLED_DATASET, NMI, NMI_HELI

FLIGHT_HEADER = "contribution,date,aircraft,hours,tasking\n"
TASKINGS = ("nmi", "oir", "national")  # the codes of the bundled dataset's tasking dimension
PASSWORD = "Populated-Pass-1"  # noqa: S105 - test accounts


def flight_rows(count: int, *, first: int = 0) -> str:
    """``count`` flight-log rows of the bundled helicopter detachment (no header)."""
    start = dt.date(2024, 6, 1)
    return "".join(
        f"{NMI_HELI},{start + dt.timedelta(days=i % 300)},CH-47-{i % 3},{1 + i % 4}.5,"
        f"{TASKINGS[i % 3]}\n"
        for i in range(first, first + count)
    )


def populate(*, flight_log_rows: int = 300) -> None:
    """Fill the (migrated, otherwise empty) database."""
    dataset_load(path=BUNDLED_DATASET)
    nmi = Mission.objects.get(key=NMI)
    user_create(username="coordinator", password=PASSWORD, role=Role.COORDINATOR,
                clearance=Classification.STG_GEHEIM, all_missions=True, is_staff=True,
                email="coordinator@example.org", first_name="Co", last_name="Ordinator")
    analyst = user_create(username="analyst", password=PASSWORD, role=Role.ANALYST,
                          clearance=Classification.DEPARTEMENTAAL_VERTROUWELIJK, missions=[nmi])
    token_create(user=analyst, name="a script")
    log_import_csv(kind="flight", stream=io.StringIO(FLIGHT_HEADER + flight_rows(flight_log_rows)),
                   user=SYSTEM, batch="flights-2024")
