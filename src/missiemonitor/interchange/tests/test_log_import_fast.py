"""The fast log import (memo look-ups, executemany or COPY) against the ORM it replaced: the
same rows to the last stored value, and nothing the careful checks would refuse."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from missiemonitor.core.models import Classification
from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.logs import LogImportError, log_import_csv
from missiemonitor.interchange.logs import importer as logs
from missiemonitor.interchange.logs.bulk import prep
from missiemonitor.interchange.logs.rows import Rows, load_targets
from missiemonitor.results.models import LogEntry
from missiemonitor.testing.factories import (
    ContributionFactory,
    DimensionFactory,
    IndicatorFactory,
    MissionFactory,
)

STORED = ("kind", "contribution_id", "mission_id", "classification", "date", "quantity",
          "category", "asset", "area", "batch")


@pytest.fixture
def contributions(db):
    mission, other = MissionFactory(key="alpha"), MissionFactory(key="other")
    heli = ContributionFactory(key="heli", mission=mission, start=dt.date(2024, 5, 1),
                               end=dt.date(2025, 4, 30),
                               classification=Classification.DEPARTEMENTAAL_VERTROUWELIJK)
    ContributionFactory(key="fp", mission=other, start=dt.date(2024, 1, 1))
    tasking = DimensionFactory(key="tasking", values=["alpha", "beta", "national"])
    IndicatorFactory(mission=mission, contribution=heli, log_kind="flight", log_dimension=tasking)
    IndicatorFactory(mission=mission, contribution=heli, log_kind="event", log_dimension=tasking)


FILES = {
    "flight": (
        "tasking,hours,date,contribution,aircraft,classification\n"
        "alpha,1.5,2024-05-01,heli,CH-47,\n"
        "beta, 2 ,2024-05-02, heli ,  CH-47 ,departementaal-vertrouwelijk\n"
        "national,0.25,2024-05-03,heli,\"CH\\47\tF\",STG-GEHEIM\n"
        "isaf,1e1,2024-02-01,fp,AH-64,nato-restricted\n"
        "x_1,24.00,2024-02-01,fp,,\n"
        "alpha,0,2025-04-30,heli,\"A,\"\"B\"\"\nC\",\n"
        "beta,3.10,2024-12-31,heli,Ünïcödé,nato-secret\n"
    ),
    "movement": (
        "contribution,date,count,area,classification\n"
        "fp,2024-02-01,12,Noord,\n"
        "fp,2024-02-02,0003,\" Zuid\\Oost \",ongerubriceerd\n"
        "heli,2024-06-01,9999999999,\"a\tb\r\nc\",\n"
    ),
    "event": (
        "contribution,date,event_type,count,area\n"
        "heli,2024-06-01,alpha,2,Noord\n"
        "fp,2024-06-01,patrol,7,\n"
    ),
}


def stored(batch: str) -> list[tuple]:
    """The rows of ``batch`` as the database holds them (on SQLite a quantity is stored as an
    integer, a real or text depending on what was sent, so compare below the ORM)."""
    columns = ", ".join(LogEntry._meta.get_field(name).column for name in STORED[:-1])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM results_logentry WHERE batch = %s ORDER BY id",  # noqa: S608
                       [batch])
        return [(*row[:5], repr(row[5]), *row[6:]) for row in cursor.fetchall()]


def orm_import(kind: str, text: str, batch: str) -> None:
    """The import as it was: each row checked, then ``bulk_create`` of model instances."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = Rows(kind=kind, user=SYSTEM, today=timezone.localdate(),
                targets=load_targets(kind=kind, user=SYSTEM, prep=prep()))
    entries = []
    for record in reader:
        parsed = rows.parse(0, {k.strip(): v for k, v in record.items()})
        assert parsed is not None, rows.issues
        entries.append(LogEntry(kind=kind, contribution_id=parsed.target.pk,
                                mission_id=parsed.target.mission_id,
                                classification=parsed.classification, date=parsed.date,
                                quantity=parsed.quantity, category=parsed.category,
                                asset=parsed.asset, area=parsed.area, batch=batch))
    LogEntry.objects.bulk_create(entries)


@pytest.mark.parametrize("kind", list(FILES))
def test_the_fast_path_stores_exactly_what_the_orm_stored(contributions, kind, monkeypatch):
    monkeypatch.setattr(logs, "BATCH_SIZE", 4)
    lines = FILES[kind].splitlines(keepends=True)
    text = lines[0] + "".join(lines[1:]) * 3  # repeats take the fast path
    result = log_import_csv(kind=kind, stream=io.StringIO(text, newline=""), user=SYSTEM,
                            batch="fast\\1")
    orm_import(kind, text, "fast\\1-orm")
    fast, orm = stored("fast\\1"), stored("fast\\1-orm")
    records = len(list(csv.reader(io.StringIO(FILES[kind], newline="")))) - 1
    assert result.rows == len(fast) == len(orm) == 3 * records
    assert fast == orm


def test_stored_values_are_the_ones_the_file_meant(contributions):
    log_import_csv(kind="flight", stream=io.StringIO(FILES["flight"], newline=""), user=SYSTEM,
                   batch="b")
    got = list(LogEntry.objects.filter(batch="b").order_by("id").values_list(
        "contribution__key", "mission__key", "classification", "date", "quantity", "category",
        "asset"))
    assert [(g[0], g[1], g[2], g[4], g[5], g[6]) for g in got] == [
        ("heli", "alpha", 1, Decimal("1.5"), "alpha", "CH-47"),
        ("heli", "alpha", 1, Decimal(2), "beta", "CH-47"),
        ("heli", "alpha", 3, Decimal("0.25"), "national", "CH\\47\tF"),
        ("fp", "other", 1, Decimal(10), "isaf", "AH-64"),
        ("fp", "other", 0, Decimal(24), "x_1", ""),
        ("heli", "alpha", 1, Decimal(0), "alpha", 'A,"B"\nC'),
        ("heli", "alpha", 3, Decimal("3.1"), "beta", "Ünïcödé"),
    ]
    assert got[0][3] == dt.date(2024, 5, 1)


def test_what_one_contribution_accepts_is_not_taken_for_another(contributions):
    """The memo knows a date, code or classification as valid for one contribution; the
    same text for a contribution with other limits still gets its error."""
    text = ("contribution,date,aircraft,hours,tasking,classification\n"
            "fp,2024-02-01,A,1,isaf,ongerubriceerd\n"
            "fp,2024-02-01,A,1,isaf,ongerubriceerd\n"
            "heli,2024-02-01,A,1,alpha,\n"           # 4: before heli started
            "heli,2024-06-01,A,1,isaf,\n"          # 5: not one of heli's codes
            "heli,2024-06-01,A,1,alpha,ongerubriceerd\n"  # 6: below heli's classification
            "fp,2024-06-01,A,1,isaf,\n")
    with pytest.raises(LogImportError) as caught:
        log_import_csv(kind="flight", stream=io.StringIO(text), user=SYSTEM, batch="b")
    assert [(i.line, i.column) for i in caught.value.issues] == [
        (4, "date"), (5, "tasking"), (6, "classification")]
    assert not LogEntry.objects.exists()


def test_nul_characters_and_control_characters_in_a_batch_are_refused(contributions):
    text = "contribution,date,count,area\nfp,2024-02-01,1,a\x00b\nfp,2024-02-01,²,\n"
    with pytest.raises(LogImportError) as caught:
        log_import_csv(kind="movement", stream=io.StringIO(text), user=SYSTEM, batch="b")
    assert [(i.line, i.column) for i in caught.value.issues] == [(2, "area"), (3, "count")]
    with pytest.raises(LogImportError, match="control characters"):
        log_import_csv(kind="movement", stream=io.StringIO(text), user=SYSTEM, batch="a\x00")
    assert not LogEntry.objects.exists()
