from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from missiemonitor.accounts.models import ApiToken, MissionMembership, User
from missiemonitor.accounts.tokens import token_revoke
from missiemonitor.core.admin import VisibleMixin
from missiemonitor.core.permissions import can_manage_users


class MembershipInline(VisibleMixin, admin.TabularInline):
    """Memberships; the missions offered and shown are those the administrator may see (the
    others stay as they are)."""

    model = MissionMembership
    extra = 0

    def get_queryset(self, request):
        missions = MissionMembership._meta.get_field("mission").related_model.objects.visible_to(request.user)
        return super().get_queryset(request).filter(mission__in=missions)


class ManagedByUserAdmins:
    """Users, their clearances and memberships are managed by those
    :func:`~missiemonitor.core.permissions.can_manage_users` allows, whatever their Django
    permissions say."""

    def has_view_permission(self, request, obj=None):
        return can_manage_users(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return can_manage_users(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return can_manage_users(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_manage_users(request.user) and super().has_delete_permission(request, obj)

    def has_module_permission(self, request):
        return can_manage_users(request.user) and super().has_module_permission(request)


@admin.register(User)
class UserAdmin(ManagedByUserAdmins, BaseUserAdmin):
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

    list_display = ("prefix", "name", "user", "scope", "created_at", "expires_at", "revoked_at",
                    "last_used_at")
    list_filter = ("scope", "revoked_at")
    search_fields = ("prefix", "name", "user__username")
    readonly_fields = ("user", "name", "prefix", "digest", "scope", "created_at", "expires_at",
                       "revoked_at", "last_used_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            token_revoke(token=token)
