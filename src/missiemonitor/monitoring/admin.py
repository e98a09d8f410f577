from django.contrib import admin

from missiemonitor.core.admin import RecordAdmin, RecordStackedInline
from missiemonitor.monitoring.models import (
    FieldReport,
    Finding,
    FollowUpAction,
    MonitoringVisit,
    ReportingSchedule,
)


class FindingInline(RecordStackedInline):
    model = Finding
    fields = ("key", "text", "contribution", "objective", "order")


@admin.register(MonitoringVisit)
class VisitAdmin(RecordAdmin):
    list_display = ("key", "title", "start", "end")
    inlines = [FindingInline]


@admin.register(FollowUpAction)
class ActionAdmin(RecordAdmin):
    list_display = ("key", "description", "owner", "due", "status")
    list_filter = ("status", "classification")


@admin.register(FieldReport)
class FieldReportAdmin(RecordAdmin):
    list_display = ("key", "contribution", "start", "end", "status", "submitted_at")
    list_filter = ("status", "classification")


for model in (Finding, ReportingSchedule):
    admin.site.register(model, RecordAdmin)
