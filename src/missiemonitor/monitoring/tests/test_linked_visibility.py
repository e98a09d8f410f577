"""Records linked from visible monitoring records are shown only when the user may see them
too: a finding's contribution, an action's finding and visit, a report's mission."""

from __future__ import annotations

import datetime as dt

import pytest

from missiemonitor.core.models import Classification
from missiemonitor.core.visibility import linked
from missiemonitor.monitoring.selectors import fieldreport_inbox, overdue_actions, visit_get
from missiemonitor.testing.factories import (
    ContributionFactory,
    FieldReportFactory,
    FindingFactory,
    FollowUpActionFactory,
    MissionFactory,
    MonitoringVisitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
C = Classification


@pytest.fixture
def mission():
    return MissionFactory(key="alpha")


@pytest.fixture
def reader(mission):
    return UserFactory(clearance=C.DEPARTEMENTAAL_VERTROUWELIJK, missions=[mission])


def test_a_finding_does_not_show_a_contribution_above_clearance(mission, reader):
    visit = MonitoringVisitFactory(mission=mission)
    FindingFactory(key="f-open", visit=visit, mission=mission,
                   contribution=ContributionFactory(key="secret-unit", mission=mission,
                                                    classification=C.STG_GEHEIM))
    (finding,) = visit_get(user=reader, key=visit.key).visible_findings
    assert finding.key == "f-open" and finding.contribution is None
    cleared = UserFactory(clearance=C.STG_GEHEIM, missions=[mission])
    (finding,) = visit_get(user=cleared, key=visit.key).visible_findings
    assert finding.contribution.key == "secret-unit"


def test_an_overdue_action_is_listed_only_with_its_finding_and_visit(mission, reader):
    secret = FindingFactory(key="f-secret", visit=MonitoringVisitFactory(mission=mission),
                            mission=mission, classification=C.STG_GEHEIM)
    FollowUpActionFactory(key="a-hidden", finding=secret, mission=mission, due=dt.date(2024, 1, 1))
    visit = MonitoringVisitFactory(key="v-open", mission=mission)
    FollowUpActionFactory(key="a-open", finding=FindingFactory(key="f-open", visit=visit, mission=mission),
                          mission=mission, due=dt.date(2024, 1, 1))
    (item,) = overdue_actions(user=reader, as_of=dt.date(2024, 6, 1))
    assert [ref.key for ref in item.records] == ["a-open", "f-open", "v-open"]
    assert linked(item.action, "finding").key == "f-open" and item.mission_key == "alpha"
    cleared = UserFactory(clearance=C.STG_GEHEIM, missions=[mission])
    assert len(overdue_actions(user=cleared, as_of=dt.date(2024, 6, 1))) == 2


def test_a_report_does_not_show_a_mission_above_clearance(reader):
    hidden = MissionFactory(key="bravo", classification=C.STG_GEHEIM)
    member = UserFactory(clearance=C.DEPARTEMENTAAL_VERTROUWELIJK, missions=[hidden])
    FieldReportFactory(key="r-1", contribution=ContributionFactory(mission=hidden), mission=hidden)
    (report,) = fieldreport_inbox(user=member)
    assert report.key == "r-1" and report.contribution.mission is None
