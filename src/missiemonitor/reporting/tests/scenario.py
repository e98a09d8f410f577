"""A small synthetic reporting scope for the reporting tests: one mission with two
contributions, figures with and without "circa", a breakdown, context, a framework with
assessed conditions, spending over two years, and a few classified records whose values are
distinctive so that a leak would show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from missiemonitor.core.models import Classification
from missiemonitor.testing import factories as f

START, END = dt.date(2024, 5, 1), dt.date(2025, 4, 30)
# Values only classified records hold; none may appear in a public report.
SECRET_HEADCOUNT = 4321
SECRET_OBSERVATION = Decimal("8765")
SECRET_AMOUNT = Decimal("7300000")  # € 7,3 miljoen
SECRET_EVENT = "Geheime gebeurtenis Zulu"


def build(scale: int = 1) -> dict:
    """Create the scope; ``scale`` repeats the missions (for the query-count test)."""
    made: dict = {}
    mandate = f.MandateFactory(key="mandate-a", title="Artikel 100-brief over de inzet in Testland",
                               short_title="de artikel 100-brief over de inzet in Testland",
                               dossier="27925", number=900, date=dt.date(2023, 7, 7))
    made["mandate"] = mandate
    scale_ = f.RatingScaleFactory(key="scale-a")
    dimension = f.DimensionFactory(key="tasking", name="Taakstelling", values=["alpha", "beta", "home"])
    for n in range(scale):
        suffix = "" if n == 0 else f"-{n}"
        mission = f.MissionFactory(key=f"tm{suffix}", name=f"Testlandmissie{suffix}", acronym=f"TM{suffix}",
                                   area="Testland", description="Een adviesmissie in Testland.")
        mandate.missions.add(mission)
        fp = f.ContributionFactory(key=f"tm-fp{suffix}", mission=mission, name="Beveiligingseenheid",
                                   kind="force-protection", actual_headcount=145, headcount_approximately=True,
                                   start=dt.date(2024, 1, 1), start_precision="month",
                                   end=dt.date(2025, 6, 30))
        heli = f.ContributionFactory(key=f"tm-heli{suffix}", mission=mission, name="Helikopterdetachement",
                                     kind="helicopter-detachment", actual_headcount=120,
                                     headcount_approximately=True, start=dt.date(2024, 5, 1),
                                     start_precision="month", end=dt.date(2025, 4, 30), order=1)
        civil = f.ContributionFactory(key=f"tm-civ{suffix}", mission=mission, name="Civiele experts",
                                      kind="civil-experts", ministry="bz", actual_headcount=3, order=2)
        f.ContributionFactory(key=f"tm-sof{suffix}", mission=mission, name="Geheime eenheid",
                                       kind="special-forces", actual_headcount=SECRET_HEADCOUNT, order=3,
                                       classification=Classification.STG_CONFIDENTIEEL)
        fp.mandates.add(mandate)
        f.AssetFactory(key=f"tm-heli-assets{suffix}", contribution=heli, asset_type="transporthelikopters", count=3)
        f.MilestoneFactory(key=f"tm-heli-last{suffix}", contribution=heli, date=dt.date(2025, 4, 1),
                           text="Laatste vlucht van het detachement")
        f.IncidentFactory(key=f"tm-fp-injury{suffix}", contribution=fp, date=dt.date(2024, 12, 1),
                          date_precision="month", description="Een militair raakte gewond tijdens een oefening",
                          outcome="De militair hervatte de uitzending")
        moves = f.IndicatorFactory(key=f"tm-fp-moves{suffix}", mission=mission, contribution=fp,
                                   name="Verplaatsingen", unit="verplaatsingen")
        f.ObservationFactory(key=f"tm-fp-moves-obs{suffix}", indicator=moves, value=Decimal("3000"),
                             approximately=True)
        hours = f.IndicatorFactory(key=f"tm-heli-hours{suffix}", mission=mission, contribution=heli,
                                   name="Vlieguren", unit="vlieguren")
        hours.dimensions.add(dimension)
        f.ObservationFactory(key=f"tm-heli-hours-total{suffix}", indicator=hours, value=Decimal("1300"),
                             approximately=True)
        for code, value in (("alpha", 390), ("beta", 780), ("home", 130)):
            f.ObservationFactory(key=f"tm-heli-hours-{code}{suffix}", indicator=hours, value=Decimal(value),
                                 disaggregation={"tasking": code})
        ops = f.IndicatorFactory(key=f"tm-ops{suffix}", mission=mission, contribution=civil,
                                 name="Operaties", unit="operaties")
        f.ObservationFactory(key=f"tm-ops-2024{suffix}", indicator=ops, value=Decimal("400"), approximately=True,
                             start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
        f.ObservationFactory(key=f"tm-ops-2025{suffix}", indicator=ops, value=Decimal("100"), approximately=True,
                             start=dt.date(2025, 1, 1), end=dt.date(2025, 4, 30))
        f.ObservationFactory(key=f"tm-ops-secret{suffix}", indicator=ops, value=SECRET_OBSERVATION,
                             start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 30),
                             classification=Classification.DEPARTEMENTAAL_VERTROUWELIJK)
        version = f.FrameworkVersionFactory(key=f"tm-v1{suffix}", framework__mission=mission,
                                            framework__key=f"tm-fw{suffix}", label="2024", scale=scale_,
                                            stated_objective_count=12)
        lto = f.LongTermObjectiveFactory(key=f"tm-lto1{suffix}", framework_version=version, code="LTO 1",
                                         title="Onderwijsstructuren")
        met_level = scale_.levels.get(code="met")
        for i in range(3):
            condition = f.ConditionFactory(key=f"tm-c{i}{suffix}", objective=lto, code=f"C{i}")
            f.ConditionAssessmentFactory(key=f"tm-a{i}{suffix}", condition=condition,
                                         level=met_level if i < 2 else scale_.levels.get(code="partly"))
        f.ExpenditureFactory(key=f"tm-spend-2024{suffix}", mission=mission, amount=Decimal("41400000"))
        f.ExpenditureFactory(key=f"tm-spend-2023{suffix}", mission=mission, amount=Decimal("38100000"),
                             start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
        f.ExpenditureFactory(key=f"tm-spend-secret{suffix}", mission=mission, amount=SECRET_AMOUNT,
                             budget_source="hgis", classification=Classification.STG_GEHEIM)
        f.ContextEventFactory(key=f"tm-ev-ultimatum{suffix}", mission=mission, category="militias",
                              start=dt.date(2024, 7, 15), title="Ultimatum verliep")
        f.ContextEventFactory(key=f"tm-ev-secret{suffix}", mission=mission, category="security",
                              start=dt.date(2024, 9, 2), title=SECRET_EVENT,
                              classification=Classification.STG_CONFIDENTIEEL)
        f.ThreatAssessmentFactory(key=f"tm-threat-1{suffix}", mission=mission, level=4,
                                  valid_from=dt.date(2024, 3, 1), valid_from_precision="month")
        f.ThreatAssessmentFactory(key=f"tm-threat-2{suffix}", mission=mission, level=3, change="lowered",
                                  valid_from=dt.date(2024, 12, 1), valid_from_precision="month")
        visit = f.MonitoringVisitFactory(key=f"tm-visit{suffix}", mission=mission, title="Monitoringsbezoek Testland")
        finding = f.FindingFactory(key=f"tm-finding{suffix}", visit=visit, mission=mission,
                                   text="De context blijft complex")
        f.FollowUpActionFactory(key=f"tm-action{suffix}", finding=finding, mission=mission,
                                adjustment="De overdracht tussen adviseurs is verlengd")
        made.setdefault("missions", []).append(mission)
    f.SignatoryFactory(key="sig-1", name="A. Minister", function="De minister van Defensie", order=1)
    f.SignatoryFactory(key="sig-2", name="B. Minister", function="De minister van Buitenlandse Zaken", order=2)
    f.NarrativeBlockFactory(key="nar-essence", section="essence",
                            text="Deze rapportage gaat over {mission:tm}. Het mandaat{cite:mandate-a} "
                                 "blijft leidend.\n\nDe eenheid telde {contribution:tm-fp.actual_headcount} "
                                 "militairen. Een geheim cijfer: {observation:tm-ops-secret}.")
    return made


def classified_models() -> list:
    """The models of which the scenario holds classified records."""
    from missiemonitor.context.models import ContextEvent
    from missiemonitor.finance.models import Expenditure
    from missiemonitor.missions.models import Contribution
    from missiemonitor.results.models import Observation

    return [Contribution, Observation, Expenditure, ContextEvent]
