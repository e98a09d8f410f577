import datetime as dt

from django.utils import timezone

from missiemonitor.testing.factories import (
    ContributionFactory,
    FieldReportFactory,
    ReportingScheduleFactory,
)

D = dt.date


def submitted(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def schedule(mission):
    contribution = ContributionFactory(key="fp", mission=mission, name="Force protection")
    ReportingScheduleFactory(contribution=contribution, start=D(2024, 5, 1), end=D(2024, 7, 31), due_days=10)
    return contribution


def test_missing_and_late_reports_one_point_per_contribution(mission, run):
    contribution = schedule(mission)
    FieldReportFactory(contribution=contribution, start=D(2024, 6, 1), end=D(2024, 6, 30),
                       status="approved", submitted_at=submitted(D(2024, 7, 20)))
    [missing] = run("field-report-missing")
    assert missing.message_nl == "Force protection: 2 van de 3 geplande veldrapportages ontbreken (mei 2024 en juli 2024)."
    assert missing.message_en == "Force protection: 2 of 3 scheduled field reports are missing (May 2024 and July 2024)."
    [late] = run("field-report-late")
    assert late.severity == "low"
    assert late.message_en == "Force protection: 1 field report was submitted late (June 2024; up to 10 days after the due date)."


def test_silent_when_every_report_came_in_on_time(mission, run):
    contribution = schedule(mission)
    for month in (5, 6, 7):
        FieldReportFactory(contribution=contribution, start=D(2024, month, 1), end=D(2024, month, 28),
                           status="submitted", submitted_at=submitted(D(2024, month + 1, 2)))
    assert run("field-report-missing") == [] and run("field-report-late") == []
