from django.contrib import admin

from missiemonitor.core.admin import RecordAdmin, RecordInline
from missiemonitor.missions.models import (
    Asset,
    Contribution,
    Location,
    Mandate,
    Milestone,
    Mission,
    PlannedContribution,
    Posting,
    Role,
)


@admin.register(Mission)
class MissionAdmin(RecordAdmin):
    list_display = ("key", "acronym", "name", "lead", "kind", "start", "end")
    list_filter = ("lead", "kind", "classification")
    search_fields = ("key", "name", "acronym")


class PlannedInline(RecordInline):
    model = PlannedContribution
    fields = ("key", "mission", "kind", "description", "planned_headcount", "start", "end")


@admin.register(Mandate)
class MandateAdmin(RecordAdmin):
    list_display = ("key", "dossier", "number", "date", "title")
    search_fields = ("key", "title", "dossier")
    inlines = [PlannedInline]


class AssetInline(RecordInline):
    model = Asset
    fields = ("key", "asset_type", "count", "count_approximately")


class MilestoneInline(RecordInline):
    model = Milestone
    fields = ("key", "kind", "date", "date_precision", "text")


@admin.register(Contribution)
class ContributionAdmin(RecordAdmin):
    list_display = ("key", "name", "mission", "kind", "ministry", "actual_headcount", "start", "end")
    list_filter = ("mission", "kind", "ministry", "classification")
    search_fields = ("key", "name")
    inlines = [AssetInline, MilestoneInline]


class PostingInline(RecordInline):
    model = Posting
    fields = ("key", "headcount", "start", "end")


@admin.register(Role)
class RoleAdmin(RecordAdmin):
    list_display = ("key", "name", "contribution", "post_kind", "headcount")
    list_filter = ("post_kind", "mission")
    search_fields = ("key", "name")
    inlines = [PostingInline]


for model in (Location, PlannedContribution, Asset, Milestone, Posting):
    admin.site.register(model, RecordAdmin)
