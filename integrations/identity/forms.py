"""The emulated ASAN Login page's form: a sign-in method and the citizen's FİN."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from integrations.registry.base import FIN_PATTERN


class FakeAsanLoginForm(forms.Form):
    """The emulated ASAN Login page: a sign-in method and the citizen's FİN."""

    METHODS = [
        ("asan_imza", _("Asan İmza")),
        ("sima", _("SİMA")),
        ("e_imza", _("Elektron imza")),
    ]

    method = forms.ChoiceField(
        label=_("Giriş üsulu"), choices=METHODS, initial="asan_imza", widget=forms.RadioSelect
    )
    fin = forms.CharField(
        label=_("FİN"),
        help_text=_("Şəxsiyyət vəsiqəsindəki 7 simvollu fərdi identifikasiya nömrəsi."),
        max_length=20,
        error_messages={
            "required": _("Bu xana mütləqdir"),
            "max_length": _("FİN 7 simvoldan ibarət olmalıdır"),
        },
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"}
        ),
    )

    def clean_fin(self) -> str:
        # FİN is ASCII: upper() is safe here (it never is for Azerbaijani names).
        fin = self.cleaned_data["fin"].strip().upper()
        if len(fin) != 7:
            raise forms.ValidationError(_("FİN 7 simvoldan ibarət olmalıdır"))
        if not re.fullmatch(FIN_PATTERN, fin):
            raise forms.ValidationError(
                _("FİN yalnız latın hərflərindən (I və O-dan başqa) və rəqəmlərdən ibarət olur")
            )
        return fin
