"""The signed-in citizen's own applications: "Müraciətlərim", withdrawing, and correcting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.corrections.services import info_request_open
from applications.documents.generation import bundle_entries
from applications.documents.links import bundle_token
from applications.models import Application
from applications.selectors import (
    citizen_access_log,
    citizen_application_or_404,
    citizen_co_owners,
    citizen_timeline,
    info_request_message,
)
from applications.services import (
    TransitionRefused,
    application_correction_start,
    application_withdraw,
)
from notifications.models import Notification


@login_required
def my_applications(request):
    """ "Müraciətlərim": every application the citizen sent, newest first."""
    applications = Application.objects.filter(applicant=request.user).order_by("-submitted_at", "-pk")
    return render(request, "applications/my/list.html", {"applications": applications})


@login_required
def my_application(request, number: str):
    """One application: what was sent, its history, documents, messages and who looked at it."""
    application = citizen_application_or_404(applicant=request.user, number=number)
    bundle = getattr(application, "document_bundle", None)
    context = {
        "application": application,
        "timeline": citizen_timeline(application),
        "access_log": citizen_access_log(application),
        # What was sent to the applicant; the outgoing holder's and co-owners' messages are theirs.
        "notifications": Notification.objects.for_application(application).to_applicant(),
        "handover": getattr(application, "handover", None),
        "co_owners": citizen_co_owners(application),
        # The outgoing holder's final bill is theirs, not the applicant's.
        # Of each kind the latest: a correction's re-issue replaces the earlier one.
        "documents": [entry.document for entry in bundle_entries(bundle=bundle) if entry.document]
        if bundle
        else [],
        "bundle_token": bundle_token(bundle.key) if bundle and application.document_links_open else "",
        "info_request": info_request_message(application)
        if application.status == Application.Status.INFO_REQUESTED
        else "",
        # Set when the office named the answers and documents it needs: answered in place.
        "open_request": info_request_open(application),
    }
    return render(request, "applications/my/detail.html", context)


@login_required
def withdraw(request, number: str):
    """ "Müraciəti geri götür": a confirmation page, then the POST that withdraws."""
    application = citizen_application_or_404(applicant=request.user, number=number)
    if request.method != "POST":
        return render(request, "applications/my/withdraw.html", {"application": application})
    try:
        application_withdraw(application=application, applicant=request.user)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Müraciət geri götürüldü."))
    return redirect("applications:my_application", number=number)


@require_POST
@login_required
def correction_start(request, number: str):
    """ "Düzəliş et": the wizard reopens on the answers that were sent."""
    application = citizen_application_or_404(applicant=request.user, number=number)
    try:
        application_correction_start(application=application, applicant=request.user)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("applications:my_application", number=number)
    return redirect("applications:correct_step", number=number, step="check")
