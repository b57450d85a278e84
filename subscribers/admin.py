from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from core.personal_data import email_masked, fin_masked, phone_masked
from subscribers.models import Account, District, Property, RegionalOffice, Subscriber

ALL_OFFICES = "applications.view_all_offices"


class OfficeScopedAdmin(SimpleHistoryAdmin):
    """Staff see the rows of their own office (all offices with `view_all_offices`); any
    other row, its history included, is a 404. Changes go through services, so nobody but a
    superuser edits here, and every edit is kept in the history (reverting is disabled)."""

    office_lookup: str  # from the model to its RegionalOffice
    # Every page of these rows is recorded in the staff access log (backoffice/site.py).
    shows_personal_data = True
    # Personal identifiers a history list (its columns and "Changes") shows masked.
    history_masks = {"fin": fin_masked, "contact_phone": phone_masked, "contact_email": email_masked}

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if request.user.has_perm(ALL_OFFICES):
            return rows
        if request.user.office_id is None:
            return rows.none()
        return rows.filter(**{self.office_lookup: request.user.office_id}).distinct()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self.get_object(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        # Runs on the page's records just before they are shown: mask before the deltas are taken.
        for record in historical_records:
            for field, mask in self.history_masks.items():
                if getattr(record, field, None):
                    setattr(record, field, mask(getattr(record, field)))
        super().set_history_delta_changes(request, historical_records, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.get_object(request, unquote(object_id))
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(RegionalOffice)
class RegionalOfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "economic_region"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "kind",
        "economic_region",
        "iso_code",
        "served_by_azerishiq",
        "office",
    ]
    list_filter = ["kind", "served_by_azerishiq", "economic_region"]
    list_select_related = ["parent", "office"]
    search_fields = ["name", "iso_code", "code"]


@admin.register(Subscriber)
class SubscriberAdmin(OfficeScopedAdmin):
    office_lookup = "accounts__property__district__office"
    list_display = ["listed_fin", "last_name", "first_name", "patronymic"]
    search_fields = ["=fin"]

    @admin.display(description="FİN", ordering="fin")
    def listed_fin(self, subscriber):
        return fin_masked(subscriber.fin)


@admin.register(Property)
class PropertyAdmin(OfficeScopedAdmin):
    office_lookup = "district__office"
    list_display = ["address", "kind", "district", "registry_number", "registration_number"]
    list_select_related = ["district__parent"]
    search_fields = ["=registry_number", "=registration_number"]
    # Properties keep no history table (the state registry is their record): their history
    # page is the admin's own log of edits, and there are no versions to open.
    object_history_template = None

    def history_view(self, request, object_id, extra_context=None):
        self.get_object(request, unquote(object_id))
        return admin.ModelAdmin.history_view(self, request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        raise Http404


@admin.register(Account)
class AccountAdmin(OfficeScopedAdmin):
    office_lookup = "property__district__office"
    list_display = ["subscriber_code", "holder", "status", "balance", "contract_number", "contract_start"]
    list_select_related = ["holder"]
    list_filter = ["status"]
    search_fields = ["=subscriber_code", "=holder__fin"]
    raw_id_fields = ["holder", "property"]
    history_list_display = ["holder", "contract_number", "contract_start", "contract_end", "contact_phone"]
