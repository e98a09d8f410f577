"""The audit trail in the admin: read only. Nothing can be added, changed or deleted here (not
even by a superuser), and the list shows what :func:`~.selectors.entries_visible_to` allows,
with the changes as history shows them (values withheld above the reader's clearance)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from missiemonitor.audit.models import AuditEntry
from missiemonitor.audit.selectors import entries_as_history, entries_visible_to

if admin.site.is_registered(AuditEntry):  # django-auditlog registers its own, which may delete
    admin.site.unregister(AuditEntry)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["sequence", "timestamp", "actor_name", "channel", "command", "content_type",
                    "object_key", "action"]
    list_filter = ["channel", "action"]
    search_fields = ["object_key", "actor_name"]
    ordering = ["-sequence"]
    show_full_result_count = False
    fields = ["sequence", "timestamp", "actor_name", "channel", "command", "content_type",
              "object_key", "action", "changes_shown", "additional_data", "previous_hash",
              "entry_hash"]
    readonly_fields = fields
    actions = None

    def get_queryset(self, request: HttpRequest):
        return entries_visible_to(request.user).select_related("content_type")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("changes"))
    def changes_shown(self, obj: AuditEntry) -> str:
        model = obj.content_type.model_class()
        if model is None:
            return ""
        [entry] = entries_as_history(user=self.request_user, model=model, entries=[obj])
        rows = [(c.label, _("changed (not shown)") if c.hidden else
                 f"{c.old or '–'} → {c.new or '–'}" if not (c.added or c.removed or c.items) else
                 "; ".join([*(f"+ {k}" for k in c.added), *(f"− {k}" for k in c.removed),
                            *c.items]))
                for c in entry.changes]
        return format_html_join("", "<div><strong>{}</strong>: {}</div>", rows)

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None):
        self.request_user = request.user
        return super().get_object(request, object_id, from_field)
