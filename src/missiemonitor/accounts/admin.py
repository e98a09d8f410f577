from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from missiemonitor.accounts.models import MissionMembership, User


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
