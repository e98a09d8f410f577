from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as OtpTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from missiemonitor.accounts.models import ApiToken, MissionMembership, User
from missiemonitor.accounts.tokens import token_revoke_as
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
class ApiTokenAdmin(ManagedByUserAdmins, admin.ModelAdmin):
    """Tokens are created with ``missiemonitor token create`` or the API (the secret is shown
    once); here those who manage users inspect them and revoke those of the users they may
    change (:func:`~missiemonitor.accounts.tokens.token_revoke_as`, as on a user's page)."""

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
        refusals = set()
        for token in queryset.select_related("user"):
            try:
                token_revoke_as(actor=request.user, owner=token.user, prefix=token.prefix)
            except PermissionDenied as exc:
                refusals.add(str(exc))
        for refusal in sorted(refusals):
            self.message_user(request, refusal, messages.ERROR)


if admin.site.is_registered(TOTPDevice):  # django-otp's own lets anyone with its permissions edit
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(ManagedByUserAdmins, OtpTOTPDeviceAdmin):
    """Authenticator apps, for those who manage users to look at. Nobody adds, changes or deletes
    one here, whatever their permissions say: the owner sets one up on their account page, and
    an administrator removes a user's with "reset" on the user's page, under the rules of
    :mod:`missiemonitor.accounts.twofactor` (not for users cleared above them). A key is never
    shown (``OTP_ADMIN_HIDE_SENSITIVE_DATA``)."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
