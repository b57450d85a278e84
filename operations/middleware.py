"""While new applications are closed, the wizard answers with the maintenance page."""

from django.shortcuts import render
from django.utils import timezone

from operations.services import maintenance_current

# The views that start or continue a new application; everything else keeps working.
CLOSED_VIEWS = {"applications:wizard", "applications:wizard_step"}
# Retry-After when the operators gave no expected end, or it has passed (seconds).
RETRY_AFTER_DEFAULT = 600


class MaintenanceMiddleware:
    """A 503 with the operators' message and expected time for the wizard's pages. The citizen's
    draft is untouched: they continue where they were once applications open again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in CLOSED_VIEWS:
            return None
        maintenance = maintenance_current()
        if not maintenance.new_applications_closed:
            return None
        response = render(
            request,
            "operations/maintenance.html",
            {"message": maintenance.message(), "expected_end": maintenance.expected_end},
            status=503,
        )
        response["Retry-After"] = str(retry_after(maintenance.expected_end))
        return response


def retry_after(expected_end) -> int:
    """Seconds until the operators' expected end, else RETRY_AFTER_DEFAULT."""
    if expected_end is None:
        return RETRY_AFTER_DEFAULT
    left = int((expected_end - timezone.now()).total_seconds())
    return left if left > 0 else RETRY_AFTER_DEFAULT
