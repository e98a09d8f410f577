"""Shared fixtures of the reporting tests.

The bundled dataset's report is built and rendered once per test session: the dataset is
loaded inside a transaction, the view-models are built and every format is rendered, and the
transaction is rolled back, so that no other test sees the data. What the tests inspect are the
view-models and the rendered bytes, which need no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from missiemonitor.core.principals import SYSTEM
from missiemonitor.reporting.render import FORMATS, render
from missiemonitor.reporting.render.charts import ChartImages
from missiemonitor.reporting.selectors import report_build
from missiemonitor.reporting.viewmodel import Report
from missiemonitor.testing.bundled import REPORT_END, REPORT_START, load_bundled_dataset


@dataclass
class Demo:
    reports: dict[str, Report] = field(default_factory=dict)  # by language (public audience)
    files: dict[tuple[str, str], bytes] = field(default_factory=dict)  # (language, format)
    render_queries: int = 0  # queries made while rendering (there must be none)


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker) -> Demo:
    """The bundled dataset's report. Tests that use it are marked ``django_db``, so that the test
    database exists when the session first asks for it."""
    result = Demo()
    with django_db_blocker.unblock(), transaction.atomic():
        load_bundled_dataset()
        for language, formats in (("nl", list(FORMATS)), ("en", ["md", "html"])):
            report = report_build(user=SYSTEM, start=REPORT_START, end=REPORT_END, language=language,
                                  audience="public")
            result.reports[language] = report
            charts = ChartImages()
            with CaptureQueriesContext(connection) as queries:
                for fmt in formats:
                    result.files[(language, fmt)] = render(report, fmt, charts=charts)
            result.render_queries += len(queries)
        transaction.set_rollback(True)
    return result
