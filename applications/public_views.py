"""Pages anyone may use without signing in: the status lookup."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from applications.forms import StatusLookupForm
from applications.selectors import application_public_status
from core.ratelimits import RateLimitUnavailable, rate_limit_exceeded


def status_lookup(request):
    """ "Müraciətin vəziyyəti": kind, status, stages, office, expected date; never personal data.

    Lookups are rate limited per client, so the number space (31**9) cannot be walked.
    """
    if request.method != "POST":
        return render(request, "applications/status.html", {"form": StatusLookupForm()})
    form = StatusLookupForm(request.POST)
    try:
        limited = rate_limit_exceeded(
            request, group="status-lookup", key="ip", rate=settings.STATUS_LOOKUP_RATE
        )
    except RateLimitUnavailable:
        # The typed number stays in the field, to try again in a moment.
        form.add_error(None, _("Bağışlayın, yoxlama hazırda aparıla bilmir"))
        return render(request, "applications/status.html", {"form": form}, status=503)
    if limited:
        return render(request, "429.html", status=429)
    context = {"form": form}
    if form.is_valid():
        context.update(looked_up=True, status=application_public_status(number=form.cleaned_data["number"]))
    return render(request, "applications/status.html", context)
