"""core.formats for templates: {% load formats %} then {{ amount|azn }}, {{ reading|kwh }}."""

from django import template
from django.utils.translation import gettext as _

from core import formats

register = template.Library()


@register.filter
def azn(amount) -> str:
    """45.2 -> "45,20 AZN" (core.formats.format_azn)."""
    return formats.format_azn(amount)


@register.filter
def kwh(value) -> str:
    """18342.6 -> "18 342,6 kVt·saat" (core.formats.format_kwh)."""
    return _("%(kwh)s kVt·saat") % {"kwh": formats.format_kwh(value)}


@register.filter
def neg(amount):
    """-15 -> 15: a prepaid credit (a negative balance) as the amount it is."""
    return -amount
