"""Pages anyone may use without signing in: the status lookup."""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from .forms import StatusLookupForm
from .selectors import application_public_status


def status_lookup(request):
    """ "Müraciətin vəziyyəti": kind, status, stages, office, expected date; never personal data.

    Lookups are rate limited per client, so the number space (31**9) cannot be walked.
    """
    if request.method != "POST":
        return render(request, "applications/status.html", {"form": StatusLookupForm()})
    if is_ratelimited(
        request,
        group="status-lookup",
        key="ip",
        rate=settings.STATUS_LOOKUP_RATE,
        method="POST",
        increment=True,
    ):
        return render(request, "429.html", status=429)
    form = StatusLookupForm(request.POST)
    context = {"form": form}
    if form.is_valid():
        context.update(looked_up=True, status=application_public_status(number=form.cleaned_data["number"]))
    return render(request, "applications/status.html", context)
