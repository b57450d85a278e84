"""Staff users in the admin (a citizen's username, which holds the FİN, is masked in the list)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from core.personal_data import fin_masked
from subscribers.models import User


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    fieldsets = [*UserAdmin.fieldsets, (_("Arxa ofis"), {"fields": ["office"]})]
    list_display = ["listed_username", "first_name", "last_name", "office", "is_staff"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "office"]
    list_select_related = ["office"]

    @admin.display(description=_("istifadəçi adı"), ordering="username")
    def listed_username(self, user):
        """A citizen's username holds their FİN: masked in the list, whole on their page."""
        return user.username.replace(user.fin, fin_masked(user.fin)) if user.fin else user.username
