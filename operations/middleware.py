"""While new applications are closed, the wizard answers with the maintenance page."""

from django.shortcuts import render

from operations.services import maintenance_current

# The views that start or continue a new application; everything else keeps working.
CLOSED_VIEWS = {"applications:wizard", "applications:wizard_step"}


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
        response["Retry-After"] = "600"
        return response
