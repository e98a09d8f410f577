"""The bundled demonstration dataset yields the report's critical points from its data."""

import datetime as dt

from missiemonitor.core.principals import SYSTEM
from missiemonitor.monitoring.attention import attention_points
from missiemonitor.testing import bundled as ds


def test_the_helicopter_tasking_point_and_the_election_date_conflict(db):
    ds.load_bundled_dataset()
    points = attention_points(user=SYSTEM, start=ds.REPORT_START, end=ds.REPORT_END,
                              as_of=dt.date(2025, 5, 15))

    [capacity] = [p for p in points if p.rule_id == "own-mission-capacity"]
    assert capacity.mission_key == ds.NMI
    assert ("results.Observation", ds.OBS_SHARE["nmi"]) in capacity.records
    assert capacity.facts["share"] < capacity.facts["threshold"]
    assert "circa 30%" in capacity.message_nl and "about 30%" in capacity.message_en

    conflicts = [p for p in points if p.rule_id == "conflicting-statements"
                 and p.facts.get("subject") == ds.ELECTION_SUBJECT]
    assert len(conflicts) == 1
    assert {key for _model, key in conflicts[0].records} == set(ds.ELECTION_EVENTS)
    assert "oktober 2025" in conflicts[0].message_nl and "november 2025" in conflicts[0].message_nl
    for p in points:
        print(p.rule_id, p.severity, p.message_nl)
