from django import forms
from django.utils.translation import gettext_lazy as _


class PreviousHolderAnswerForm(forms.Form):
    """The outgoing holder's answer: confirm the handover, or object with a reason."""

    answer = forms.ChoiceField(
        choices=[("confirm", _("Təsdiq edirəm")), ("object", _("Etiraz edirəm"))],
        widget=forms.HiddenInput,  # the button pressed carries it
        error_messages={
            "required": _("Təsdiq edin və ya etiraz edin"),
            "invalid_choice": _("Təsdiq edin və ya etiraz edin"),
        },
    )
    objection = forms.CharField(
        label=_("Etiraz edirsinizsə, səbəbini yazın"),
        help_text=_("Məsələn: əmlakı satmamışam; təhvil tarixi və ya göstərici düz deyil."),
        required=False,
        max_length=2000,
        error_messages={"max_length": _("Səbəb 2000 simvoldan uzun olmamalıdır")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
