"""The citizen's answer to a request: only the wizard's fields the office named (the wizard's
own forms, so the same rules), the upload boxes for the documents asked for, and a note."""

import dataclasses

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from applications.answers import Answers
from applications.corrections.services import CORRECTABLE_FIELDS, answers_of
from applications.wizard.forms import ContactForm, PropertyForm, correction_note_field


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one box (Django's documented pattern); the files are checked one by one
    when they are stored (corrections.uploads), each refusal at this field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [uploaded for uploaded in files if uploaded]


class DocumentsForm(forms.Form):
    """An upload box per document kind the office asked for, and a note to the office."""

    note = correction_note_field()

    def __init__(self, *args, document_kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.document_kinds = list(document_kinds)
        hint = _("PDF, JPEG və ya PNG; hər fayl ən çox %(size)s, bu sorğuya ən çox %(count)d fayl.") % {
            "size": filesizeformat(settings.UPLOAD_MAX_BYTES),
            "count": settings.UPLOAD_MAX_FILES,
        }
        for kind in self.document_kinds:
            self.fields[self.field_name(kind)] = MultipleFileField(label=kind.name, help_text=hint)

    @staticmethod
    def field_name(kind) -> str:
        return f"document_{kind.code}"


class AnswerForms:
    """The wizard step forms that hold the requested answers, filled with the application's
    answers as sent; only the requested fields are shown, and only they take what was posted."""

    def __init__(self, *, application, info_request, user, data=None):
        self.application = application
        self.requested = list(info_request.fields)
        self.steps = {}
        stored = answers_of(application)
        for step, names in CORRECTABLE_FIELDS.items():
            if not set(names) & set(self.requested):
                continue
            form_class, kwargs = self._form_for(step, user)
            typed = {name: stored[name] for name in form_class.base_fields if name in stored}
            if data is None:
                self.steps[step] = form_class(initial=typed, prefix=step, **kwargs)
                continue
            bound = {f"{step}-{name}": value for name, value in typed.items()}
            for name in [*names, "otp_code"]:
                if name in self.requested or (name == "otp_code" and "mobile_phone" in self.requested):
                    bound[f"{step}-{name}"] = data.get(f"{step}-{name}", "")
            self.steps[step] = form_class(data=bound, prefix=step, **kwargs)

    def _form_for(self, step: str, user):
        if step == "property":
            return PropertyForm, {"person": None, "kind": self.application.kind, "account_check": None}
        return ContactForm, {"user": user, "confirmed_phone": self.application.mobile_phone}

    @property
    def contact(self):
        return self.steps.get("contact")

    def shown_fields(self) -> list:
        """The bound fields to show, in the wizard's order."""
        return [form[name] for form in self.steps.values() for name in self.requested if name in form.fields]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.steps.values()])

    def answers(self) -> Answers:
        """The answers as sent, with the requested ones as corrected."""
        corrected = {
            name: form.cleaned_data[name]
            for form in self.steps.values()
            for name in self.requested
            if name in form.fields
        }
        return dataclasses.replace(Answers.from_application(self.application), **corrected)

    def add_refusal(self, refusal) -> bool:
        """Put an eligibility refusal at its field if that field is shown; False otherwise."""
        for form in self.steps.values():
            if refusal.field in form.fields and refusal.field in self.requested:
                form.add_error(refusal.field, refusal.message)
                return True
        return False
