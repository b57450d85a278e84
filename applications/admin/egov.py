"""e-gov.az's clients in the back office: the API scopes and the webhook subscription of each
OAuth 2.0 client (django-oauth-toolkit's own admin creates the clients), and the status events
that could not be delivered, to send again. Only superusers, or staff given these models'
permissions, see any of it: no role has them."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from applications.admin import ReadOnlyAdmin
from applications.egov.models import EgovEvent, EgovSubscription
from applications.egov.services import egov_event_resend
from applications.models import ApiClientScopes


@admin.register(ApiClientScopes)
class ApiClientScopesAdmin(admin.ModelAdmin):
    list_display = ["client", "scopes"]
    list_select_related = ["client"]
    autocomplete_fields = ["client"]


@admin.register(EgovSubscription)
class EgovSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["client", "url", "is_active", "created_at"]
    list_select_related = ["client"]
    autocomplete_fields = ["client"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # a URL typed without one is HTTPS
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(EgovEvent)
class EgovEventAdmin(ReadOnlyAdmin):
    """The outbox of status events; a dead one (retries ran out) can be sent again. Each names
    its applicant's FİN: its pages are in the staff access log."""

    shows_personal_data = True

    list_display = [
        "created_at",
        "event_type",
        "application",
        "subscription",
        "status",
        "attempts",
        "last_error",
    ]
    list_select_related = ["application", "subscription__client"]
    list_filter = ["status", "event_type"]
    search_fields = ["=application__number", "=message_id"]
    readonly_fields = ["message_id", "payload", "status", "attempts", "last_error", "delivered_at"]
    actions = ["resend"]

    @admin.action(description=_("Yenidən göndər"), permissions=["resend"])
    def resend(self, request, queryset):
        resent = sum(
            egov_event_resend(event=event) for event in queryset.filter(status=EgovEvent.Status.DEAD)
        )
        messages.success(
            request,
            ngettext(
                "%(count)d hadisə yenidən növbəyə qoyuldu.",
                "%(count)d hadisə yenidən növbəyə qoyuldu.",
                resent,
            )
            % {"count": resent},
        )

    def has_resend_permission(self, request):
        return request.user.has_perm("applications.resend_egovevent")
