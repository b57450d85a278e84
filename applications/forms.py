"""Forms of the pages outside the wizard: the public status lookup."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications import numbers

NUMBER_FORMAT = _(
    "Nömrə AZI-XXXXX-XXXXX şəklində olmalıdır: 10 simvol; 0 və 1 rəqəmləri, O, I və L hərfləri olmur."
)


class StatusLookupForm(forms.Form):
    """The public status lookup: an application number, as people type it."""

    number = forms.CharField(
        label=_("Müraciət nömrəsi"),
        help_text=_("SMS-də və təsdiq səhifəsində olan nömrə, məsələn AZI-7KM4Q-PX9RC."),
        max_length=40,
        error_messages={"required": _("Müraciət nömrəsini daxil edin"), "max_length": NUMBER_FORMAT},
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"}
        ),
    )

    def clean_number(self) -> str:
        try:
            return numbers.normalize(self.cleaned_data["number"])
        except numbers.InvalidApplicationNumber as invalid:
            if invalid.reason == "checksum":
                raise forms.ValidationError(
                    _(
                        "Nömrədə yazı səhvi var: bir simvol səhv yazılıb və ya iki simvolun yeri "
                        "dəyişib. Nömrəni SMS-dən diqqətlə köçürün."
                    )
                ) from invalid
            raise forms.ValidationError(NUMBER_FORMAT) from invalid
