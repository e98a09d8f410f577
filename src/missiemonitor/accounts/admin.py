from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from missiemonitor.accounts.models import ApiToken, MissionMembership, User
from missiemonitor.accounts.tokens import token_revoke


class MembershipInline(admin.TabularInline):
    model = MissionMembership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "role", "clearance", "all_missions", "is_staff")
    list_filter = ("role", "clearance", "all_missions", "is_staff")
    inlines = [MembershipInline]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Clearance and need-to-know"), {"fields": ("role", "clearance", "all_missions")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with ``missiemonitor token create`` or the API (the secret is shown
    once); here they can be inspected and revoked."""

    list_display = ("prefix", "name", "user", "created_at", "expires_at", "revoked_at", "last_used_at")
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "name", "user__username")
    readonly_fields = ("user", "name", "prefix", "digest", "created_at", "expires_at", "revoked_at",
                       "last_used_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            token_revoke(token=token)
