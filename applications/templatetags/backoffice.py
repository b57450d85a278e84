"""Template tags of the back office's admin pages."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from applications.dashboard import (
    BAR_GAP,
    BAR_WIDTH,
    CHART_DAYS,
    CHART_HEIGHT,
    format_duration,
    office_overview,
)
from applications.models import Application
from core.text import invisible_characters_removed

register = template.Library()


@register.filter
def shown_text(value) -> str:
    """A note typed by a citizen (or staff), without invisible direction and zero-width
    characters, also in notes stored before they were removed as they came in."""
    return invisible_characters_removed(str(value or ""))


@register.simple_tag
def backoffice_stylesheet():
    """The back office's own styles, as a static file (the CSP allows no inline styles)."""
    return format_html('<link rel="stylesheet" href="{}">', static("applications/backoffice.css"))


@register.inclusion_tag("admin/applications/dashboard.html", takes_context=True)
def office_dashboard(context):
    """The per-office overview for staff who may see applications; nothing for anyone else."""
    user = context["request"].user
    if not user.has_perm("applications.view_application"):
        return {"offices": None}
    return {
        "offices": office_overview(user=user),
        "statuses": [Application.Status(status).label for status in Application.OPEN_STATUSES],
        "chart_width": CHART_DAYS * (BAR_WIDTH + BAR_GAP),
        "chart_height": CHART_HEIGHT,
        "bar_width": BAR_WIDTH,
        "chart_days": CHART_DAYS,
    }


@register.filter
def duration(value):
    return format_duration(value)
