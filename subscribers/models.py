"""People, properties, electricity accounts, and the places and offices they belong to."""

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.collation import az_sort_key
from integrations.billing.base import SUBSCRIBER_CODE_PATTERN
from integrations.registry.base import FIN_PATTERN

fin_validator = RegexValidator(FIN_PATTERN, _("FİN 7 simvoldan ibarət olmalıdır"))
subscriber_code_validator = RegexValidator(
    SUBSCRIBER_CODE_PATTERN, _("Abonent kodu 15 rəqəmdən ibarət olmalıdır")
)


class User(AbstractUser):
    """A person who signs in: a citizen (by FİN, through the state sign-in) or staff (password)."""

    fin = models.CharField(
        "FİN", max_length=7, unique=True, null=True, blank=True, validators=[fin_validator]
    )
    # Staff only: an office operator sees and acts on this office's applications alone.
    office = models.ForeignKey(
        "RegionalOffice",
        verbose_name=_("regional ofis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )


# How the offices are named (subscribers/districts.py seeds them so): translated around the
# economic region's name, which is a proper name.
OFFICE_NAME = gettext_noop("%(region)s regional qeydiyyat ofisi")


class RegionalOffice(models.Model):
    """An Azərişıq registration office; applications are routed to the property's office."""

    name = models.CharField(_("ad"), max_length=120, unique=True)
    economic_region = models.CharField(_("iqtisadi rayon"), max_length=60)
    email = models.EmailField(_("e-poçt"), blank=True)

    class Meta:
        verbose_name = _("regional ofis")
        verbose_name_plural = _("regional ofislər")

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name for citizens, in the active language; a name given otherwise than the usual
        pattern is shown as it was entered."""
        if self.name == OFFICE_NAME % {"region": self.economic_region}:
            return gettext(OFFICE_NAME) % {"region": self.economic_region}
        return self.name


class DistrictQuerySet(models.QuerySet):
    def served(self):
        return self.filter(served_by_azerishiq=True)

    def selectable(self):
        """Districts a property can be in: served, and not Bakı as a whole (it has city districts)."""
        return self.served().exclude(kind=District.Kind.CITY, children__isnull=False).distinct()


class District(models.Model):
    """A city, rayon or Baku city district (DOMAIN.md), the unit a property is registered in."""

    class Kind(models.TextChoices):
        CITY = "city", _("şəhər")
        RAYON = "rayon", _("rayon")
        CITY_DISTRICT = "city_district", _("şəhər rayonu")

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("ad"), max_length=60)
    # The established forms in English and Russian (subscribers/districts.py EXONYMS); Russian
    # holds a rayon's or city district's adjective («Насиминский»), used with «р-н».
    name_en = models.CharField(_("ad (ingiliscə)"), max_length=60, blank=True)
    name_ru = models.CharField(_("ad (rusca)"), max_length=60, blank=True)
    kind = models.CharField(_("növ"), max_length=16, choices=Kind.choices)
    economic_region = models.CharField(_("iqtisadi rayon"), max_length=60)
    iso_code = models.CharField(_("ISO 3166-2 kodu"), max_length=8, unique=True, null=True, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    served_by_azerishiq = models.BooleanField(_("Azərişıq xidmət göstərir"), default=True)
    office = models.ForeignKey(
        RegionalOffice, on_delete=models.PROTECT, null=True, blank=True, related_name="districts"
    )

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("rayon")
        verbose_name_plural = _("rayonlar")
        constraints = [
            models.CheckConstraint(
                condition=Q(served_by_azerishiq=False) | Q(office__isnull=False),
                name="served_district_has_office",
            ),
            models.UniqueConstraint(fields=["name", "kind"], name="district_unique_name_kind"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name as people write it: "Bakı ş., Nəsimi r.", "Lənkəran ş.", "Quba r.".

        English and Russian use the names' established forms, kept beside the Azerbaijani one
        ("Baku, Nasimi district", «г. Баку, Насиминский р-н»).
        """
        if self.kind == self.Kind.CITY_DISTRICT:
            names = {"city": self.parent.local_name, "district": self.local_name}
            return gettext("%(city)s ş., %(district)s r.") % names
        if self.kind == self.Kind.CITY:
            return gettext("%(name)s ş.") % {"name": self.local_name}
        return gettext("%(name)s r.") % {"name": self.local_name}

    @property
    def local_name(self) -> str:
        """The name in the active language: its English or Russian form where one is known."""
        translated = {"en": self.name_en, "ru": self.name_ru}.get(get_language() or "az", "")
        return translated or self.name

    @property
    def list_order_key(self) -> tuple:
        """Baku's city districts first, then everything else in Azerbaijani alphabetical order."""
        return (self.kind != self.Kind.CITY_DISTRICT, az_sort_key(self.name), self.kind)


class Subscriber(models.Model):
    """A person as the state registry knows them; names stored exactly as the registry gives them."""

    fin = models.CharField("FİN", max_length=7, unique=True, validators=[fin_validator])
    last_name = models.CharField(_("soyadı"), max_length=100)
    first_name = models.CharField(_("adı"), max_length=100)
    patronymic = models.CharField(_("atasının adı"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Every change (a rename approved in the back office) keeps the previous names, who and why.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("abonent")
        verbose_name_plural = _("abonentlər")
        constraints = [
            models.CheckConstraint(condition=Q(fin__regex=FIN_PATTERN), name="subscriber_fin_format"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)


class Property(models.Model):
    """A private house or apartment, identified by its real-estate registry extract."""

    class Kind(models.TextChoices):
        HOUSE = "house", _("Fərdi yaşayış evi")
        APARTMENT = "apartment", _("Mənzil")

    kind = models.CharField(_("növ"), max_length=16, choices=Kind.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="properties")
    registry_number = models.CharField(_("reyestr nömrəsi"), max_length=13)
    registration_number = models.CharField(_("qeydiyyat nömrəsi"), max_length=12)
    address = models.CharField(_("ünvan"), max_length=255)

    class Meta:
        verbose_name = _("əmlak")
        verbose_name_plural = _("əmlaklar")
        constraints = [
            models.UniqueConstraint(
                fields=["registry_number", "registration_number"], name="property_unique_extract"
            ),
        ]

    def __str__(self):
        return self.address


class MeterKind(models.TextChoices):
    SMART = "smart", _("Smart sayğac")
    CONVENTIONAL = "conventional", _("Adi sayğac")


class AccountQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Account.Status.ACTIVE)


class Account(models.Model):
    """A household electricity account (şəxsi hesab), identified by its 15-digit abonent kodu: our
    copy of what Azərişıq's billing holds (billing is the truth; `synced_at` says when it spoke)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("aktiv")
        CLOSED = "closed", _("bağlı")

    subscriber_code = models.CharField(
        _("abonent kodu"), max_length=15, unique=True, validators=[subscriber_code_validator]
    )
    holder = models.ForeignKey(Subscriber, on_delete=models.PROTECT, related_name="accounts")
    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="accounts")
    contract_number = models.CharField(_("müqavilə nömrəsi"), max_length=32, unique=True)
    contract_start = models.DateField(_("müqavilənin başlanğıcı"))
    contract_end = models.DateField(_("müqavilənin sonu"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    # Positive = the subscriber owes (debitor borc); negative = prepaid (kreditor).
    balance = models.DecimalField(_("balans, AZN"), max_digits=12, decimal_places=2, default=Decimal(0))
    contact_phone = models.CharField(_("mobil nömrə"), max_length=16, blank=True)
    contact_email = models.EmailField(_("e-poçt ünvanı"), blank=True)
    meter_number = models.CharField(_("sayğacın nömrəsi"), max_length=20, blank=True)
    meter_kind = models.CharField(_("sayğacın növü"), max_length=16, choices=MeterKind.choices, blank=True)
    # The display: how many digits before and after the decimal point a reading has.
    meter_integer_digits = models.PositiveSmallIntegerField(default=6)
    meter_decimal_digits = models.PositiveSmallIntegerField(default=1)
    last_billed_kwh = models.DecimalField(
        _("son hesablanmış göstərici, kVt·saat"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    last_billed_on = models.DateField(_("son hesablama tarixi"), null=True, blank=True)
    # This row is a copy of what billing said (subscribers.services.account_refresh), at this moment.
    synced_at = models.DateTimeField(_("billinqdən alınıb"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AccountQuerySet.as_manager()
    # Every change of holder, contract or contacts keeps the previous state, who and why.
    history = HistoricalRecords(excluded_fields=["updated_at", "synced_at"])

    class Meta:
        verbose_name = _("şəxsi hesab")
        verbose_name_plural = _("şəxsi hesablar")
        constraints = [
            models.CheckConstraint(
                condition=Q(subscriber_code__regex=SUBSCRIBER_CODE_PATTERN),
                name="account_subscriber_code_format",
            ),
        ]

    def __str__(self):
        return self.subscriber_code
