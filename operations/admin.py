"""The maintenance switch in the back office: staff with `operations.switch_maintenance` only."""

from django.contrib import admin

from operations.models import Maintenance
from operations.services import maintenance_switch


@admin.register(Maintenance)
class MaintenanceAdmin(admin.ModelAdmin):
    fields = ["new_applications_closed", "message_az", "message_en", "message_ru", "expected_end"]
    readonly_fields = ["changed_by", "changed_at"]
    list_display = ["__str__", "expected_end", "changed_at"]

    def _may_switch(self, request) -> bool:
        return request.user.has_perm("operations.switch_maintenance")

    def has_module_permission(self, request):
        return self._may_switch(request)

    def has_view_permission(self, request, obj=None):
        return self._may_switch(request)

    def has_change_permission(self, request, obj=None):
        return self._may_switch(request)

    def has_add_permission(self, request):
        return self._may_switch(request) and not Maintenance.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # The service is the one write path: it keeps the single row and logs the switch.
        saved = maintenance_switch(
            actor=request.user,
            closed=obj.new_applications_closed,
            message_az=obj.message_az,
            message_en=obj.message_en,
            message_ru=obj.message_ru,
            expected_end=obj.expected_end,
        )
        obj.pk = saved.pk
