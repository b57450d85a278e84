"""The signed-in citizen's own applications: "Müraciətlərim", withdrawing, and correcting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.wizard.forms import CorrectionDeclarationForm
from applications.models import Application
from applications.selectors import citizen_access_log, citizen_timeline, info_request_message
from applications.services import (
    TransitionRefused,
    application_correct,
    application_correction_start,
    application_withdraw,
)
from applications.wizard.views import ApplicationWizardView
from applications.documents.links import bundle_token
from notifications.models import Notification


def _own_application(request, number: str) -> Application:
    """The citizen's application with this number; anyone else's is a 404, never a 403."""
    return get_object_or_404(
        Application.objects.select_related("office", "district__parent"),
        number=number,
        applicant=request.user,
    )


@login_required
def my_applications(request):
    """ "Müraciətlərim": every application the citizen sent, newest first."""
    applications = Application.objects.filter(applicant=request.user).order_by("-submitted_at", "-pk")
    return render(request, "applications/my/list.html", {"applications": applications})


@login_required
def my_application(request, number: str):
    """One application: what was sent, its history, documents, messages and who looked at it."""
    application = _own_application(request, number)
    bundle = getattr(application, "document_bundle", None)
    context = {
        "application": application,
        "timeline": citizen_timeline(application),
        "access_log": citizen_access_log(application),
        "notifications": Notification.objects.for_application(application),
        "documents": bundle.documents.all() if bundle else [],
        "bundle_token": bundle_token(bundle.key) if bundle else "",
        "info_request": info_request_message(application)
        if application.status == Application.Status.INFO_REQUESTED
        else "",
    }
    return render(request, "applications/my/detail.html", context)


@login_required
def withdraw(request, number: str):
    """ "Müraciəti geri götür": a confirmation page, then the POST that withdraws."""
    application = _own_application(request, number)
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
    application = _own_application(request, number)
    try:
        application_correction_start(application=application, applicant=request.user)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("applications:my_application", number=number)
    return redirect("applications:correct_step", number=number, step="check")


class CorrectionWizardView(ApplicationWizardView):
    """The wizard, correcting a sent application: same steps, same checks, same number."""

    form_list = [
        *ApplicationWizardView.form_list[:-1],
        ("check", CorrectionDeclarationForm),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.application = _own_application(request, kwargs["number"])
        if self.application.status != Application.Status.INFO_REQUESTED:
            return redirect("applications:my_application", number=self.application.number)
        # DraftStorage keeps this correction's progress apart from a new application's.
        request.correcting = self.application
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self, step=None):
        kwargs = super().get_form_kwargs(step)
        step = step or self.steps.current
        if step == "application":
            kwargs["made"] = self.application
        if step == "contact":
            kwargs["confirmed_phone"] = self.application.mobile_phone
        return kwargs

    def get_step_url(self, step):
        return reverse(self.url_name, kwargs={"number": self.application.number, "step": step})

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(correcting=self.application, info_request=info_request_message(self.application))
        return context

    def application_for_submission_key(self, key):
        return None  # a correction is idempotent by status: once sent, dispatch sends them back

    def done(self, form_list, **kwargs) -> Application:
        answers = self.answers()
        application, place, contact = answers["application"], answers["property"], answers["contact"]
        return application_correct(
            application=self.application,
            applicant=self.request.user,
            kind=application["kind"],
            subscriber_code=application["subscriber_code"],
            property_kind=place["property_kind"],
            district=place["district"],
            registry_number=place["registry_number"],
            registration_number=place["registration_number"],
            mobile_phone=contact["mobile_phone"],
            extra_mobile_phone=contact["extra_mobile_phone"],
            email=contact["email"],
            note=kwargs["form_dict"]["check"].cleaned_data["note"],
            language=translation.get_language(),
        )

    def show_confirmation(self, application: Application):
        messages.success(self.request, _("Düzəlişiniz göndərildi: müraciətə yenidən baxılır."))
        return redirect("applications:my_application", number=application.number)

    def start_over(self):
        self.storage.reset()
        return redirect("applications:my_application", number=self.application.number)
