"""The wizard's steps. Each form validates what the citizen typed, then the domain rules
(applications/eligibility.py), and puts refusals at the field they are about."""

import datetime
import re
from decimal import Decimal, InvalidOperation

import phonenumbers
from django import forms
from django.conf import settings
from django.core.validators import slug_re
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from applications.answers import HandoverAnswers
from applications.eligibility import (
    AccountCheck,
    ApplicationRefused,
    account_check,
    applicant_check,
    property_check,
)
from applications.handover.rules import handover_check
from applications.models import Application
from core.formats import DASH, format_date, format_kwh
from core.personal_data import phone_masked
from core.text import ShownTextField
from integrations.billing.base import SMART
from integrations.registry.base import Person, PropertyRecord
from notifications.verification import (
    NOT_STARTED,
    VERIFIED,
    VerificationRefused,
    phone_confirmation,
    phone_verification_check,
)
from subscribers.district_list import selectable_districts
from subscribers.models import District, Property

PHONE_FORMAT = _("Nömrə düzgün formatda deyil. Məsələn: 050 123 45 67")
ACCOUNT_CHECKS_EXHAUSTED = _(
    "Bir saat ərzində çox sayda şəxsi hesab yoxlanılıb. Bir saatdan sonra yenidən cəhd edin."
)
_SPACES_AND_DASHES = re.compile(r"[\s\-‐‑–—]+")


def _digits_only(value: str) -> str:
    return _SPACES_AND_DASHES.sub("", value or "")


class RefusalMixin:
    """Turns an ApplicationRefused raised by a domain check into an error at its field."""

    def add_refusal(self, refusal: ApplicationRefused) -> None:
        field = refusal.field if refusal.field in self.fields else None
        self.add_error(field, refusal.message)


class BasicDataForm(forms.Form):
    """Step 1: nothing to type; the citizen reads what the registry holds about them."""

    def __init__(self, *args, person: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    @property
    def refusal(self) -> str:
        """Why this person may not apply today (under 18, document expired), or ""."""
        if self.person is None:
            return ""
        try:
            applicant_check(person=self.person, on=timezone.localdate())
        except ApplicationRefused as refusal:
            return refusal.message
        return ""

    def clean(self):
        if self.person is None:
            raise forms.ValidationError(_("Dövlət reyestrində bu FİN üzrə məlumat tapılmadı."))
        if self.refusal:
            raise forms.ValidationError(self.refusal)
        return super().clean()


class ApplicationDataForm(RefusalMixin, forms.Form):
    """Step 2: what the citizen wants, for which account; the debt check runs here."""

    kind = forms.ChoiceField(
        label=_("Müraciətin növü"),
        choices=Application.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Müraciətin növünü seçin")},
    )
    subscriber_code = forms.CharField(
        label=_("Abonent kodu"),
        help_text=_("15 rəqəm, elektrik enerjisi hesab-fakturasında yazılıb."),
        max_length=40,
        error_messages={
            "required": _("Abonent kodunu daxil edin"),
            "max_length": _("Abonent kodu 15 rəqəmdən ibarət olmalıdır"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(
        self, *args, person: Person, domain_checks: bool = True, made=None, check_refused=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.person = person
        # `check_refused(code)`: whether the citizen's limit of checked accounts refuses this one.
        self.check_refused = check_refused
        # The application being corrected, if any: it does not block itself.
        self.made = made
        # Off only while sending: application_submit runs the same checks once, with fresh data.
        self.domain_checks = domain_checks
        self.account_check: AccountCheck | None = None

    @staticmethod
    def typed_subscriber_code(value: str) -> str | None:
        """The code as the check would look it up, or None when it is not one (nothing to count)."""
        code = _digits_only(value)
        return code if code.isascii() and code.isdigit() and len(code) == 15 else None

    def clean_subscriber_code(self) -> str:
        code = _digits_only(self.cleaned_data["subscriber_code"])
        if not code.isdigit() or not code.isascii():
            raise forms.ValidationError(_("Abonent kodu yalnız rəqəmlərdən ibarət olmalıdır"))
        if len(code) != 15:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Abonent kodu 15 rəqəmdən ibarət olmalıdır, siz %(count)d rəqəm yazmısınız",
                    "Abonent kodu 15 rəqəmdən ibarət olmalıdır, siz %(count)d rəqəm yazmısınız",
                    "count",
                ),
                params={"count": len(code)},
            )
        return code

    def clean(self):
        cleaned = super().clean()
        if not self.errors and self.domain_checks:
            if self.check_refused is not None and self.check_refused(cleaned["subscriber_code"]):
                # The account's address, debt and open state stay unseen: nothing is looked up.
                self.add_error("subscriber_code", ACCOUNT_CHECKS_EXHAUSTED)
                return cleaned
            try:
                self.account_check = account_check(
                    person=self.person,
                    kind=cleaned["kind"],
                    subscriber_code=cleaned["subscriber_code"],
                    made=self.made,
                    # Each step re-validates this one: billing is asked again only after a while.
                    max_age=datetime.timedelta(seconds=settings.BILLING_ACCOUNT_CACHE_SECONDS),
                )
            except ApplicationRefused as refusal:
                self.add_refusal(refusal)
            cleaned["account_check"] = self.account_check
        return cleaned


class DistrictChoiceField(forms.ChoiceField):
    """The districts Azərişıq serves: Baku's city districts first, then the Azerbaijani alphabet."""

    def __init__(self, **kwargs):
        super().__init__(choices=self._choices_from_table, **kwargs)

    @staticmethod
    def _choices_from_table():
        return [("", _("Rayonu seçin"))] + [(d.code, d.display_name) for d in selectable_districts()]

    def clean(self, value):
        """The chosen District, found with one query (not by listing every choice again)."""
        value = self.to_python(value)
        if value in self.empty_values:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        # Codes are slugs; anything else is no district (and PostgreSQL refuses NUL in a query).
        if not slug_re.match(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        found = District.objects.selectable().select_related("parent", "office").filter(code=value).first()
        if found is not None:
            return found
        unserved = District.objects.filter(code=value, served_by_azerishiq=False).first()
        if unserved is not None:
            raise forms.ValidationError(
                _(
                    "%(district)s Azərişığın xidmət ərazisi deyil: oradakı ünvanlara öz "
                    "elektrik təchizatçısı xidmət göstərir."
                ),
                params={"district": unserved.display_name},
            )
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class PropertyForm(RefusalMixin, forms.Form):
    """Step 3: the house or flat, as its real-estate registry extract names it."""

    property_kind = forms.ChoiceField(
        label=_("Əmlakın növü"),
        choices=Property.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Əmlakın növünü seçin")},
    )
    district = DistrictChoiceField(
        label=_("Rayon"),
        error_messages={
            "required": _("Rayonu seçin"),
            "invalid_choice": _("Siyahıdan rayonu seçin"),
        },
    )
    registry_number = forms.CharField(
        label=_("Reyestr nömrəsi"),
        help_text=_("Daşınmaz əmlakın dövlət reyestrindən çıxarışda: 10–13 rəqəm."),
        max_length=40,
        error_messages={
            "required": _("Reyestr nömrəsini daxil edin"),
            "max_length": _("Reyestr nömrəsi 10–13 rəqəmdən ibarət olmalıdır"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    registration_number = forms.CharField(
        label=_("Qeydiyyat nömrəsi"),
        help_text=_("Çıxarışda reyestr nömrəsinin yanında: 8–12 rəqəm."),
        max_length=40,
        error_messages={
            "required": _("Qeydiyyat nömrəsini daxil edin"),
            "max_length": _("Qeydiyyat nömrəsi 8–12 rəqəmdən ibarət olmalıdır"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(self, *args, person: Person, kind: str | None, account_check: AccountCheck | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.kind = kind
        self.account_check = account_check

    def clean_registry_number(self) -> str:
        return self._clean_digits("registry_number", _("Reyestr nömrəsi"), 10, 13)

    def clean_registration_number(self) -> str:
        return self._clean_digits("registration_number", _("Qeydiyyat nömrəsi"), 8, 12)

    def _clean_digits(self, name, label, shortest, longest) -> str:
        value = _digits_only(self.cleaned_data[name])
        if not value.isascii() or not value.isdigit() or not shortest <= len(value) <= longest:
            raise forms.ValidationError(
                _("%(label)s %(shortest)d–%(longest)d rəqəmdən ibarət olmalıdır"),
                params={"label": label, "shortest": shortest, "longest": longest},
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.account_check is None:
            return cleaned
        try:
            cleaned["property_record"] = property_check(
                person=self.person,
                kind=self.kind,
                account=self.account_check.account,
                district=cleaned["district"],
                property_kind=cleaned["property_kind"],
                registry_number=cleaned["registry_number"],
                registration_number=cleaned["registration_number"],
            )
        except ApplicationRefused as refusal:
            self.add_refusal(refusal)
        return cleaned


class HandoverForm(RefusalMixin, forms.Form):
    """A transfer's step 4: the day the buyer took the property over, the meter's reading that
    day (billing's smart meter answers for itself), and a mobile number for each other owner
    the registry lists, who must agree. The rules: applications/handover/rules.py."""

    handover_date = forms.DateField(
        label=_("Təhvil tarixi"),
        help_text=_("Əmlakı təhvil aldığınız gün, gg.aa.iiii: məsələn, 15.11.2026."),
        input_formats=["%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"],
        error_messages={
            "required": _("Təhvil tarixini yazın"),
            "invalid": _("Tarixi gg.aa.iiii şəklində yazın: məsələn, 15.11.2026"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}),
    )
    meter_reading = forms.CharField(
        label=_("Sayğacın göstəricisi, kVt·saat"),
        required=False,
        max_length=20,
        error_messages={"max_length": _("Göstəricini sayğacın ekranındakı kimi yazın: məsələn, 12345,6")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false", "autocomplete": "off"}),
    )

    def __init__(
        self,
        *args,
        person: Person,
        account_check: AccountCheck | None,
        property_record: PropertyRecord | None,
        co_owners: list[tuple[str, str]],
        **kwargs,
    ):
        """`co_owners`: (FİN, masked name) of each other owner; `account_check` and
        `property_record` are None while sending (application_submit runs the rules then)."""
        super().__init__(*args, **kwargs)
        self.person, self.account_check, self.property_record = person, account_check, property_record
        self.account = account_check.account if account_check else None
        if property_record is not None and property_record.owner_since:
            self.fields["handover_date"].initial = property_record.owner_since.strftime("%d.%m.%Y")
        if self.account is not None:
            self.fields["meter_reading"].help_text = self._reading_help(self.account)
        for fin, masked_name in co_owners:
            self.fields[f"coowner_{fin}"] = AzerbaijaniMobileField(
                label=_("%(name)s — mobil nömrəsi") % {"name": masked_name},
                help_text=_("Əmlakın digər mülkiyyətçisi: ona SMS ilə razılıq sorğusu göndərəcəyik."),
                max_length=40,
                error_messages={
                    "required": _("Mülkiyyətçinin mobil nömrəsini yazın"),
                    "max_length": PHONE_FORMAT,
                },
                widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
            )

    @staticmethod
    def _reading_help(account) -> str:
        if account.meter_kind == SMART:
            return _(
                "Sayğacınız smart sayğacdır: göstəricini billinq sistemindən özümüz alırıq, yazmağa "
                "ehtiyac yoxdur. Yalnız həmin gün üçün göstərici olmasa, onu sizdən xahiş edəcəyik."
            )
        return _(
            "Sayğac № %(meter)s ekranında gördüyünüz rəqəmlər (vergüldən sonra ən çox %(decimals)d "
            "rəqəm). Son hesablanmış göstərici: %(last)s kVt·saat, %(date)s."
        ) % {
            "meter": account.meter_number,
            "decimals": account.meter_decimal_digits,
            "last": format_kwh(account.last_billed_kwh) if account.last_billed_kwh is not None else DASH,
            "date": format_date(account.last_billed_on) if account.last_billed_on else DASH,
        }

    def clean_meter_reading(self) -> Decimal | None:
        typed = _digits_only(self.cleaned_data["meter_reading"]).replace(",", ".")
        if not typed:
            return None
        try:
            reading = Decimal(typed)
        except InvalidOperation:
            reading = None
        if reading is None or not typed.isascii() or not reading.is_finite():
            raise forms.ValidationError(_("Göstəricini rəqəmlərlə yazın: məsələn, 12345,6"))
        return reading

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        phones = tuple(
            (name.removeprefix("coowner_"), cleaned[name])
            for name in self.fields
            if name.startswith("coowner_")
        )
        answers = HandoverAnswers(
            handover_date=cleaned["handover_date"],
            reading_kwh=cleaned.get("meter_reading"),
            co_owner_phones=phones,
        )
        cleaned["answers"] = answers
        if self.account is None or self.property_record is None:
            return cleaned
        try:
            cleaned["check"] = handover_check(
                answers=answers, account=self.account, record=self.property_record, applicant=self.person
            )
        except ApplicationRefused as refusal:
            self.add_refusal(refusal)
        return cleaned


class AzerbaijaniMobileField(forms.CharField):
    """An Azerbaijani mobile number in any usual spelling, cleaned to E.164 (+994501234567)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        # phonenumbers reads letters as keypad digits ("ABC" -> 222): a typo must not send a
        # one-time code to a stranger's number.
        if re.search(r"[^\d\s()+\-.]", value):
            raise forms.ValidationError(PHONE_FORMAT)
        try:
            number = phonenumbers.parse(value, "AZ")
        except phonenumbers.NumberParseException as error:
            raise forms.ValidationError(PHONE_FORMAT) from error
        if number.country_code != 994:
            raise forms.ValidationError(
                _("Azərbaycan mobil nömrəsini daxil edin (+994 ilə başlayan). Məsələn: 050 123 45 67")
            )
        if not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(PHONE_FORMAT)
        if phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE:
            raise forms.ValidationError(
                _("Bu mobil nömrə deyil (ev və ya iş telefonudur). SMS ala bilən mobil nömrə yazın.")
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ContactForm(forms.Form):
    """Step 4: where the citizen receives the SMS receipt and the documents."""

    mobile_phone = AzerbaijaniMobileField(
        label=_("Mobil nömrə"),
        help_text=_("Aktiv mobil nömrə: sənədlər bu nömrəyə SMS ilə göndəriləcək."),
        max_length=40,
        error_messages={"required": _("Mobil nömrəni daxil edin"), "max_length": PHONE_FORMAT},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-poçt ünvanı"),
        help_text=_("İstəyə bağlı. SMS çatmasa, sənədləri bu ünvana göndərəcəyik."),
        required=False,
        max_length=254,
        error_messages={"invalid": _("E-poçt ünvanı düzgün formatda deyil. Məsələn: ad@example.az")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    otp_code = forms.CharField(
        label=_("Təsdiq kodu"),
        help_text=_("SMS ilə gələn 6 rəqəmli kod: nömrənin aktiv olduğunu təsdiqləyir."),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, user, confirmed_phone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # A number already proven for this application (when correcting it) needs no new code.
        self.confirmed_phone = confirmed_phone
        self.phone_verified = False
        # The number to send a first code to: set when the only thing missing is that code.
        # The form never sends it (validation has no side effects); the wizard view does.
        self.code_needed_for = ""

    def clean(self):
        cleaned = super().clean()
        main = cleaned.get("mobile_phone")
        if main:
            self._confirm_mobile(main, _digits_only(cleaned.get("otp_code", "")))
        return cleaned

    def _confirm_mobile(self, phone: str, code: str) -> None:
        """The mobile must be active: proven by the one-time code sent to it by SMS."""
        state = VERIFIED if phone == self.confirmed_phone else phone_confirmation(user=self.user, phone=phone)
        if state == VERIFIED:
            self.phone_verified = True
            return
        if code:
            try:
                phone_verification_check(user=self.user, phone=phone, code=code)
            except VerificationRefused as refusal:
                self.add_error("otp_code", refusal.message)
            else:
                self.phone_verified = True
            return
        if state == NOT_STARTED:
            self.code_needed_for = phone
            self.add_error(
                "otp_code",
                _("Nömrəni təsdiqləmək üçün “Davam et” düyməsini basın: SMS ilə 6 rəqəmli kod göndərəcəyik"),
            )
        else:
            self.ask_for_code(phone)

    def ask_for_code(self, phone: str, refusal: str = "") -> None:
        """The code field's message once a code is out (or why a new one was not sent)."""
        self.errors.pop("otp_code", None)
        self.code_needed_for = ""
        message = refusal or _("%(phone)s nömrəsinə SMS ilə göndərdiyimiz 6 rəqəmli kodu yazın") % {
            "phone": phone_masked(phone)
        }
        self.add_error("otp_code", message)


class DeclarationForm(forms.Form):
    """Check your answers: the citizen confirms the data before sending."""

    declaration = forms.BooleanField(
        label=_(
            "Təsdiq edirəm ki, verdiyim məlumatlar düzgündür və müraciətin Azərişıq tərəfindən "
            "dövlət reyestrləri əsasında yoxlanılmasına razıyam."
        ),
        error_messages={"required": _("Müraciəti göndərmək üçün məlumatların düzgünlüyünü təsdiq edin")},
    )


def correction_note_field() -> ShownTextField:
    """The citizen's optional note to the office with a correction (here and with the answer to a
    request for information, applications/corrections/forms.py)."""
    return ShownTextField(
        label=_("Əməkdaşa qeyd"),
        help_text=_("İstəyə bağlı: nəyi düzəltdiyinizi qısaca yazın."),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("Qeyd 1000 simvoldan uzun olmamalıdır")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CorrectionDeclarationForm(DeclarationForm):
    """Check your answers when correcting: the confirmation, and a note to the office."""

    note = correction_note_field()
