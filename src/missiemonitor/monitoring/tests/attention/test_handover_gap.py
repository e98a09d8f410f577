import datetime as dt

from missiemonitor.testing.factories import (
    ContributionFactory,
    LongTermObjectiveFactory,
    PostingFactory,
    RoleFactory,
)

D = dt.date


def test_a_gap_on_a_role_supporting_an_objective_is_a_high_risk(mission, run):
    role = RoleFactory(key="adviser", contribution=ContributionFactory(mission=mission, name="Adviseurs"),
                       name="Adviseur MTDC", name_en="MTDC adviser")
    LongTermObjectiveFactory(framework_version__framework__mission=mission, code="LTO 6").roles.add(role)
    PostingFactory(role=role, start=D(2024, 1, 1), end=D(2024, 6, 30))
    PostingFactory(role=role, start=D(2024, 7, 15), end=D(2025, 6, 30))
    [point] = run("handover-gap")
    assert (point.severity, point.facts["days"], point.facts["kind"]) == ("high", 14, "gap")
    assert point.message_nl == ("Adviseur MTDC (Adviseurs): 14 dagen onbezet tussen het vertrek op "
                                "30 juni 2024 en de aankomst van de opvolger op 15 juli 2024. "
                                "Dit is een risico voor LTO 6.")
    assert point.message_en.startswith("MTDC adviser (Adviseurs): 14 days unstaffed")
    assert ("missions.Role", "adviser") in point.records


def test_no_successor_is_a_gap_and_month_precision_says_about(mission, run):
    role = RoleFactory(contribution=ContributionFactory(mission=mission))
    PostingFactory(role=role, start=D(2024, 5, 1), end=D(2025, 1, 31), end_precision="month")
    [point] = run("handover-gap")
    assert (point.severity, point.facts["kind"]) == ("medium", "no-successor")
    assert "circa 89 dagen" in point.message_nl


def test_seamless_rotations_and_gaps_outside_the_period_are_silent(mission, run):
    role = RoleFactory(contribution=ContributionFactory(mission=mission))
    PostingFactory(role=role, start=D(2023, 1, 1), end=D(2023, 6, 30))
    PostingFactory(role=role, start=D(2023, 8, 1), end=D(2024, 12, 31))  # gap in 2023
    PostingFactory(role=role, start=D(2024, 12, 20), end=D(2025, 12, 31))  # overlap
    assert run("handover-gap") == []
