"""Query counts: the renderers read nothing from the database, and building a report takes the
same number of queries whatever the amount of data (1x and 5x the synthetic world)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from missiemonitor.accounts.models import User
from missiemonitor.core.principals import SYSTEM
from missiemonitor.reporting.render import FORMATS, render
from missiemonitor.reporting.render.charts import ChartImages
from missiemonitor.reporting.selectors import report_build
from missiemonitor.reporting.tests import scenario
from missiemonitor.testing.factories import UserFactory
from missiemonitor.testing.world import END, START, build_world


def test_renderers_never_query_the_database(db, django_assert_num_queries):
    scenario.build()
    report = report_build(user=SYSTEM, start=scenario.START, end=scenario.END, language="nl",
                          audience="restricted")
    charts = ChartImages()
    with django_assert_num_queries(0):
        for fmt in FORMATS:
            assert render(report, fmt, charts=charts)


def measure(user_pk: int | None) -> tuple[int, int]:
    """Queries to build the report, and the number of facts it holds."""
    user = SYSTEM if user_pk is None else User.objects.get(pk=user_pk)
    with CaptureQueriesContext(connection) as queries:
        report = report_build(user=user, start=START, end=END, language="nl", audience="restricted")
    return len(queries), sum(1 for _ in report.facts())


def test_building_takes_the_same_queries_at_1x_and_5x(db):
    member = UserFactory(clearance=3, all_missions=True)
    build_world(copies=1)
    small = {"system": measure(None), "member": measure(member.pk)}
    build_world(copies=4, first=1)
    large = {"system": measure(None), "member": measure(member.pk)}
    for who in small:
        (small_queries, small_facts), (large_queries, large_facts) = small[who], large[who]
        assert large_facts > 3 * small_facts, who  # the report did grow with the data
        assert large_queries == small_queries, f"{who}: {small_queries} queries at 1x, {large_queries} at 5x"


def test_the_comparison_takes_the_same_queries_at_1x_and_5x(db):
    """The comparison across periods (part of the report, the dashboard and the API) reads a
    fixed number of queries, whatever the number of missions, logs, postings or assessments."""
    from missiemonitor.reporting.comparison import period_comparison

    def run() -> tuple[int, int, int]:
        with CaptureQueriesContext(connection) as queries:
            result = period_comparison(user=SYSTEM, start=START, end=END)
        return len(queries), len(result.items), sum(1 for item in result.items if item.comparable)

    build_world(copies=1)
    small_queries, small_items, small_compared = run()
    build_world(copies=4, first=1)
    large_queries, large_items, large_compared = run()
    assert small_compared and large_compared > small_compared  # both periods hold data
    assert large_items > 3 * small_items
    assert large_queries == small_queries, f"{small_queries} queries at 1x, {large_queries} at 5x"
