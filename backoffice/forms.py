from django import forms
from django.utils.translation import gettext_lazy as _


class SecondFactorForm(forms.Form):
    """The back office's second sign-in step: an authenticator code or a recovery code."""

    code = forms.CharField(
        label=_("Kod"),
        help_text=_("Autentifikator tətbiqindəki 6 rəqəmli kod və ya bərpa kodlarından biri."),
        max_length=20,
        error_messages={"required": _("Kodu yazın.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
