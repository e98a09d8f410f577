import datetime as dt

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.monitoring.attention import attention_points
from missiemonitor.testing.factories import MissionFactory

START, END, AS_OF = dt.date(2024, 5, 1), dt.date(2025, 4, 30), dt.date(2025, 6, 1)


@pytest.fixture
def mission(db):
    return MissionFactory(key="nmi", acronym="NMI", name="Missie")


@pytest.fixture
def run(db):
    def run(rule_id, *, user=SYSTEM, start=START, end=END, mission_keys=None):
        return attention_points(user=user, start=start, end=end, mission_keys=mission_keys,
                                rule_ids=[rule_id], as_of=AS_OF)
    return run
