"""Pages anyone may use without signing in: the start page, the status lookup and the status
link the applicant's SMS carry."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from applications.forms import StatusLookupForm
from applications.links import status_link_key
from applications.models import Application
from applications.selectors import application_public_status, citizen_has_draft
from core.metrics import start_page_arrival
from core.middleware import language_chosen, signed_link_page
from core.ratelimits import RateLimitUnavailable, rate_limit_exceeded
from core.signing import InvalidToken


@require_safe
def start_page(request):
    """The service's start page, as e-gov.az lists a service. An arrival from a portal that links
    here (`?source=egov`) is counted, then sent on to the same page without the parameter: it
    is neither stored nor carried on (the language switch, a bookmark, the next page)."""
    if "source" in request.GET:
        start_page_arrival(request.GET["source"])
        query = request.GET.copy()
        del query["source"]
        return HttpResponseRedirect(f"{request.path}?{query.urlencode()}" if query else request.path)
    context = {
        "decision_working_days": settings.APPLICATION_DECISION_WORKING_DAYS,
        "has_draft": citizen_has_draft(request.user),
    }
    return render(request, "home.html", context)


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


@require_safe
def status_link(request, token: str):
    """The page an SMS's status link opens (/s/<token>/): the public status of the application
    whose key the signed token carries, in its language unless the reader chose one; for its
    applicant signed in, the way on to the full page. An expired or invalid link gets the lookup
    form. Never cached, and rate limited per client like the lookup."""
    try:
        limited = rate_limit_exceeded(
            request, group="status-link", key="ip", rate=settings.STATUS_LOOKUP_RATE, method="GET"
        )
    except RateLimitUnavailable:
        context = {"form": StatusLookupForm(), "unavailable": True}
        return signed_link_page(render(request, "applications/status.html", context, status=503))
    if limited:
        return signed_link_page(render(request, "429.html", status=429))
    try:
        application = Application.objects.only("number", "language", "applicant_id").get(
            status_link_key=status_link_key(token)
        )
    except (InvalidToken, Application.DoesNotExist) as refused:
        return _link_refused(request, expired=getattr(refused, "expired", False))
    with translation.override(language_chosen(request) or application.language):
        context = {
            "looked_up": True,
            "status": application_public_status(number=application.number),
            "full_page_url": _full_page_url(request.user, application),
            "applicant_signed_in": request.user.is_authenticated,
        }
        return signed_link_page(render(request, "applications/status.html", context))


def _full_page_url(user, application) -> str:
    """ "/my/<number>/" for its applicant, and for someone not signed in (who may be: the page
    asks them to sign in); nothing for another citizen or staff."""
    if user.is_authenticated and user.pk != application.applicant_id:
        return ""
    return reverse("applications:my_application", args=[application.number])


def _link_refused(request, *, expired: bool):
    context = {
        "form": StatusLookupForm(),
        "link_refused": "expired" if expired else "invalid",
        "link_max_age_days": settings.STATUS_LINK_MAX_AGE_DAYS,
    }
    page = render(request, "applications/status.html", context, status=410 if expired else 404)
    return signed_link_page(page)
