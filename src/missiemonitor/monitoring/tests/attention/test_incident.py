import datetime as dt

from missiemonitor.testing.factories import ContributionFactory, IncidentFactory

D = dt.date


def test_incidents_in_the_period_with_their_severity_mapped(mission, run):
    fp = ContributionFactory(mission=mission, name="Force protection")
    IncidentFactory(key="leg", contribution=fp, mission=mission, date=D(2024, 12, 1), date_precision="month",
                    description="Militair gewond aan been tijdens schietoefening",
                    description_en="Soldier injured in the leg during a shooting exercise")
    IncidentFactory(contribution=fp, mission=mission, date=D(2025, 1, 5), severity="fatal",
                    incident_type="attack")
    minor, fatal = sorted(run("incident"), key=lambda p: p.date)
    assert (minor.severity, fatal.severity) == ("low", "high")
    assert minor.message_nl == ("Incident in december 2024 bij Force protection (letsel, licht): "
                                "Militair gewond aan been tijdens schietoefening")
    assert minor.message_en == ("Incident in December 2024 at Force protection (injury, minor): "
                                "Soldier injured in the leg during a shooting exercise")
    assert minor.records == (("context.Incident", "leg"),)


def test_incidents_outside_the_period_are_silent(mission, run):
    IncidentFactory(contribution=ContributionFactory(mission=mission), mission=mission, date=D(2024, 4, 30))
    assert run("incident") == []


def test_the_message_does_not_name_a_contribution_the_user_may_not_see(mission, run):
    from missiemonitor.core.models import Classification
    from missiemonitor.testing.factories import UserFactory

    secret = ContributionFactory(mission=mission, name="Geheime eenheid",
                                 classification=Classification.STG_GEHEIM)
    IncidentFactory(contribution=secret, mission=mission, date=D(2024, 12, 1))
    reader = UserFactory(clearance=Classification.STG_CONFIDENTIEEL, all_missions=True)
    (point,) = run("incident", user=reader)
    assert "Geheime eenheid" not in point.message_nl + point.message_en
    assert point.message_en.startswith("Incident on 1 December 2024 (injury, minor)")
    (point,) = run("incident")  # the system sees the contribution
    assert "Geheime eenheid" in point.message_en
