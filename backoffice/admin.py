"""Staff users in the admin (a citizen's username, which holds the FİN, is masked in the list), and
the staff access log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from backoffice.models import StaffAccess
from core.personal_data import fin_masked
from subscribers.models import User


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    fieldsets = [*UserAdmin.fieldsets, (_("Arxa ofis"), {"fields": ["office"]})]
    list_display = ["listed_username", "first_name", "last_name", "office", "is_staff"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "office"]
    list_select_related = ["office"]
    # Citizens are users too (their names, the FİN in the username): their pages are logged.
    shows_personal_data = True

    @admin.display(description=_("istifadəçi adı"), ordering="username")
    def listed_username(self, user):
        """A citizen's username holds their FİN: masked in the list, whole on their page."""
        return user.username.replace(user.fin, fin_masked(user.fin)) if user.fin else user.username


@admin.register(StaffAccess)
class StaffAccessAdmin(admin.ModelAdmin):
    """Who saw which back-office page with citizens' data, in which role, when. Read-only."""

    list_display = ["viewed_at", "viewer", "role", "model", "page", "objects_shown"]
    list_select_related = ["viewer"]
    list_filter = ["role", "model"]
    sortable_by = ["viewed_at"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
