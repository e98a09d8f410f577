"""Query-count invariants: the number of queries does not grow with the data (1x vs 5x; a query per row would show at any multiple)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from missiemonitor.accounts.models import MissionMembership, User
from missiemonitor.missions.models import Mission
from missiemonitor.missions.selectors import rotation_analysis
from missiemonitor.monitoring.attention import attention_points
from missiemonitor.monitoring.selectors import reporting_compliance
from missiemonitor.results.selectors import indicators_for_period, objective_progress
from missiemonitor.testing.factories import UserFactory
from missiemonitor.testing.world import AS_OF, END, START, build_world

CALLS = {
    "progress of all objectives in scope": lambda user: objective_progress(user=user, as_of=END),
    "attention points for a period": lambda user: attention_points(user=user, start=START, end=END, as_of=AS_OF),
    "indicators for a period": lambda user: indicators_for_period(user=user, start=START, end=END),
    "reporting compliance": lambda user: reporting_compliance(user=user, start=START, end=END, as_of=AS_OF),
    "rotation analysis": lambda user: rotation_analysis(user=user, as_of=END),
}


def measure(user_pk: int) -> dict[str, tuple[int, int]]:
    """Queries and result sizes per call, for a fresh copy of the user (nothing cached)."""
    counts = {}
    for name, call in CALLS.items():
        user = User.objects.get(pk=user_pk)
        with CaptureQueriesContext(connection) as queries:
            result = call(user)
        size = len(result.roles) if hasattr(result, "roles") else len(result)
        counts[name] = (len(queries), size)
    return counts


def join_all(user: User) -> None:
    MissionMembership.objects.bulk_create(
        [MissionMembership(user=user, mission=m) for m in Mission.objects.exclude(memberships__user=user)])


def test_query_counts_are_the_same_at_1x_and_5x(db):
    member = UserFactory(clearance=3)  # sees the world through mission memberships
    build_world(copies=1)
    join_all(member)
    small = measure(member.pk)
    build_world(copies=4, first=1)
    join_all(member)
    large = measure(member.pk)
    print({name: (small[name][0], large[name][0]) for name in CALLS})
    for name in CALLS:
        (small_queries, small_size), (large_queries, large_size) = small[name], large[name]
        assert large_size == 5 * small_size > 0, name  # the data did grow 5x
        assert large_queries == small_queries, f"{name}: {small_queries} queries at 1x, {large_queries} at 5x"
