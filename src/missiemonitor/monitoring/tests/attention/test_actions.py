import datetime as dt

from missiemonitor.testing.factories import FollowUpActionFactory, UserFactory

D = dt.date


def test_overdue_action_fires_and_turns_high_after_the_threshold(mission, run, settings):
    FollowUpActionFactory(key="a1", finding__visit__mission=mission, due=D(2025, 3, 1),
                          description="Warme overdracht regelen", owner="DOPS")
    FollowUpActionFactory(finding__visit__mission=mission, due=D(2024, 6, 1), status="in-progress")
    points = run("action-overdue")
    assert [(p.severity, p.facts["days_overdue"]) for p in points] == [("high", 333), ("medium", 60)]
    assert points[1].message_nl == ("Vervolgactie “Warme overdracht regelen” (DOPS) moest op 1 maart 2025 "
                                    "gereed zijn en is 60 dagen over tijd.")
    assert points[1].records[0] == ("monitoring.FollowUpAction", "a1")
    settings.MM_ATTENTION = {**settings.MM_ATTENTION, "ACTION_OVERDUE_HIGH_DAYS": 1000}
    assert {p.severity for p in run("action-overdue")} == {"medium"}


def test_done_cancelled_future_and_invisible_actions_are_silent(mission, run):
    FollowUpActionFactory(finding__visit__mission=mission, due=D(2024, 6, 1), status="done",
                          completed_on=D(2024, 7, 1))
    FollowUpActionFactory(finding__visit__mission=mission, due=D(2024, 6, 1), status="cancelled")
    FollowUpActionFactory(finding__visit__mission=mission, due=D(2025, 5, 15))  # due after the period
    assert run("action-overdue") == []
    FollowUpActionFactory(finding__visit__mission=mission, due=D(2024, 6, 1))
    assert run("action-overdue", user=UserFactory(clearance=3, missions=[])) == []
