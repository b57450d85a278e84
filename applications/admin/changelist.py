"""The application list at a million rows: exact indexed search, cheap filters, a bounded count."""

import re

from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from applications import numbers
from integrations.billing.base import SUBSCRIBER_CODE_PATTERN
from integrations.registry.base import FIN_PATTERN
from subscribers.models import District

SEARCH_HELP = _("Müraciət nömrəsi (tire ilə və ya tiresiz), abonent kodu və ya FİN — tam yazın.")


def search_filter(term: str) -> Q | None:
    """The exact, indexed lookup a typed term stands for; None when it is none of the three."""
    term = term.strip()
    if re.fullmatch(SUBSCRIBER_CODE_PATTERN, term):
        return Q(subscriber_code=term)
    # A FİN has no I or O, so ASCII upper-casing is safe here (names are never upper-cased).
    fin = term.replace(" ", "").upper()
    if re.fullmatch(FIN_PATTERN, fin):
        return Q(applicant_fin=fin)
    try:
        return Q(number=numbers.normalize(term))
    except numbers.InvalidApplicationNumber:
        return None


class CappedCountPaginator(Paginator):
    """Counts at most CAP matching rows (SELECT COUNT(*) over a LIMITed subquery), so a page
    of a million-row list never counts the whole table. Past the cap the list says "10 000+"
    and the pages stop there: narrow the list with a filter or a search."""

    CAP = 10_000

    @cached_property
    def counted(self) -> int:
        return self.object_list.order_by()[: self.CAP + 1].count()

    @property
    def count(self) -> int:
        return min(self.counted, self.CAP)

    @property
    def capped(self) -> bool:
        return self.counted > self.CAP


class OverdueFilter(admin.SimpleListFilter):
    title = _("vaxtı keçib")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Vaxtı keçənlər"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue(timezone.localdate())
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = _("baxan əməkdaş")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Mənə verilənlər")), ("nobody", _("Heç kimə verilməyənlər"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class DistrictFilter(admin.RelatedFieldListFilter):
    """The districts the user's offices serve, named as people write them, in Azerbaijani order."""

    def field_choices(self, field, request, model_admin):
        districts = District.objects.selectable().select_related("parent")
        if not request.user.has_perm("applications.view_all_offices"):
            districts = districts.filter(office_id=request.user.office_id)
        return [
            (district.pk, district.display_name)
            for district in sorted(districts, key=lambda d: d.list_order_key)
        ]
