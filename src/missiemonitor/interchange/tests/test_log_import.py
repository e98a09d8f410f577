"""CSV import of activity logs: all or nothing, errors by line, streaming bulk inserts."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missiemonitor.core.models import Classification
from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.logs import LogImportError, log_batch_delete, log_import_csv
from missiemonitor.interchange.logs import importer as logs
from missiemonitor.results.models import LogEntry
from missiemonitor.testing.dbstate import database_checksum
from missiemonitor.testing.factories import (
    ContributionFactory,
    DimensionFactory,
    IndicatorFactory,
    MissionFactory,
    UserFactory,
)


@pytest.fixture
def contributions(db):
    mission = MissionFactory(key="nmi")
    heli = ContributionFactory(key="heli", mission=mission, start=dt.date(2024, 5, 1),
                               end=dt.date(2025, 4, 30), classification=Classification.DEPARTEMENTAAL_VERTROUWELIJK)
    fp = ContributionFactory(key="fp", mission=mission, start=dt.date(2024, 1, 1))
    tasking = DimensionFactory(key="tasking", values=["nmi", "oir", "national"])
    IndicatorFactory(mission=mission, contribution=heli, log_kind="flight", log_dimension=tasking)
    return heli, fp


def rows(n: int, *, start=dt.date(2024, 5, 1)) -> str:
    lines = ["contribution,date,aircraft,hours,tasking"]
    lines += [f"heli,{start + dt.timedelta(days=i % 300)},H-{i % 3},1.5,{('nmi', 'oir', 'national')[i % 3]}"
              for i in range(n)]
    return "\n".join(lines) + "\n"


def test_a_valid_file_is_loaded_in_batches_not_row_by_row(contributions, monkeypatch):
    monkeypatch.setattr(logs, "BATCH_SIZE", 100)
    seen = []
    with CaptureQueriesContext(connection) as queries:
        result = log_import_csv(kind="flight", stream=io.StringIO(rows(450)), user=SYSTEM,
                                batch="sorties-2024", progress=seen.append)
    writes = [q["sql"] for q in queries.captured_queries if "results_logentry" in q["sql"]
              and ("INSERT" in q["sql"] or q["sql"].startswith("COPY"))]
    if connection.vendor == "postgresql":  # one COPY per batch: 4 of 100 rows and the last 50
        assert len(writes) == 5 and all(w.startswith("COPY") for w in writes)
    else:  # 4 full batches of 100 and the last 50, each one executemany
        assert [w.split(" times: ")[0] for w in writes] == ["100", "100", "100", "100", "50"]
    assert (result.rows, result.by_contribution, sum(seen)) == (450, {"heli": 450}, 450)
    entry = LogEntry.objects.order_by("id").first()
    assert (entry.kind, entry.category, entry.asset, entry.batch, entry.mission.key) == (
        "flight", "nmi", "H-0", "sorties-2024", "nmi")
    assert entry.classification == Classification.DEPARTEMENTAAL_VERTROUWELIJK  # the contribution's


def test_one_bad_row_anywhere_means_nothing_is_written_and_every_error_has_its_line(contributions, monkeypatch):
    monkeypatch.setattr(logs, "BATCH_SIZE", 100)
    text = rows(250) + "\n".join([
        "heli,2024-13-01,H-1,2,nmi",       # line 252
        "heli,2024-06-01,H-1,-1,oir",      # line 253
        "nope,2024-06-01,H-1,1,oir",       # line 254
        "heli,2024-06-01,H-1,1,isaf",      # line 255
        "heli,2024-04-01,H-1,30,oir",      # line 256
        "heli,2024-06-01,H-1,1,oir,extra",  # line 257
        "fp,2024-06-01,H-1,1,oir,",        # line 258
    ]) + "\n"
    before = database_checksum()
    with pytest.raises(LogImportError) as caught:
        log_import_csv(kind="flight", stream=io.StringIO(text), user=SYSTEM, batch="b", filename="f.csv")
    assert database_checksum() == before and LogEntry.objects.count() == 0
    found = [(i.line, i.column) for i in caught.value.issues]
    assert found == [(252, "date"), (253, "hours"), (254, "contribution"), (255, "tasking"),
                     (256, "date"), (256, "hours"), (257, ""), (258, "")]
    summary = caught.value.summary()
    assert "f.csv:255: tasking: unknown code 'isaf'; expected one of national, nmi, oir" in summary
    assert "f.csv:256: date: 2024-04-01 is before contribution heli started (2024-05-01)" in summary
    assert summary.endswith("8 problem(s); nothing was written.")


def test_header_problems_are_reported_before_any_row(contributions):
    with pytest.raises(LogImportError) as caught:
        log_import_csv(kind="movement", stream=io.StringIO("contribution,date,cuont,area,colour\n"),
                       user=SYSTEM, batch="b")
    messages = [i.format("m.csv") for i in caught.value.issues]
    assert "m.csv:1: cuont: unknown column; did you mean 'count'?" in messages
    assert "m.csv:1: count: missing column; a movement log has the columns contribution,date,count,area" in messages
    assert any(m.startswith("m.csv:1: colour: unknown column") for m in messages)


def test_movement_and_event_logs_with_classification(contributions):
    movements = "contribution,date,count,area,classification\nfp,2024-02-01,12,Bagdad,\nfp,2024-02-02,3,,nato-restricted\n"
    result = log_import_csv(kind="movement", stream=io.StringIO(movements), user=SYSTEM, batch="m")
    assert result.rows == 2
    assert sorted(LogEntry.objects.values_list("quantity", "classification")) == [(3, 1), (12, 0)]
    events = "contribution,date,event_type,count,area\nfp,2024-02-01,patrol,2,Noord\nfp,2024-02-01,patrol,x,\n"
    with pytest.raises(LogImportError, match=r"<log>:3: count: expected a whole number"):
        log_import_csv(kind="event", stream=io.StringIO(events), user=SYSTEM, batch="e")


def test_a_batch_cannot_be_imported_twice_and_can_be_deleted(contributions):
    log_import_csv(kind="flight", stream=io.StringIO(rows(3)), user=SYSTEM, batch="once")
    with pytest.raises(LogImportError, match="already imported"):
        log_import_csv(kind="flight", stream=io.StringIO(rows(3)), user=SYSTEM, batch="once")
    assert log_batch_delete(user=SYSTEM, kind="flight", batch="once") == 3
    assert not LogEntry.objects.exists()
    log_import_csv(kind="flight", stream=io.StringIO(rows(2)), user=SYSTEM, batch="once")  # again
    assert LogEntry.objects.count() == 2


def test_a_batch_claimed_by_a_concurrent_import_is_refused_with_a_clear_error(contributions):
    """Two imports of one batch at once: both find no rows yet, but the database lets only
    one claim the name. Here the other import has claimed it and not yet written its rows."""
    from missiemonitor.results.models import LogBatch

    LogBatch.objects.create(kind="flight", name="twice")
    with pytest.raises(LogImportError) as info:
        log_import_csv(kind="flight", stream=io.StringIO(rows(3)), user=SYSTEM, batch="twice")
    assert "batch 'twice' was already imported" in str(info.value)
    assert not LogEntry.objects.exists()


def test_users_only_import_for_contributions_they_see(contributions):
    outsider = UserFactory(role="coordinator", clearance=3, missions=[MissionFactory()])
    with pytest.raises(LogImportError, match="unknown contribution 'heli'"):
        log_import_csv(kind="flight", stream=io.StringIO(rows(2)), user=outsider, batch="b")
    low = UserFactory(role="coordinator", clearance=0, all_missions=True)
    with pytest.raises(LogImportError, match="unknown contribution 'heli'"):  # classified above clearance
        log_import_csv(kind="flight", stream=io.StringIO(rows(2)), user=low, batch="b")


def test_the_command_imports_with_progress_and_refuses_bad_files(contributions, tmp_path, capsys):
    good = tmp_path / "flights.csv"
    good.write_text(rows(5), encoding="utf-8")
    call_command("import-log", str(good), kind="flight")
    out = capsys.readouterr().out
    assert "5 flight rows imported as batch 'flights.csv@" in out and "heli: 5" in out
    with pytest.raises(CommandError, match="already imported"):
        call_command("import-log", str(good), kind="flight")
    bad = tmp_path / "bad.csv"
    bad.write_text("contribution,date,aircraft,hours,tasking\nheli,gisteren,H,1,nmi\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad.csv:2: date: expected a date as YYYY-MM-DD"):
        call_command("import-log", str(bad), kind="flight", batch="bad")
    assert LogEntry.objects.count() == 5


def test_errors_are_in_dutch_by_default(contributions):
    from django.utils import translation

    with translation.override("nl"), pytest.raises(LogImportError) as caught:
        log_import_csv(kind="flight", stream=io.StringIO(rows(1) + "heli,morgen,H,1,nmi\n"), user=SYSTEM, batch="b")
    assert "<log>:3: date: verwacht een datum als JJJJ-MM-DD, gevonden 'morgen'" in caught.value.summary()
    assert caught.value.summary().endswith("er is niets weggeschreven.")
