"""The pages behind the links the outgoing holder and the co-owners get by SMS.

The outgoing holder needs no sign-in: the link alone shows the application number, the masked
address, the handover day and reading, and (once billing has settled it) the final bill; they
confirm or object there. A co-owner signs in with ASAN Login as that owner, then consents or
declines. An expired, tampered or used link gets a clear page and changes nothing.
"""

import functools

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from applications.documents.models import Document
from applications.handover.forms import PreviousHolderAnswerForm
from applications.handover.links import consent_key, handover_key
from applications.handover.models import CoOwnerConsent, Handover
from applications.handover.services import previous_holder_answer
from applications.refusals import ApplicationRefused
from applications.services.review import application_co_owner_answer
from core.middleware import language_chosen, signed_link_page
from core.personal_data import address_masked
from core.ratelimits import RateLimitUnavailable, rate_limit_exceeded
from core.signing import InvalidToken
from integrations.billing.base import FinalBill
from integrations.billing.wire import final_bill_from_json


def _link_invalid(request, invalid: InvalidToken):
    page = render(
        request,
        "applications/handover/link_invalid.html",
        {"expired": invalid.expired},
        status=410 if invalid.expired else 404,
    )
    return signed_link_page(page)


def signed(resolve):
    """Resolve the URL's token with `resolve` (token -> the row) and pass the row to the view;
    a clear 410/404 page when expired or invalid. Pages are in Azerbaijani unless the reader
    chose another language here, and never cached."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, token: str, **kwargs):
            try:
                row = resolve(token)
            except InvalidToken as invalid:
                return _link_invalid(request, invalid)
            with translation.override(language_chosen(request) or "az"):
                return signed_link_page(view(request, row, **kwargs))

        return wrapper

    return decorator


def _handover(token: str) -> Handover:
    return get_object_or_404(
        Handover.objects.select_related("application__dwelling"), link_key=handover_key(token)
    )


def _consent(token: str) -> CoOwnerConsent:
    return get_object_or_404(
        CoOwnerConsent.objects.select_related("application__dwelling"), link_key=consent_key(token)
    )


def _answers_exhausted(request) -> bool:
    """Answers are few: a link pasted around cannot be used to hammer the office's cases."""
    try:
        return rate_limit_exceeded(
            request, group="handover-answer", key="ip", rate=settings.HANDOVER_ANSWER_RATE
        )
    except RateLimitUnavailable:
        return True


@require_http_methods(["GET", "POST"])
@signed(_handover)
def previous_holder(request, handover: Handover):
    """The outgoing holder's page: what is being handed over, and their answer."""
    application = handover.application
    form = PreviousHolderAnswerForm(request.POST if request.method == "POST" else None)
    context = {
        "form": form,
        "handover": handover,
        "application": application,
        "address": address_masked(
            application.property_snapshot.get("address") or application.dwelling.address
        ),
        "final_bill": final_bill_of(handover),
        "final_bill_document": final_bill_document(handover),
    }
    if request.method == "POST" and form.is_valid():
        if _answers_exhausted(request):
            return render(request, "429.html", status=429)
        try:
            previous_holder_answer(
                handover=handover,
                confirmed=form.cleaned_data["answer"] == "confirm",
                objection=form.cleaned_data["objection"],
            )
        except ApplicationRefused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            return redirect(request.path)
    status = 400 if form.errors else 200
    return render(request, "applications/handover/previous_holder.html", context, status=status)


def final_bill_of(handover: Handover) -> FinalBill | None:
    """The final bill billing settled, or None before it has."""
    return final_bill_from_json(handover.final_bill) if handover.final_bill else None


@require_http_methods(["GET"])
@signed(_handover)
def final_bill_pdf(request, handover: Handover):
    """The outgoing holder's final bill as a PDF (stored with the application's documents);
    back to their page while it is still being prepared."""
    document = final_bill_document(handover)
    if document is None:
        return redirect("handover:previous_holder", request.resolver_match.kwargs["token"])
    filename = f"{handover.application.number}-yekun-hesab.pdf"
    return FileResponse(document.file.open("rb"), content_type="application/pdf", filename=filename)


def final_bill_document(handover: Handover) -> Document | None:
    return Document.objects.filter(
        bundle__application=handover.application_id, kind=Document.Kind.FINAL_BILL
    ).first()


@require_http_methods(["GET", "POST"])
@signed(_consent)
def co_owner(request, consent: CoOwnerConsent):
    """A co-owner's page: sign in as that owner, then consent or decline."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = consent.application
    context = {
        "consent": consent,
        "application": application,
        "applicant": application.applicant_name_masked,
        "address": address_masked(
            application.property_snapshot.get("address") or application.dwelling.address
        ),
        "other_owner": request.user.fin != consent.owner_fin,
    }
    if request.method == "POST" and not context["other_owner"]:
        if _answers_exhausted(request):
            return render(request, "429.html", status=429)
        try:
            application_co_owner_answer(
                consent=consent, user=request.user, consented=request.POST.get("answer") == "consent"
            )
        except ApplicationRefused as refusal:
            context["error"] = refusal.message
            return render(request, "applications/handover/co_owner.html", context, status=400)
        return redirect(request.path)
    return render(request, "applications/handover/co_owner.html", context)
