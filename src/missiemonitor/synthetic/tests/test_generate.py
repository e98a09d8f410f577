"""The synthetic dataset generator: deterministic, valid for the loader, and showing every
feature the bundled dataset cannot."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import transaction

from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.dataset import dataset_export, dataset_load, dataset_load_text
from missiemonitor.interchange.dataset.yamlio import dump_yaml
from missiemonitor.synthetic.generator import (
    generate_dataset_text,
    generate_document,
    make_options,
    write_document,
)
from missiemonitor.synthetic.generator.logs import HEADERS

# Three missions over two years: small enough to load in a second, large enough that every
# feature occurs (the generator forces each one into every mission where it can).
SMALL = {"missions": 3, "years": 2, "seed": 11}
WINDOW_START, WINDOW_END = dt.date(2024, 1, 1), dt.date(2025, 12, 31)


def _parse(text: str):
    return yaml.load(text, Loader=yaml.CSafeLoader)  # the C build of the safe loader


@pytest.fixture(scope="module")
def small_text() -> str:
    return generate_dataset_text(**SMALL)


@pytest.fixture
def loaded(db, small_text, tmp_path):
    path = tmp_path / "synthetic.yaml"
    path.write_text(small_text, encoding="utf-8")
    return dataset_load(path=path)


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(small_text):
    assert generate_dataset_text(**SMALL) == small_text
    assert generate_dataset_text(**{**SMALL, "seed": 12}) != small_text
    # A mission's content does not depend on how many missions are generated.
    two = _parse(generate_dataset_text(**{**SMALL, "missions": 2}))
    three = _parse(small_text)
    assert three["contributions"][: len(two["contributions"])] == two["contributions"]


def test_writing_in_chunks_equals_one_dump(small_text):
    document = generate_document(make_options(**SMALL))
    assert dump_yaml(document) == small_text
    assert small_text.startswith("format: missiemonitor-dataset\nversion: 1\n")


def test_the_generated_dataset_loads_cleanly(loaded):
    assert loaded.total_created > 500
    assert loaded.total_updated == 0


@pytest.mark.django_db
def test_missions_mandates_and_contributions(loaded):
    from missiemonitor.missions.models import (
        Contribution,
        Mandate,
        Mission,
        PlannedContribution,
        Posting,
    )

    missions = Mission.objects.all()
    assert len({m.lead for m in missions}) == 3 and len({m.kind for m in missions}) == 3
    per_mission = Counter(
        key for m in Mandate.objects.all() for key in m.missions.values_list("key", flat=True)
    )
    assert set(per_mission.values()) <= {1, 2} and 2 in per_mission.values()
    assert PlannedContribution.objects.filter(realised_by__isnull=True).exists()  # never came
    realised = [(c, p) for c in Contribution.objects.all() for p in c.realises.all()]
    assert any(c.actual_headcount != p.planned_headcount for c, p in realised)  # other size
    assert any(c.start != p.start for c, p in realised)  # other period
    assert len({c.kind for c in Contribution.objects.all()}) >= 6
    assert Contribution.objects.filter(assets__isnull=False).exists()
    assert Contribution.objects.filter(milestones__planned=True).exists()
    tours = defaultdict(list)
    gaps = overlaps = 0
    for role_id in Posting.objects.values_list("role_id", flat=True).distinct():
        postings = list(
            Posting.objects.filter(role_id=role_id).select_related("role").order_by("start")
        )
        for before, after in itertools.pairwise(postings):
            gaps += (after.start - before.end).days > 1
            overlaps += after.start <= before.end
        for posting in postings:
            tours[posting.role.post_kind].append((posting.end - posting.start).days / 30.4)
    assert gaps and overlaps
    assert 5 <= sum(tours["military-adviser"]) / len(tours["military-adviser"]) <= 6.5
    assert max(tours["civil-adviser"]) > 12 and max(tours["civil-adviser"]) <= 30.5


@pytest.mark.django_db
def test_framework_versions_conditions_and_assessments(loaded):
    from missiemonitor.results.models import (
        ConditionAssessment,
        ConditionMapping,
        Evidence,
        FrameworkVersion,
        LongTermObjective,
    )

    assert FrameworkVersion.objects.filter(supersedes__isnull=False).count() == 3
    assert LongTermObjective.objects.filter(roles__isnull=False).exists()
    assert set(ConditionMapping.objects.values_list("relation", flat=True)) == {
        "same",
        "reworded",
        "split",
        "merged",
    }
    later = LongTermObjective.objects.filter(framework_version__supersedes__isnull=False)
    conditions = [c for lto in later for c in lto.conditions.all()]
    assert any(c.retired for c in conditions)
    assert any(not c.retired and not c.mapped_from.exists() for c in conditions)  # added
    assert set(ConditionAssessment.objects.values_list("state", flat=True)) == {
        "draft",
        "submitted",
        "returned",
        "approved",
    }
    assert set(Evidence.objects.values_list("kind", flat=True)) == {
        "finding",
        "observation",
        "field-report",
        "document",
    }
    history = defaultdict(list)
    for a in (
        ConditionAssessment.objects.filter(state="approved")
        .select_related("level", "condition")
        .order_by("date")
    ):
        history[a.condition].append(a)
    assert any(
        any(b.level.rank < a.level.rank for a, b in itertools.pairwise(h)) for h in history.values()
    )
    behind = [
        c
        for c, h in history.items()
        if c.expected_by
        and c.expected_by < WINDOW_END
        and not c.retired
        and h[-1].level.rank < h[-1].level.scale.met_threshold
    ]
    assert behind  # not met past its expected date
    stale = [c for c, h in history.items() if (WINDOW_END - h[-1].date).days > 183]
    assert stale
    assert ConditionAssessment.objects.filter(state="returned").exclude(review_comment="").exists()


@pytest.mark.django_db
def test_indicators_and_observations(loaded):
    from missiemonitor.results.models import Indicator, Observation

    indicators = Indicator.objects.all()
    assert {i.direction for i in indicators} >= {"higher", "lower"}
    assert {i.aggregation for i in indicators} == {"sum", "average", "last", "max"}
    assert {i.log_kind for i in indicators} >= {"flight", "movement", "event"}
    assert indicators.filter(baseline__isnull=False, targets__isnull=False).exists()
    assert indicators.filter(programme__isnull=False).exists()
    flight = indicators.get(key="alfa-ind-vlieguren")
    assert flight.log_dimension.key == "gen-tasking"
    split = Observation.objects.filter(indicator=flight).exclude(disaggregation={})
    assert {o.disaggregation["gen-tasking"] for o in split} == {"mission", "coalition", "national"}
    assert Observation.objects.filter(approximately=True).exists()
    assert set(Observation.objects.values_list("bound", flat=True)) >= {
        "",
        "more-than",
        "at-least",
        "just-under",
    }


@pytest.mark.django_db
def test_monitoring_visits_actions_and_field_reports(loaded):
    from missiemonitor.monitoring.models import (
        FieldReport,
        FollowUpAction,
        MonitoringVisit,
        ReportingSchedule,
    )

    assert MonitoringVisit.objects.filter(findings__actions__isnull=False).exists()
    overdue = FollowUpAction.objects.filter(due__lt=WINDOW_END, status__in=["open", "in-progress"])
    assert overdue.exists()
    done = FollowUpAction.objects.filter(status="done").exclude(adjustment="")
    assert done.filter(adjusted_contribution__isnull=False).exists()
    assert done.filter(adjusted_objective__isnull=False).exists()
    assert done.filter(adjusted_mandate__isnull=False).exists()
    assert set(ReportingSchedule.objects.values_list("frequency", flat=True)) == {
        "monthly",
        "quarterly",
    }
    assert set(FieldReport.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "returned",
        "approved",
    }
    monthly = ReportingSchedule.objects.filter(frequency="monthly").first()
    reports = FieldReport.objects.filter(contribution=monthly.contribution).count()
    end = monthly.end or WINDOW_END
    expected = (end.year - monthly.start.year) * 12 + end.month - monthly.start.month + 1
    assert 0 < reports < expected  # some periods are missing
    submitted = FieldReport.objects.exclude(status="draft")
    assert not submitted.filter(submitted_at__isnull=True).exists()
    assert not FieldReport.objects.filter(status="draft", submitted_at__isnull=False).exists()
    lateness = {
        (report.submitted_at.date() - report.end).days > 20 for report in submitted
    }
    assert lateness == {True, False}  # some on time, some late


@pytest.mark.django_db
def test_context_finance_narratives_and_signatories(loaded):
    from missiemonitor.context.models import ContextEvent, Incident, ThreatAssessment
    from missiemonitor.finance.models import Expenditure
    from missiemonitor.reporting.models import NarrativeBlock, Signatory

    assert set(ContextEvent.objects.values_list("category", flat=True)) == set(
        ContextEvent.Category.values
    )
    by_subject = defaultdict(set)
    for event in ContextEvent.objects.exclude(subject=""):
        by_subject[event.subject].add(event.start)
    assert any(len(dates) > 1 for dates in by_subject.values())  # a conflict
    assert ContextEvent.objects.filter(figures__isnull=False).exists()
    assert (
        ThreatAssessment.objects.filter(change="raised").exists()
        or ThreatAssessment.objects.filter(change="lowered").exists()
    )
    assert len(set(ThreatAssessment.objects.values_list("level", flat=True))) > 1
    assert Incident.objects.exists()
    years = set(Expenditure.objects.values_list("start__year", flat=True))
    assert min(years) < WINDOW_START.year and max(years) == WINDOW_END.year  # with previous years
    assert set(Expenditure.objects.values_list("budget_source", flat=True)) >= {
        "biv",
        "hgis",
        "ministry",
    }
    assert Expenditure.objects.filter(amount__isnull=True).exists()
    blocks = NarrativeBlock.objects.all()
    for year in (2024, 2025):
        for section in NarrativeBlock._meta.get_field("section").choices:
            for language in ("nl", "en"):
                assert blocks.filter(
                    start=dt.date(year, 1, 1),
                    end=dt.date(year, 12, 31),
                    section=section[0],
                    language=language,
                ).exists(), (year, section, language)
    assert blocks.filter(text__contains="{observation:").exists()
    assert Signatory.objects.filter(start__year=2025).count() >= 2


@pytest.mark.django_db
def test_some_records_are_classified_at_every_level_and_depth(loaded):
    from missiemonitor.missions.models import Posting
    from missiemonitor.results.models import ConditionAssessment, Evidence, Observation

    levels = Counter()
    for model in (Posting, Observation, ConditionAssessment, Evidence):
        levels.update(model.objects.values_list("classification", flat=True))
    assert set(levels) == {0, 1, 2, 3}
    share = 1 - levels[0] / sum(levels.values())
    assert 0.03 < share < 0.3
    # Never lower than what a record belongs to (the loader checks it; this shows it holds).
    for evidence in Evidence.objects.select_related("assessment"):
        assert evidence.classification >= evidence.assessment.classification


@pytest.mark.django_db
def test_export_round_trip_of_generated_data_is_byte_identical(small_text):
    with transaction.atomic():
        dataset_load_text(text=small_text)
        first = dataset_export(user=SYSTEM)
        transaction.set_rollback(True)
    dataset_load_text(text=first)  # into the empty database
    assert dataset_export(user=SYSTEM) == first


def _command(tmp_path: Path, name: str, **options) -> Path:
    out = tmp_path / name
    call_command("generate", out=out / "data.yaml", logs=out / "logs", **options)
    return out


@pytest.mark.django_db
def test_logs_have_the_contract_headers_match_the_observations_and_repeat(tmp_path):
    options = {"missions": 1, "years": 1, "seed": 4}
    first, second = _command(tmp_path, "a", **options), _command(tmp_path, "b", **options)
    for kind, header in HEADERS.items():
        data = (first / "logs" / f"{kind}.csv").read_bytes()
        assert data == (second / "logs" / f"{kind}.csv").read_bytes()
        rows = list(csv.reader(data.decode().splitlines()))
        assert tuple(rows[0]) == header
        assert header[:2] == ("contribution", "date") and header[-1] == "classification"
        assert len(rows) > 100
    assert (first / "data.yaml").read_bytes() == (second / "data.yaml").read_bytes()
    with (first / "logs" / "flight.csv").open() as handle:
        flights = list(csv.DictReader(handle))
    assert len(flights) > 2000  # several thousand flights a year
    hours = sum(Decimal(row["hours"]) for row in flights)
    document = _parse((first / "data.yaml").read_text())
    total = next(o for o in document["observations"] if o["key"] == "alfa-ind-vlieguren-2025")
    assert abs(total["value"] - hours) <= 50 and total["approximately"] is True


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"missions": 0, "years": 1}, "--missions must be a whole number of at least 1"),
        ({"missions": -3, "years": 1}, "--missions must be"),
        ({"missions": 1, "years": 0}, "--years must be a whole number from 1 to 50"),
        ({"missions": 1, "years": 51}, "--years must be"),
        ({"missions": 1, "years": 1, "seed": -1}, "--seed must be a whole number of at least 0"),
        ({"missions": 1, "years": 1, "start": 1800}, "--start must be a year"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(tmp_path, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate", out=tmp_path / "x.yaml", **options)
    assert not (tmp_path / "x.yaml").exists()


def test_writing_streams_to_any_text_handle():
    import io

    buffer = io.StringIO()
    write_document(generate_document(make_options(missions=1, years=1, seed=0)), buffer)
    assert "missions:\n- key: alfa\n" in buffer.getvalue()
