"""The citizen's wizard: four steps, check your answers, send; and the confirmation page."""

import dataclasses
import uuid

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from formtools.wizard.views import NamedUrlWizardView

from applications.answers import STEP_FIELDS, Answers
from applications.eligibility import ApplicationRefused, person_lookup
from applications.handover.rules import co_owners_of
from applications.models import Application
from applications.services import application_submit
from applications.wizard.check import answer_sections
from applications.wizard.forms import (
    ApplicationDataForm,
    BasicDataForm,
    ContactForm,
    DeclarationForm,
    HandoverForm,
    PropertyForm,
)
from applications.wizard.navigation import StepRulesMixin
from core.client_address import client_address
from core.exceptions import Unavailable
from core.personal_data import name_masked
from core.ratelimits import rate_limit_refuses_item
from integrations.registry.base import Person, person_from_dict
from notifications.verification import VerificationRefused, phone_verification_start

# The step each field of an eligibility refusal (ApplicationRefused.field) is typed on.
REFUSAL_STEPS = {
    "kind": "application",
    "subscriber_code": "application",
    "property_kind": "property",
    "registry_number": "property",
    "handover_date": "handover",
    "meter_reading": "handover",
}

STEP_TEMPLATES = {
    "basic": "applications/wizard/basic.html",
    "application": "applications/wizard/application.html",
    "property": "applications/wizard/property.html",
    "handover": "applications/wizard/handover.html",
    "contact": "applications/wizard/contact.html",
    "check": "applications/wizard/check.html",
}


def is_transfer(wizard) -> bool:
    """Whether the citizen chose a transfer on step 2 (as typed): only a transfer hands over."""
    typed = wizard.storage.get_step_data("application") or {}
    kind = typed.get("application-kind") or [""]
    return (kind[0] if isinstance(kind, list) else kind) == Application.Kind.TRANSFER


def refusal_step(field: str | None) -> str | None:
    """The step an eligibility refusal's field is typed on (None: the whole form's)."""
    if field and field.startswith("coowner_"):
        return "handover"
    return REFUSAL_STEPS.get(field)


class ApplicationWizardView(StepRulesMixin, LoginRequiredMixin, NamedUrlWizardView):
    """The steps (four, five for a transfer), the check page, sending. Navigation rules:
    StepRulesMixin."""

    form_list = [
        ("basic", BasicDataForm),
        ("application", ApplicationDataForm),
        ("property", PropertyForm),
        ("handover", HandoverForm),
        ("contact", ContactForm),
        ("check", DeclarationForm),
    ]
    condition_dict = {"handover": is_transfer}
    storage_name = "applications.wizard.storage.DraftStorage"

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Unavailable:
            return self.render_unavailable()
        except ApplicationRefused:
            # Only the registry not knowing the applicant escapes the forms; step 1 explains it.
            return redirect(self.get_step_url(self.steps.first))

    def get_template_names(self):
        return [STEP_TEMPLATES[self.steps.current]]

    def post(self, *args, **kwargs):
        data = self.request.POST
        already_sent = self.application_for_submission_key(data.get("submission_key"))
        if already_sent is not None:
            # A double click, a refresh or a second tab: the application is already there.
            return self.show_confirmation(already_sent)
        if "wizard_reset" in data:
            return self.start_over()
        posted = data.get(f"{self.prefix}-current_step")
        if posted is None:
            return HttpResponseBadRequest(_("Formanın məlumatı natamamdır. Səhifəni yeniləyin."))
        if posted not in self.get_form_list():
            return redirect(self.get_step_url(self.steps.current))
        # The page the button was pressed on, even if another tab has moved on since.
        if posted == "application" and self.typed_account_refused():
            # Refused before anything is kept: a saved code would be checked by the next page.
            return render(self.request, "429.html", status=429)
        self.storage.current_step = posted
        if posted != "check":
            # Whatever happens next, what was typed here is kept, valid or not.
            self.storage.set_step_data(posted, self.typed_data())
        if "language" in data:
            return self.switch_language(posted, data["language"])
        goto = data.get("wizard_goto_step")
        if goto in self.get_form_list():
            return self.render_goto_step(goto)
        if "check_account" in data and posted == "application":
            return self.check_account()
        if "resend_code" in data and posted == "contact":
            return self.resend_code()
        return super().post(*args, **kwargs)

    def switch_language(self, step: str, language: str):
        """The header's language switch, pressed on a step (its buttons submit the step's form,
        without JavaScript too): what was typed is saved above, the same step comes back in the
        chosen language, remembered in Django's language cookie as set_language would."""
        response = redirect(self.get_step_url(step))
        if translation.check_for_language(language) and language in dict(settings.LANGUAGES):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    def account_check_refused(self, subscriber_code: str) -> bool:
        """The debt check shows an account's address, debt and open state: each different account
        a citizen sees, on whatever page, counts against one limit (a citizen may not walk codes)."""
        return rate_limit_refuses_item(
            self.request,
            group="account-check",
            who=f"user:{self.request.user.pk}",
            item=subscriber_code,
            rate=settings.ACCOUNT_CHECK_RATE,
        )

    def typed_account_refused(self) -> bool:
        typed = ApplicationDataForm.typed_subscriber_code(
            self.request.POST.get("application-subscriber_code", "")
        )
        return typed is not None and self.account_check_refused(typed)

    def check_account(self):
        """ "Yoxla": run the debt check and show the account, without leaving the step."""
        form = self.get_form(step=self.steps.current, data=self.request.POST)
        form.is_valid()
        return self.render(form)

    def resend_code(self):
        """ "Kodu yenidən göndər": a new one-time code to the typed mobile number."""
        form = self.get_form(step=self.steps.current, data=self.request.POST)
        form.is_valid()
        phone = form.cleaned_data.get("mobile_phone")
        if phone and not form.phone_verified:
            return self.send_code(form, phone)
        return self.render(form)

    def render(self, form=None, **kwargs):
        # The contact step's own "Davam et" with a number that has no code yet: the code is sent
        # here, by the view (the form only says it is needed; validating has no side effects).
        if getattr(form, "code_needed_for", "") and self.posted_own_continue("contact"):
            return self.send_code(form, form.code_needed_for)
        return super().render(form, **kwargs)

    def posted_own_continue(self, step: str) -> bool:
        """Whether this request is `step`'s own "Davam et" (not another button, not a re-check)."""
        data = self.request.POST
        buttons = ("wizard_goto_step", "resend_code", "check_account", "wizard_reset")
        return (
            self.request.method == "POST"
            and data.get(f"{self.prefix}-current_step") == step
            and not any(button in data for button in buttons)
        )

    def send_code(self, form, phone: str):
        """A one-time code by SMS to `phone`, then the step again, its code field saying where the
        code went (or why not). Nothing is sent while an earlier answer is not valid (a debt, a
        property that is not the applicant's): the citizen is sent back to it instead."""
        blocking = self.first_invalid_step(before="contact")
        if blocking is not None:
            return self.send_back_to(blocking)
        try:
            phone_verification_start(
                user=self.request.user,
                phone=phone,
                language=translation.get_language(),
                client_address=client_address(self.request),
            )
        except VerificationRefused as refusal:
            form.ask_for_code(phone, refusal.message)
        else:
            form.ask_for_code(phone)
        return super().render(form)

    def typed_data(self) -> dict:
        """What the citizen typed on this step (never a one-time code: that is not progress)."""
        prefix = self.get_form_prefix()
        secret = f"{prefix}-otp_code"
        # PostgreSQL cannot store NUL in JSON; U+FFFD keeps the value as invalid as it was typed.
        return {
            key: [value.replace("\x00", "\ufffd") for value in values]
            for key, values in self.request.POST.lists()
            if key.startswith(prefix) and key != secret
        }

    def process_step(self, form):
        return self.typed_data()

    def process_step_files(self, form):
        # No step takes a file: one attached to a crafted request is ignored, never stored.
        return {}

    # --- forms ------------------------------------------------------------------------

    def get_form_kwargs(self, step=None):
        step = step or self.steps.current
        if step == "basic":
            return {"person": self.person(missing_ok=True)}
        if step == "application":
            return {
                "person": self.person(),
                "domain_checks": not self.sending,
                "check_refused": self.account_check_refused,
            }
        if step == "contact":
            return {"user": self.request.user}
        if step == "property":
            application_data = self.get_cleaned_data_for_step("application") or {}
            return {
                "person": self.person(),
                "kind": application_data.get("kind"),
                "account_check": application_data.get("account_check"),
            }
        if step == "handover":
            return self.handover_form_kwargs()
        return {}

    def handover_form_kwargs(self) -> dict:
        application_data = self.get_cleaned_data_for_step("application") or {}
        record = (self.get_cleaned_data_for_step("property") or {}).get("property_record")
        return {
            "person": self.person(),
            "account_check": application_data.get("account_check"),
            "property_record": record,
            "co_owners": self.co_owners(record),
        }

    def co_owners(self, record) -> list[tuple[str, str]]:
        """(FİN, masked name) of the property's other owners, asked of the registry while the
        property step is valid and kept in the draft (sending reads them from there)."""
        if record is not None:
            people = co_owners_of(record=record, applicant=self.person())
            self.storage.extra_data["co_owners"] = [
                [person.fin, name_masked(person.first_name, person.last_name)] for person in people
            ]
        return [tuple(pair) for pair in self.storage.extra_data.get("co_owners", [])]

    def person(self, *, missing_ok: bool = False) -> Person | None:
        """The applicant from the registry, fetched once per wizard run and kept in the draft."""
        cached = self.storage.extra_data.get("person")
        if cached:
            return person_from_dict(cached)
        try:
            person = person_lookup(fin=self.request.user.fin)
        except ApplicationRefused:
            if missing_ok:
                return None
            raise
        self.storage.extra_data["person"] = dataclasses.asdict(person)
        self.storage.extra_data["person_fetched_at"] = timezone.now().isoformat()
        return person

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        current = self.steps.current
        # The form steps the citizen counts ("Addım 2 / 5"); "check" is the summary after them.
        counted = [step for step in self.get_form_list() if step != "check"]
        context.update(
            # The header's language buttons submit this step's form (what was typed is kept).
            language_switch_form="wizard-step-form",
            step_number=counted.index(current) + 1 if current in counted else None,
            step_total=len(counted),
            return_to_check=bool(self.request.GET.get("change") or self.request.POST.get("return_to_check")),
        )
        if current in ("property", "handover", "check"):
            context["account_check"] = (self.get_cleaned_data_for_step("application") or {}).get(
                "account_check"
            )
        if current == "check":
            context["answer_sections"] = self.answer_sections()
            context["submission_key"] = self.storage.submission_key
        return context

    def answer_sections(self) -> list[dict]:
        """Check your answers, by step; step 1 comes from the registry, so it has no "Dəyiş"."""
        return answer_sections(
            person=self.person(),
            answers=self.answers(),
            address=self.get_cleaned_data_for_step("property")["property_record"].address,
            change_url=lambda step: None if step == "basic" else f"{self.get_step_url(step)}?change=1",
            co_owners=dict(self.co_owners(None)),
        )

    def answers(self) -> Answers:
        """The validated steps as one typed value (formtools keeps each step's cleaned data)."""
        steps = [*STEP_FIELDS, *(["handover"] if "handover" in self.get_form_list() else [])]
        return Answers.from_steps({step: self.get_cleaned_data_for_step(step) for step in steps})

    # --- sending ----------------------------------------------------------------------

    sending = False

    def render_done(self, form, **kwargs):
        # Validate every step again, then send from the same request: no redirect to a
        # "done" URL, so sending is never a GET. The forms check what was typed; the
        # eligibility rules run once, in application_submit, with fresh data.
        self.sending = True
        for step in self.get_form_list():
            if self.get_cleaned_data_for_step(step) is None and step != "check":
                return self.render_revalidation_failure(step, self.get_form(step))
        try:
            application = self.done([], form_dict={"check": form}, **kwargs)
        except ApplicationRefused as refusal:
            # Something changed since the citizen checked it: back to the step it is about,
            # which explains it at the field.
            step = refusal_step(refusal.field)
            if step is not None:
                return self.send_back_to(step)
            form.add_error(None, refusal.message)
            return self.render(form)
        self.storage.reset()
        return self.show_confirmation(application)

    def done(self, form_list, **kwargs) -> Application:
        return application_submit(
            applicant=self.request.user,
            submission_key=self.storage.submission_key,
            answers=self.answers(),
            language=translation.get_language() or "az",
        )

    def application_for_submission_key(self, key: str | None) -> Application | None:
        try:
            key = uuid.UUID(key or "")
        except ValueError:
            return None
        draft = self.storage.draft
        if draft is not None and draft.submission_key == key:
            # The draft this key belongs to still exists: it has not been sent yet.
            return None
        return Application.objects.filter(submission_key=key, applicant=self.request.user).first()

    def show_confirmation(self, application: Application):
        return redirect("applications:submitted")

    def render_unavailable(self):
        """A friendly page while the registry or billing is down; what was typed is kept."""
        if self.request.method == "POST" and self.steps.current in self.get_form_list():
            self.storage.set_step_data(self.steps.current, self.typed_data())
            self.storage.save()
        retry_url = self.get_step_url(self.steps.current or self.steps.first)
        return render(
            self.request,
            "applications/wizard/unavailable.html",
            {"retry_url": retry_url},
            status=503,
        )


class SubmittedView(LoginRequiredMixin, TemplateView):
    """ "Müraciətiniz qəbul edildi": the number and what happens next."""

    template_name = "applications/submitted.html"

    def get(self, request, *args, **kwargs):
        # The citizen's latest application: no number travels in the URL or the session.
        application = (
            Application.objects.select_related("office")
            .filter(applicant=request.user)
            .order_by("-submitted_at", "-pk")
            .first()
        )
        if application is None:
            return redirect("applications:wizard")
        return self.render_to_response(self.get_context_data(application=application))
