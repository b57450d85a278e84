"""Staff users in the admin and the sign-in log (a citizen's username, which holds the FİN, is
masked), and the staff access log."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from oauth2_provider import models as oauth2_models

from backoffice.models import StaffAccess
from core.personal_data import fin_masked, fins_masked
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


# --- the sign-in log (django-axes): the auditor reads it; citizens' usernames hold their FİN ---


def _masked_username_admin(base):
    """`base` (one of django-axes' admins) with the username's FİN masked in the list and on the
    detail page."""

    def masked_username(self, entry):
        return fins_masked(entry.username or "")

    masked_username = admin.display(description=_("istifadəçi adı"), ordering="username")(masked_username)

    def get_object(self, request, object_id, from_field=None):
        # The page's title and breadcrumbs print the entry itself: its FİN masked in memory only
        # (nobody can change a log entry, so the masked value is never saved).
        entry = base.get_object(self, request, object_id, from_field)
        if entry is not None:
            entry.username = fins_masked(entry.username or "")
        return entry

    def has_change_permission(self, request, obj=None):
        return False

    def swapped(names):
        return tuple("masked_username" if name == "username" else name for name in names)

    return type(
        f"Masked{base.__name__}",
        (base,),
        {
            "masked_username": masked_username,
            "get_object": get_object,
            "has_change_permission": has_change_permission,
            "list_display": swapped(base.list_display),
            "readonly_fields": swapped(base.readonly_fields),
            "fieldsets": tuple(
                (title, {**options, "fields": swapped(options["fields"])})
                for title, options in base.fieldsets
            ),
            "__module__": __name__,
        },
    )


for _model, _base in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _masked_username_admin(_base))


# django-oauth-toolkit's grants and tokens (the emulated ASAN Login's name citizens) are not the
# back office's: staff decide applications. Its clients stay: superusers register e-gov.az's there
# (README "e-gov.az"); no role of the back office has their permissions.
for _model in (
    oauth2_models.get_grant_model(),
    oauth2_models.get_access_token_model(),
    oauth2_models.get_refresh_token_model(),
    oauth2_models.get_id_token_model(),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


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
