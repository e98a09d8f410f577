"""The bundled demonstration dataset: it loads cleanly, loading it again changes nothing, an
export of it survives a round trip, its figures are the ones the progress report states, and
its narrative text keeps every figure in a placeholder.

Names and sentences are read from the data; only keys (from ``missiemonitor.testing.bundled``)
and the figures themselves appear here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.db import transaction

from missiemonitor.context.models import ContextEvent, Incident, ThreatAssessment
from missiemonitor.core.models import Source
from missiemonitor.core.principals import SYSTEM
from missiemonitor.finance.models import Expenditure
from missiemonitor.interchange.dataset import dataset_export, dataset_load_text, spec
from missiemonitor.interchange.dataset.errors import DatasetError
from missiemonitor.interchange.dataset.load import count_items, validate_text
from missiemonitor.interchange.dataset.placeholders import BLOCK_KINDS, PLACEHOLDER, section_kinds
from missiemonitor.missions.models import Asset, Contribution, Mandate, Milestone, Role
from missiemonitor.programmes.models import Programme
from missiemonitor.reporting.models import NarrativeBlock, Signatory
from missiemonitor.results.models import (
    FrameworkVersion,
    LongTermObjective,
    Objective,
    Observation,
)
from missiemonitor.testing import bundled as b

D = Decimal
CITATION_943 = "Kamerstuk 27 925, nr. 943 \u2013 d.d. 7 juli 2023"
CITATION_980 = "Kamerstuk 27 925, nr. 980 \u2013 d.d. 22 november 2024"


def _state() -> set[tuple]:
    """Every keyed record as (model, key, version, updated_at)."""
    rows = set()
    for section in spec.by_name().values():
        if section.keyed:
            rows.update(
                (section.name, *row)
                for row in section.model.objects.values_list("key", "version", "updated_at")
            )
    return rows


@pytest.mark.django_db
def test_loads_into_an_empty_database_and_a_second_load_changes_nothing():
    expected = count_items(validate_text(b.BUNDLED_DATASET.read_text(encoding="utf-8")))
    first = b.load_bundled_dataset()
    assert first.total_created == expected
    assert (first.total_updated, first.total_unchanged) == (0, 0)
    before = _state()
    second = b.load_bundled_dataset()
    assert (second.total_created, second.total_updated) == (0, 0)
    assert second.total_unchanged == expected
    assert _state() == before


@pytest.mark.django_db
def test_an_export_loaded_into_an_empty_database_exports_the_same_bytes():
    empty = transaction.savepoint_create()
    b.load_bundled_dataset()
    first = dataset_export(user=SYSTEM)
    transaction.savepoint_rollback(empty)
    assert not Contribution.objects.exists()
    dataset_load_text(text=first, filename="export.yaml")
    assert dataset_export(user=SYSTEM) == first
    # Blocks with {period:...} placeholders (which name no record) survive the export.
    assert NarrativeBlock.objects.filter(text__contains="{period:start}").count() == 2


def test_the_file_is_package_data_found_through_importlib_resources():
    assert b.BUNDLED_DATASET.is_file()
    assert b.BUNDLED_DATASET.parent.name == "datasets"


@pytest.mark.django_db
def test_a_file_may_use_a_built_in_rating_scale_without_defining_scales():
    # A regression: a reference to a record only in the database used to crash the validator.
    text = (
        "format: missiemonitor-dataset\nversion: 1\nframeworks:\n  - key: f\n    name: F\n"
        "    versions:\n      - key: v\n        label: V\n        scale: mm-five-level\n"
    )
    assert dataset_load_text(text=text).total_created == 2


@pytest.mark.django_db
def test_a_period_placeholder_names_the_start_or_the_end():
    text = (
        "format: missiemonitor-dataset\nversion: 1\nnarratives:\n  - key: n\n"
        "    section: opening\n    period: 2024\n    language: nl\n    text: x {period:middle}\n"
    )
    with pytest.raises(DatasetError) as caught:
        dataset_load_text(text=text)
    assert "{period:middle}: expected {period:start} or {period:end}" in str(caught.value)


@pytest.fixture(scope="class")
def bundled(django_db_setup, django_db_blocker):
    """The bundled dataset, loaded once for the tests of a class and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        b.load_bundled_dataset()
        yield
        transaction.set_rollback(True)


def obs(key: str) -> Observation:
    return Observation.objects.get(key=key)


def about(o, value) -> bool:
    return o.value == D(value) and o.approximately and o.bound == ""


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled")
class TestFiguresOfTheReport:
    def test_mandates_with_dates_citations_and_missions(self):
        dates = {m.key: m.date for m in Mandate.objects.all()}
        assert dates == {
            b.MANDATE_BROAD: dt.date(2023, 7, 7),
            b.MANDATE_COMMAND_HELICOPTERS: dt.date(2023, 9, 29),
            b.MANDATE_FP_EXTENSION: dt.date(2024, 11, 22),
        }
        assert Mandate.objects.get(key=b.MANDATE_BROAD).citation == CITATION_943
        assert Mandate.objects.get(key=b.MANDATE_FP_EXTENSION).citation == (CITATION_980)
        broad = Mandate.objects.get(key=b.MANDATE_BROAD)
        assert set(broad.missions.values_list("key", flat=True)) == set(b.MISSIONS)
        planned = dict(
            Mandate.objects.get(
                key=b.MANDATE_COMMAND_HELICOPTERS
            ).planned_contributions.values_list("key", "kind")
        )
        assert planned == {
            b.PLANNED_FORCE_COMMANDER: "command",
            b.PLANNED_STAFF: "staff-officers",
            b.PLANNED_HELICOPTERS: "helicopter-detachment",
        }
        assert not broad.planned_contributions.exists()  # the report says nothing it planned
        # No planned sizes or periods: the report states none.
        for p in Mandate.objects.get(key=b.MANDATE_FP_EXTENSION).planned_contributions.all():
            assert (p.planned_headcount, p.start, p.end) == (None, None, None)
        assert Contribution.objects.get(key=b.NMI_FP).realises.get().key == b.PLANNED_FP_EXTENSION

    def test_headcounts_with_circa_where_the_report_says_so(self):
        headcounts = dict(Contribution.objects.values_list("key", "actual_headcount"))
        assert headcounts == {
            b.NMI_COMMAND: None,
            b.NMI_ADVISERS: None,
            b.NMI_FP: 145,
            b.NMI_HELI: 120,
            b.OIR_SOF: 3,
            b.OIR_JOCAT_N: 2,
            b.OIR_STAFF: None,
            b.MOPA_MILAD: 1,
            b.EUAM_POLICE: 4,
            b.EUAM_CIVIL_EXPERTS: 3,
        }
        approximate = set(
            Contribution.objects.filter(headcount_approximately=True).values_list("key", flat=True)
        )
        assert approximate == {b.NMI_FP, b.NMI_HELI}
        roles = dict(Role.objects.values_list("key", "headcount"))
        assert [
            roles[k]
            for k in (b.ROLE_STAFF_CJTF, b.ROLE_STAFF_CAOC, b.ROLE_STAFF_LIAISON, b.ROLE_STAFF_CJ9)
        ] == [1, 2, 1, 2]
        assert roles[b.ROLE_JOCAT_N_TEAM_LEADER] == roles[b.ROLE_JOCAT_N_SUSTAINMENT] == 1
        assert roles[b.ROLE_MILITARY_ADVISER] is roles[b.ROLE_CIVIL_ADVISER] is None
        assert not Role.objects.filter(postings__isnull=False).exists()  # no rotation dates given
        fp = Contribution.objects.get(key=b.NMI_FP)
        assert sorted(fp.partner_nations) == ["ES", "PL"]
        assert (fp.start, fp.start_precision) == (dt.date(2024, 1, 1), "month")
        heli = Asset.objects.get(key=b.HELI_ASSET)
        assert (heli.count, heli.count_approximately, heli.contribution.key) == (
            3,
            False,
            b.NMI_HELI,
        )

    def test_milestones(self):
        last = Milestone.objects.get(key=b.MILESTONE_HELI_LAST_MISSION)
        assert (last.date, last.date_precision, last.planned) == (dt.date(2025, 4, 1), "day", False)
        handover = Milestone.objects.get(key=b.MILESTONE_FP_HANDOVER)
        assert (handover.date, handover.planned, handover.kind) == (
            dt.date(2025, 6, 30),
            True,
            "handover",
        )
        assert Milestone.objects.get(key=b.MILESTONE_HELI_REDEPLOYMENT).date is None

    def test_output_figures(self):
        assert about(obs(b.OBS_MOVEMENTS), 3000)
        hours = obs(b.OBS_FLIGHT_HOURS)
        assert about(hours, 1300) and hours.disaggregation == {}
        assert (hours.start, hours.end) == (b.REPORT_START, b.REPORT_END)
        shares = {
            o.disaggregation[b.TASKING]: o.value
            for o in Observation.objects.filter(indicator__key=b.IND_TASKING_SHARE)
        }
        assert shares == {"nmi": 30, "oir": 60, "national": 10}
        assert all(obs(key).approximately for key in b.OBS_SHARE.values())
        # The split is a share, never converted into hours.
        assert (
            not Observation.objects.filter(indicator__key=b.IND_FLIGHT_HOURS)
            .exclude(disaggregation={})
            .exists()
        )
        ops_2024, ops_2025 = obs(b.OBS_OPERATIONS_2024), obs(b.OBS_OPERATIONS_2025)
        assert about(ops_2024, 400) and (ops_2024.start, ops_2024.end) == (
            dt.date(2024, 1, 1),
            dt.date(2024, 12, 31),
        )
        assert about(ops_2025, 100) and (ops_2025.start, ops_2025.end) == (
            dt.date(2025, 1, 1),
            dt.date(2025, 4, 30),
        )
        repatriated = Observation.objects.get(indicator__key=b.IND_REPATRIATIONS)
        assert (repatriated.value, repatriated.approximately) == (15000, False)
        tours = {
            o.indicator.key: (o.value, o.bound)
            for o in Observation.objects.filter(
                indicator__key__in=[b.IND_TOUR_MILITARY, b.IND_TOUR_CIVIL]
            )
        }
        assert tours == {
            b.IND_TOUR_MILITARY: (D("0.5"), ""),
            b.IND_TOUR_CIVIL: (D("2.5"), "at-most"),
        }

    def test_programmes_and_context_figures(self):
        prospects = Programme.objects.get(key=b.PROGRAMME_PROSPECTS)
        assert (prospects.start.year, prospects.start_precision, prospects.end.year) == (
            2024,
            "year",
            2028,
        )
        by_indicator = {o.indicator.key: o for o in Observation.objects.select_related("indicator")}
        households, persons = by_indicator[b.IND_IOM_HOUSEHOLDS], by_indicator[b.IND_IOM_PERSONS]
        assert (households.value, persons.value) == (97, 632)
        assert households.start == persons.start == dt.date(2023, 1, 1)
        assert households.indicator.programme.key == b.PROGRAMME_IOM
        women = by_indicator[b.IND_NPA_WOMEN]
        assert (women.value, women.start, women.end) == (419, b.REPORT_START, b.REPORT_END)
        idps = by_indicator[b.IND_IDPS]
        assert (idps.value, idps.approximately, idps.source.key) == (
            1_100_000,
            False,
            b.SOURCE_KAMERSTUK_BROAD,
        )
        assert idps.source.citation == CITATION_943
        fighters = by_indicator[b.IND_ISIS_FIGHTERS]
        assert (fighters.value, fighters.bound, fighters.approximately) == (
            1000,
            "just-under",
            False,
        )
        # Every figure taken from the report cites it, with the passage.
        for o in Observation.objects.exclude(indicator__key=b.IND_IDPS):
            assert o.source.key == b.SOURCE_REPORT and o.source_passage

    def test_results_framework(self):
        version = FrameworkVersion.objects.get(key=b.LTO_VERSION)
        assert (version.stated_objective_count, version.basis, version.scale.key) == (
            32,
            "conditions",
            "mm-five-level",
        )
        lto = LongTermObjective.objects.get(key=b.LTO_6)
        assert lto.framework_version == version
        assert not lto.conditions.exists()  # the report states none
        assert set(lto.roles.values_list("key", flat=True)) == {
            b.ROLE_MILITARY_ADVISER,
            b.ROLE_CIVIL_ADVISER,
        }
        assert list(
            Objective.objects.filter(parent__key=b.NMI_OBJECTIVE).values_list("code", flat=True)
        ) == ["1", "2"]
        assert Objective.objects.filter(level="policy", mandate__key=b.MANDATE_BROAD).count() == 2

    def test_the_election_date_conflict_stays_visible(self):
        events = ContextEvent.objects.filter(subject=b.ELECTION_SUBJECT).order_by("key")
        assert sorted(e.key for e in events) == sorted(b.ELECTION_EVENTS)
        months = Counter((e.start, e.start_precision) for e in events)
        assert months == {(dt.date(2025, 10, 1), "month"): 1, (dt.date(2025, 11, 1), "month"): 2}
        assert all(e.planned and e.source.key == b.SOURCE_REPORT for e in events)
        assert len({e.source_passage for e in events}) == 3
        assert all(
            ("oktober 2025" if e.start.month == 10 else "november 2025") in e.source_passage
            for e in events
        )

    def test_threat_incident_and_dated_events(self):
        threat = ThreatAssessment.objects.get(key=b.THREAT_LOWERED)
        assert (threat.change, threat.level, threat.valid_from, threat.valid_from_precision) == (
            "lowered",
            None,
            dt.date(2024, 12, 1),
            "month",
        )
        incident = Incident.objects.get(key=b.INCIDENT_FP_INJURY)
        assert (incident.date, incident.date_precision, incident.contribution.key) == (
            dt.date(2024, 12, 1),
            "month",
            b.NMI_FP,
        )
        figures = {
            e.key: [f.value for f in e.figures.all()]
            for e in ContextEvent.objects.prefetch_related("figures")
        }
        assert figures["iri-attacks-2024-07-08"] == [7]
        assert figures["iri-attacks-air-base-2024"] == [3]
        assert figures["us-strike-2024-07-30"] == [4]
        dated = {e.key: (e.start, e.start_precision) for e in ContextEvent.objects.all()}
        assert dated["iri-ultimatum"] == (dt.date(2024, 7, 15), "day")
        assert dated["assad-fall"] == (dt.date(2024, 12, 8), "day")
        assert dated["pentagon-statement-2025-04-18"] == (dt.date(2025, 4, 18), "day")
        assert dated["oir-departure"] == (dt.date(2026, 9, 1), "month")
        assert dated["family-law-amendments"] == (dt.date(2025, 1, 1), "year")
        assert all(e.source_id for e in ContextEvent.objects.all())

    def test_spending_and_funding(self):
        spending = {
            e.key: (e.amount, e.budget_source, e.start, e.end) for e in Expenditure.objects.all()
        }
        year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        assert spending[b.SPENDING_NMI_2024] == (D("41400000"), "biv", *year)
        assert spending[b.SPENDING_OIR_2024] == (D("4500000"), "biv", *year)
        # The total is their sum and is not stored a second time.
        assert sum(a for a, *_ in spending.values() if a is not None) == D("45900000")
        assert not Expenditure.objects.filter(amount=D("45900000")).exists()
        funding = Expenditure.objects.filter(
            key__in=[b.FUNDING_EUAM_EU, b.FUNDING_CIVIL_EXPERTS, b.FUNDING_POLICE]
        )
        assert {(e.budget_source, e.ministry, e.amount) for e in funding} == {
            ("eu", "", None),
            ("ministry", "bz", None),
            ("hgis", "jenv", None),
        }
        assert Expenditure.objects.get(key=b.FUNDING_POLICE).budget_article.startswith(
            "artikel 31.1"
        )

    def test_signatories_and_sources(self):
        signatories = Signatory.objects.order_by("order")
        assert [(s.order, s.start, s.end) for s in signatories] == [
            (n, b.REPORT_START, b.REPORT_END) for n in (1, 2, 3)
        ]
        assert all(s.name and s.function and s.function_en for s in signatories)
        assert Source.objects.filter(key=b.SOURCE_REPORT, kind="report").exists()


def _record(kind: str, key: str):
    for name in section_kinds()[kind].split("|"):
        found = spec.by_name()[name].model.objects.filter(key=key).first()
        if found is not None:
            return found
    raise AssertionError(f"{{{kind}:{key}}} points at no record")


DATE_FIELDS = {"start", "end", "date", "valid_from", "issued", "expected_by", "due"}


def _field_holds_a_value(record, field: str) -> bool:
    if field.startswith("figure"):
        return record.figures.count() >= int(field.removeprefix("figure") or 1)
    base = re.sub(r"_(year|month)$", "", field)
    if base != field and base not in DATE_FIELDS:
        return False
    names = {f.name for f in record._meta.concrete_fields}
    return base in names and getattr(record, base) not in (None, "")


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled")
class TestNarratives:
    def test_every_placeholder_names_a_field_that_holds_a_value(self):
        for block in NarrativeBlock.objects.all():
            for match in PLACEHOLDER.finditer(block.text):
                kind, key, field = match["kind"], match["key"], match["field"]
                if kind in BLOCK_KINDS:
                    continue
                record = _record(kind, key)
                if field is not None:
                    assert _field_holds_a_value(record, field), f"{block.key}: {match[0]}"

    def test_no_figure_is_typed_into_the_text(self):
        for block in NarrativeBlock.objects.all():
            text = PLACEHOLDER.sub("", block.text)
            for name in b.NAMES_WITH_DIGITS:
                text = text.replace(name, "")
            assert not re.search(r"\d", text), f"{block.key}: {re.findall(r'.{20}\d.{20}', text)}"
            assert not re.search(r"\bcirca \{|\babout \{", block.text), block.key

    def test_english_blocks_translate_the_dutch_ones_with_the_same_placeholders(self):
        blocks = {n.key: n for n in NarrativeBlock.objects.all()}
        dutch = {k for k, n in blocks.items() if n.language == "nl"}
        assert dutch and {k.replace("nl-", "en-", 1) for k in dutch} == set(blocks) - dutch
        for key in dutch:
            nl, en = blocks[key], blocks[key.replace("nl-", "en-", 1)]
            assert (nl.section, nl.mission_id, nl.contribution_id, nl.order, bool(nl.heading)) == (
                en.section,
                en.mission_id,
                en.contribution_id,
                en.order,
                bool(en.heading),
            )
            assert (nl.start, nl.end) == (en.start, en.end) == (b.REPORT_START, b.REPORT_END)
            assert Counter(PLACEHOLDER.findall(nl.text)) == Counter(PLACEHOLDER.findall(en.text)), (
                key
            )

    def test_every_contribution_has_its_text(self):
        described = set(
            NarrativeBlock.objects.filter(section="contribution", language="nl").values_list(
                "contribution__key", flat=True
            )
        )
        assert described == set(b.CONTRIBUTIONS) - {b.MOPA_MILAD}  # MoPA is one paragraph
        assert set(
            NarrativeBlock.objects.filter(section="mission", language="nl").values_list(
                "mission__key", flat=True
            )
        ) == set(b.MISSIONS)
