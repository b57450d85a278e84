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


class EnrolmentCodeForm(forms.Form):
    """A supervisor chooses the staff member (without an authenticator) to issue an enrolment code for."""

    staff = forms.ModelChoiceField(label=_("Əməkdaş"), queryset=None, to_field_name="username")

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model
        from django_otp.plugins.otp_totp.models import TOTPDevice

        super().__init__(*args, **kwargs)
        enrolled = TOTPDevice.objects.filter(confirmed=True).values("user_id")
        self.fields["staff"].queryset = (
            get_user_model()
            .objects.filter(is_staff=True, is_active=True)
            .exclude(pk__in=enrolled)
            .order_by("username")
        )
