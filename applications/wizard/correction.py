"""The wizard, correcting a sent application after the office asked for information."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from applications.models import Application
from applications.selectors import citizen_application_or_404, info_request_message
from applications.services import application_correct
from applications.wizard.forms import CorrectionDeclarationForm
from applications.wizard.views import ApplicationWizardView


class CorrectionWizardView(ApplicationWizardView):
    """The wizard, correcting a sent application: same steps, same checks, same number."""

    form_list = [
        *ApplicationWizardView.form_list[:-1],
        ("check", CorrectionDeclarationForm),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.application = citizen_application_or_404(applicant=request.user, number=kwargs["number"])
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
        return application_correct(
            application=self.application,
            applicant=self.request.user,
            answers=self.answers(),
            note=kwargs["form_dict"]["check"].cleaned_data["note"],
            language=translation.get_language(),
        )

    def show_confirmation(self, application: Application):
        messages.success(self.request, _("Düzəlişiniz göndərildi: müraciətə yenidən baxılır."))
        return redirect("applications:my_application", number=application.number)

    def start_over(self):
        self.storage.reset()
        return redirect("applications:my_application", number=self.application.number)
