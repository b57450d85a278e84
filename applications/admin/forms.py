"""What a reviewer types when confirming a step: the message, the reason, the new reviewer."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applications.corrections.services import CORRECTABLE_FIELDS
from applications.models import Application, DocumentKind
from applications.wizard.check import ANSWER_LABELS
from applications.workflow import staff_name
from backoffice.roles import OFFICE_OPERATOR, SUPERVISOR
from core.collation import az_sort_key
from core.text import ShownTextField
from subscribers.models import User


class ConfirmForm(forms.Form):
    """Nothing to type: the confirmation page itself is the second look."""

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def service_kwargs(self) -> dict:
        return {}


def correctable_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The answers an office may ask to correct, grouped by the wizard step they are typed on,
    labelled as the citizen saw them."""
    titles = {"property": _("Fərdi yaşayış evi və ya Mənzil məlumatları"), "contact": _("Əlaqə məlumatları")}
    return [
        (titles[step], [(name, ANSWER_LABELS[name]) for name in names])
        for step, names in CORRECTABLE_FIELDS.items()
    ]


class RequestInfoForm(ConfirmForm):
    message = ShownTextField(
        label=_("Vətəndaşa mesaj"),
        help_text=_("Vətəndaş bu mətni öz müraciət səhifəsində görəcək. Nə lazım olduğunu aydın yazın."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
    fields_to_correct = forms.MultipleChoiceField(
        label=_("Düzəldiləcək məlumatlar"),
        help_text=_("Vətəndaş yalnız bunları dəyişə biləcək; qalan cavablar olduğu kimi qalır."),
        choices=correctable_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document_kinds = forms.ModelMultipleChoiceField(
        label=_("İstənilən sənədlər"),
        help_text=_("Vətəndaş hər biri üçün PDF, JPEG və ya PNG faylı yükləyəcək."),
        queryset=DocumentKind.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def service_kwargs(self) -> dict:
        return {
            "message": self.cleaned_data["message"],
            "fields": self.cleaned_data["fields_to_correct"],
            "document_kinds": list(self.cleaned_data["document_kinds"]),
        }


class RejectForm(ConfirmForm):
    reason = forms.ChoiceField(
        label=_("İmtina səbəbi"), choices=Application.DecisionReason.choices, widget=forms.RadioSelect
    )
    note = ShownTextField(
        label=_("İzah"),
        help_text=_("“Digər səbəb” seçildikdə mütləqdir."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Application.DecisionReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("“Digər səbəb” seçildikdə səbəbi yazın."))
        return cleaned

    def service_kwargs(self) -> dict:
        return {"reason": self.cleaned_data["reason"], "note": self.cleaned_data["note"]}


class ReassignForm(ConfirmForm):
    assignee = forms.ModelChoiceField(label=_("Yeni baxan əməkdaş"), queryset=User.objects.none())
    note = ShownTextField(label=_("Qeyd"), required=False, max_length=500)

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, application=application, **kwargs)
        # The office's operators and the supervisors; the service checks permissions again.
        reviewers = User.objects.filter(is_active=True, is_staff=True).filter(
            Q(groups__name=OFFICE_OPERATOR, office=application.office) | Q(groups__name=SUPERVISOR)
        )
        if application.assigned_to_id:
            reviewers = reviewers.exclude(pk=application.assigned_to_id)
        field = self.fields["assignee"]
        field.queryset = reviewers.distinct()
        names = sorted(
            ((user.pk, staff_name(user)) for user in field.queryset), key=lambda c: az_sort_key(c[1])
        )
        field.choices = [("", "---------"), *names]

    def service_kwargs(self) -> dict:
        return {"assignee": self.cleaned_data["assignee"], "note": self.cleaned_data["note"]}
