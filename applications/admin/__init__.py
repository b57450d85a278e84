"""The back office: registration-office staff review applications in the Django admin.

Applications are never added, edited or deleted here: they change only through the review
steps (workflow.py), each a service call. Staff see only what their role and office allow;
another office's application is a 404, also by URL.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from applications import numbers
from applications.admin.case import case_file
from applications.admin.changelist import (
    SEARCH_HELP,
    AssignedFilter,
    CappedCountPaginator,
    DistrictFilter,
    OverdueFilter,
    search_filter,
)
from applications.admin.workflow import STEPS, WorkflowAdminMixin
from applications.models import Application, ApplicationAccess, DocumentKind
from applications.services import application_access_record
from applications.workflow import allowed_actions, staff_name

admin.site.site_header = _("Azərişıq — arxa ofis")
admin.site.site_title = _("Azərişıq arxa ofis")
admin.site.index_title = _("Müraciətlər və abonentlər")

SUMMARY_FIELDS = [
    "number",
    "kind",
    "status",
    "office",
    "reviewer",
    "submitted_at",
    "due_date",
    "decided_at",
    "decision_reason",
    "decision_note",
]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows nobody adds, edits or deletes through the admin, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:  # missing, or outside what this user may see: the same answer
            raise Http404
        return obj


@admin.register(Application)
class ApplicationAdmin(WorkflowAdminMixin, ReadOnlyAdmin):
    # Every page (the list's names too) is recorded in the staff access log (backoffice/site.py).
    shows_personal_data = True
    list_display = [
        "number",
        "kind",
        "applicant_name",
        "district_name",
        "office",
        "status",
        "submitted_at",
        # The due date and, past it, the badge in one column: the list fits a 1366 px screen.
        "due",
        "reviewer",
    ]
    list_select_related = ["district__parent", "office", "assigned_to"]
    list_filter = [
        "status",
        "kind",
        "office",
        ("district", DistrictFilter),
        OverdueFilter,
        AssignedFilter,
    ]
    # The box is shown for this; get_search_results does the real, exact, indexed lookups.
    search_fields = ["=number"]
    search_help_text = SEARCH_HELP
    sortable_by = ["number", "submitted_at"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    list_max_show_all = 50
    actions = None
    fieldsets = [(_("Müraciət"), {"fields": SUMMARY_FIELDS})]
    readonly_fields = SUMMARY_FIELDS
    change_form_template = "admin/applications/application/change_form.html"
    change_list_template = "admin/applications/application/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def changelist_view(self, request, extra_context=None):
        # Cases the outgoing holder objected to come first, above the list (a few; indexed).
        objected = (
            self.get_queryset(request)
            .active()
            .filter(previous_holder_objected=True)
            .select_related("office")
            .order_by("submitted_at")[:20]
        )
        return super().changelist_view(request, {**(extra_context or {}), "objected": list(objected)})

    def get_list_filter(self, request):
        if request.user.has_perm("applications.view_all_offices"):
            return self.list_filter
        return [item for item in self.list_filter if item != "office"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        lookup = search_filter(search_term)
        return (queryset.filter(lookup) if lookup is not None else queryset.none()), False

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or obj.is_visible_to(request.user))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, unquote(object_id))
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        if request.method == "GET":
            application_access_record(application=application, viewer=request.user)
        context = case_file(
            application=application,
            can_see_access_log=request.user.has_perm("applications.view_applicationaccess"),
        )
        context["step_links"] = [
            (STEPS[step].label, reverse(f"admin:applications_application_{step}", args=[application.pk]))
            for step in allowed_actions(application=application, actor=request.user)
        ]
        context["registry_url"] = reverse("admin:applications_application_registry", args=[application.pk])
        context["overdue"] = application.is_overdue(timezone.localdate())
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    @admin.display(description=_("müraciətçi"))
    def applicant_name(self, application):
        return application.applicant_name

    @admin.display(description=_("rayon"), ordering="district__name")
    def district_name(self, application):
        return application.district.display_name

    @admin.display(description=_("son tarix"))
    def due(self, application):
        due = date_format(application.due_date, "SHORT_DATE_FORMAT") if application.due_date else "—"
        if application.is_overdue(timezone.localdate()):
            return format_html('{} <span class="overdue-badge">{}</span>', due, _("Vaxtı keçib"))
        return due

    @admin.display(description=_("baxan əməkdaş"))
    def reviewer(self, application):
        return staff_name(application.assigned_to) if application.assigned_to_id else "—"


@admin.register(ApplicationAccess)
class ApplicationAccessAdmin(ReadOnlyAdmin):
    """The access log: who opened which application's page, in which role, when."""

    list_display = ["viewed_at", "application", "viewer", "client", "role", "page"]
    list_select_related = ["application", "viewer", "client"]
    list_filter = ["role", "page"]
    search_fields = ["=application__number"]
    search_help_text = _("Müraciət nömrəsi (tam)")
    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    sortable_by = ["viewed_at"]
    actions = None

    def get_queryset(self, request):
        accesses = super().get_queryset(request)
        if request.user.has_perm("applications.view_all_offices"):
            return accesses
        return accesses.filter(application__office_id=request.user.office_id)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        try:
            number = numbers.normalize(search_term)
        except numbers.InvalidApplicationNumber:
            return queryset.none(), False
        return queryset.filter(application__number=number), False


@admin.register(DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    """The kinds of document an office may ask for: supervisors add them and edit their names;
    a kind no longer asked for is made inactive (files handed in keep their kind)."""

    list_display = ["name_az", "name_en", "name_ru", "code", "active", "position"]
    list_editable = ["active", "position"]
    search_fields = ["name_az", "name_en", "name_ru", "code"]
    actions = None

    def has_delete_permission(self, request, obj=None):
        return False


# e-gov.az's clients and the status events sent to them (registered with the rest of the app's admin).
from applications.admin import egov  # noqa: E402, F401
