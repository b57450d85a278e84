from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Account, District, Property, RegionalOffice, Subscriber, User

admin.site.register(User, UserAdmin)


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
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["fin", "last_name", "first_name", "patronymic"]
    search_fields = ["=fin"]


@admin.register(Property)
class PropertyAdmin(admin.ModelAdmin):
    list_display = ["address", "kind", "district", "registry_number", "registration_number"]
    list_select_related = ["district__parent"]
    search_fields = ["=registry_number", "=registration_number"]


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ["subscriber_code", "holder", "status", "balance", "contract_number"]
    list_select_related = ["holder"]
    list_filter = ["status"]
    search_fields = ["=subscriber_code", "=holder__fin"]
    raw_id_fields = ["holder", "property"]
