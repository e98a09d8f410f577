"""Loading dataset files: every kind of bad input is refused with its place and changes
nothing; a good file loads, loads again without change, and survives an export round trip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.dataset import dataset_export, dataset_load
from missiemonitor.missions.models import Contribution, Mandate, Mission
from missiemonitor.results.models import Observation
from missiemonitor.testing.dbstate import database_checksum, empty_database

DATA = Path(__file__).parent / "data"
SMALL = DATA / "small.yaml"

pytestmark = pytest.mark.django_db


def _load_error(path: Path) -> str:
    with pytest.raises(CommandError) as info:
        call_command("load", str(path))
    return str(info.value)


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = SMALL.read_text()
    assert old in text, old
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


def test_valid_file_loads_everything():
    stats = dataset_load(path=SMALL)
    assert stats.total_created == 23
    contribution = Contribution.objects.get(key="fp")
    assert contribution.actual_headcount == 145 and contribution.headcount_approximately
    assert contribution.mission.key == "m1"
    assert contribution.start_precision == "month" and str(contribution.end) == "2025-06-30"
    assert sorted(contribution.partner_nations) == ["ES", "PL"]
    assert Mandate.objects.get(key="kst-1").dossier == "27925"
    observation = Observation.objects.get(key="fp-moves-nmi")
    assert observation.mission.key == "m1"  # taken over from its indicator
    assert observation.classification == 1
    assert observation.disaggregation == {"tasking": "nmi"}


def test_loading_twice_changes_nothing():
    dataset_load(path=SMALL)
    before = database_checksum()
    stats = dataset_load(path=SMALL)
    assert (stats.total_created, stats.total_updated) == (0, 0)
    assert stats.total_unchanged == 23
    assert database_checksum() == before


def test_changed_value_updates_and_bumps_version(tmp_path):
    dataset_load(path=SMALL)
    stats = dataset_load(path=_variant(tmp_path, "actual_headcount: 145", "actual_headcount: 150"))
    assert stats.total_updated == 1
    contribution = Contribution.objects.get(key="fp")
    assert (contribution.actual_headcount, contribution.version) == (150, 2)


def test_export_round_trip_is_byte_identical(tmp_path):
    dataset_load(path=SMALL)
    first = dataset_export(user=SYSTEM)
    empty_database()
    assert not Mission.objects.exists()
    path = tmp_path / "export.yaml"
    path.write_text(first)
    dataset_load(path=path)
    assert dataset_export(user=SYSTEM) == first


def test_export_of_one_mission_is_loadable_and_closed(tmp_path):
    dataset_load(path=SMALL)
    text = dataset_export(user=SYSTEM, mission_keys=["m2"])
    assert "key: m2" in text and "key: m1" not in text and "key: fp" not in text
    empty_database()
    path = tmp_path / "m2.yaml"
    path.write_text(text)
    dataset_load(path=path)
    assert list(Mission.objects.values_list("key", flat=True)) == ["m2"]


BAD_INPUTS = {
    "dangling reference": (
        "    mission: m1\n    name: Force protection",
        "    mission: nmi2\n    name: Force protection",
        r":\d+: contributions\[0\]\.mission: unknown key 'nmi2'",
    ),
    "duplicate key": ("  - key: m2\n", "  - key: m1\n", r":\d+: missions\[1\]\.key: duplicate key 'm1'"),
    "end before start": ("    end: 2025-06-30", "    end: 2023-12-31",
                         r":\d+: contributions\[0\]\.end: ends \(2023-12-31\) before it starts"),
    "negative headcount": ("actual_headcount: 145", "actual_headcount: -145",
                           r":\d+: contributions\[0\]\.actual_headcount: must not be below 0"),
    "negative amount": ("amount: 41400000", "amount: -41400000",
                        r":\d+: expenditures\[0\]\.amount: must not be negative"),
    "unknown classification": ("classification: departementaal-vertrouwelijk", "classification: topgeheim",
                               r":\d+: observations\[1\]\.classification: unknown classification 'topgeheim'"),
    "unknown enum value": ("    lead: nato", "    lead: natoo",
                           r":\d+: missions\[0\]\.lead: unknown value 'natoo'"),
    "wrong type": ("actual_headcount: 145", "actual_headcount: veel",
                   r":\d+: contributions\[0\]\.actual_headcount: expected a whole number, got text"),
    "unknown field": ("    acronym: M2\n", "    acronyn: M2\n",
                      r":\d+: missions\[1\]\.acronyn: unknown field 'acronyn'; did you mean 'acronym'\?"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_refused_with_its_place_and_changes_nothing(case, tmp_path):
    dataset_load(path=SMALL)
    before = database_checksum()
    old, new, expected = BAD_INPUTS[case]
    message = _load_error(_variant(tmp_path, old, new))
    assert re.search(expected, message), message
    assert "nothing was written" in message
    assert database_checksum() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("format: missiemonitor-dataset\nversion: 1\nmissions: [\n", r"variant\.yaml:\d+: not valid YAML"),
        ("", r"variant\.yaml:1: the file is empty"),
        ("   \n\n", r"variant\.yaml:1: the file is empty"),
        ("just some text\n", r"expected a mapping of sections at the top, got text"),
        ("format: missiemonitor-dataset\nversion: 7\n", r":2: version: this Missiemonitor reads format version 1"),
        ("format: other\nversion: 1\n", r":1: format: expected 'format: missiemonitor-dataset'"),
        ("format: missiemonitor-dataset\nversion: 1\nmissions: &a [*a]\n", r"anchors and aliases are not allowed"),
        ("format: missiemonitor-dataset\nversion: 1\nmission: []\n",
         r":3: mission: unknown section 'mission'; did you mean 'missions'\?"),
    ],
    ids=["not yaml", "empty", "blank", "not a mapping", "wrong version", "wrong format", "aliases",
         "unknown section"],
)
def test_malformed_files_are_refused(content, expected, tmp_path):
    dataset_load(path=SMALL)
    before = database_checksum()
    path = tmp_path / "variant.yaml"
    path.write_text(content)
    message = _load_error(path)
    assert re.search(expected, message), message
    assert database_checksum() == before


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    dataset_load(path=SMALL)
    before = database_checksum()
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    message = _load_error(path)
    assert "the file is 52.4 MB; the limit is" in message
    assert database_checksum() == before


def test_all_errors_are_reported_at_once(tmp_path):
    path = _variant(tmp_path, "    lead: nato", "    lead: natoo")
    path.write_text(path.read_text().replace("actual_headcount: 145", "actual_headcount: -1")
                    .replace("    mission: m1\n    name: Force", "    mission: zz\n    name: Force"))
    message = _load_error(path)
    assert "missions[0].lead" in message and "contributions[0].actual_headcount" in message
    assert "unknown key 'zz'" in message and "3 errors; nothing was written." in message


def test_references_may_point_into_the_database(tmp_path):
    dataset_load(path=SMALL)
    path = tmp_path / "extra.yaml"
    path.write_text(
        "format: missiemonitor-dataset\nversion: 1\n"
        "incidents:\n  - key: inc-1\n    contribution: fp\n    mission: m1\n    date: 2024-12\n"
        "    incident_type: injury\n    severity: minor\n    description: Gewond bij oefening\n"
    )
    dataset_load(path=path)
    from missiemonitor.context.models import Incident

    assert Incident.objects.get(key="inc-1").contribution.key == "fp"


def test_classification_may_not_be_lower_than_owner(tmp_path):
    path = _variant(tmp_path, "      - key: fp-rot1\n", "      - key: fp-rot1\n        classification: ongerubriceerd\n")
    path.write_text(path.read_text().replace(
        "    name: FP-eenheid\n", "    name: FP-eenheid\n    classification: stg-confidentieel\n"))
    message = _load_error(path)
    assert "roles[0].postings[0].classification: is ongerubriceerd, lower than stg-confidentieel" in message


def _incident_file(tmp_path: Path, mission_line: str) -> Path:
    path = tmp_path / "incident.yaml"
    path.write_text(
        "format: missiemonitor-dataset\nversion: 1\n"
        f"incidents:\n  - key: inc-1\n    contribution: fp\n{mission_line}    date: 2024-12\n"
        "    incident_type: injury\n    severity: minor\n    description: Gewond bij oefening\n"
    )
    return path


def test_a_record_about_a_contribution_takes_its_mission(tmp_path):
    from missiemonitor.context.models import Incident

    dataset_load(path=SMALL)
    dataset_load(path=_incident_file(tmp_path, ""))
    assert Incident.objects.get(key="inc-1").mission.key == "m1"


def test_a_record_for_another_mission_than_its_contribution_is_refused(tmp_path):
    dataset_load(path=SMALL)
    message = _load_error(_incident_file(tmp_path, "    mission: m2\n"))
    assert "incidents[0].contribution: contribution 'fp' belongs to mission 'm1', not to 'm2'" in message


@pytest.mark.django_db(transaction=True)
def test_a_load_locks_the_rows_it_read_until_it_commits(tmp_path):
    """An edit between the load's read of a row and its write would be overwritten (a lost
    update): the load holds the rows it read, so a concurrent writer has to wait."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite transactions are IMMEDIATE: writers are serialised anyway")
    import psycopg

    dataset_load(path=SMALL)
    settings = connection.settings_dict
    other = psycopg.connect(dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"] or None,
                            port=settings["PORT"] or None, password=settings["PASSWORD"] or None,
                            autocommit=True)
    outcomes = []

    def concurrent_edit(_count):  # after each section: try to edit a contribution
        other.execute("SET lock_timeout = '200ms'")
        try:  # what an edit does: lock the row, then write it
            other.execute("UPDATE missions_contribution SET version = version + 1 WHERE key = 'fp'")
            outcomes.append("written")
        except psycopg.errors.LockNotAvailable:
            outcomes.append("waits")

    path = _variant(tmp_path, "actual_headcount: 145", "actual_headcount: 145")  # unchanged rows
    try:
        dataset_load(path=path, progress=concurrent_edit)
    finally:
        other.close()
    # before the load reached the contributions, the edit went through; after, it had to wait
    assert outcomes[0] == "written" and outcomes[-1] == "waits"


EVIDENCE_FILE = """format: missiemonitor-dataset
version: 1
frameworks:
  - key: fw
    name: Raamwerk
    versions:
      - key: fw-v1
        label: Versie 1
        scale: mm-five-level
long_term_objectives:
  - key: lto
    framework_version: fw-v1
    code: LTO 1
    title: Doel
    conditions:
      - key: cond
        text: Voorwaarde
monitoring_visits:
  - key: visit
    title: Bezoek
    start: 2024-08
    findings:
      - key: secret-finding
        text: Bevinding
        classification: stg-geheim
assessments:
  - key: assessment
    condition: cond
    level: met
    date: 2024-09-01
    evidence:
      - key: evidence
        kind: finding
        finding: secret-finding
        classification: stg-confidentieel
"""


def test_evidence_may_not_be_classified_lower_than_what_it_cites(tmp_path):
    path = tmp_path / "evidence.yaml"
    path.write_text(EVIDENCE_FILE)
    message = _load_error(path)
    assert ("assessments[0].evidence[0].classification: is stg-confidentieel, lower than "
            "stg-geheim of the finding 'secret-finding' it cites") in message
