"""Staff's second factor for the back office: an authenticator app (TOTP, django-otp) and ten
single-use recovery codes.

Rules: a staff member without a confirmed authenticator sets one up right after the password,
but only with an enrolment code issued for them (`manage.py staff_enrolment_code`), valid once
and for STAFF_ENROLMENT_CODE_MINUTES — so a stolen password of an officer not yet enrolled (or
whose device was removed) is not enough to enrol the thief's phone. The secret is then shown, the
first code confirms it; recovery codes are issued then, shown once, and each works once.
Wrong codes slow the device down exponentially (django-otp) and
count towards the sign-in lockout like wrong passwords (the caller reports them to axes).
"""

import base64
import binascii
from datetime import timedelta

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE = "recovery"
# A one-time code for setting up an authenticator: a StaticDevice of its own, never confirmed,
# so it is never accepted as a second factor.
ENROLMENT_DEVICE = "enrolment"


class SecondFactorRefused(Exception):
    """The code was wrong, already used, or typed too soon after wrong ones; the message says so."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def has_authenticator(user) -> bool:
    """Whether the staff member has a confirmed authenticator (else they must set one up)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def authenticator_setup_start(*, user) -> TOTPDevice:
    """The unconfirmed authenticator being set up: created once, the same one until confirmed
    (a reload does not invalidate a secret already scanned)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def authenticator_setup_confirm(*, user, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator being set up with its first code, and issue recovery codes
    (returned once). Raises SecondFactorRefused."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        # The refusal is returned, not raised, inside atomic(): raising would roll back the
        # throttling that django-otp records for a wrong code.
        refusal = _("Quraşdırma başlanmayıb.") if device is None else _check(device, token)
        if refusal is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            codes = recovery_codes_issue(user=user)
    if refusal is not None:
        raise SecondFactorRefused(refusal)
    return device, codes


def recovery_codes_issue(*, user) -> list[str]:
    """Replace the staff member's recovery codes with RECOVERY_CODE_COUNT new ones; returns them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_verify(*, user, token: str) -> Device:
    """The device that accepts `token`: six digits are an authenticator code, anything else a
    recovery code (used up on success). Raises SecondFactorRefused."""
    token = "".join(token.split()).lower()
    model = TOTPDevice if token.isdigit() else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
        refusal = _("Kod səhvdir.") if device is None else _check(device, token)
    if refusal is not None:
        raise SecondFactorRefused(refusal)
    return device


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE).count()


def enrolment_code_issue(*, user) -> str:
    """A new one-time code that lets `user` set up an authenticator (replacing any earlier one),
    valid for STAFF_ENROLMENT_CODE_MINUTES. Returned once; only django-otp's copy is stored."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user, name=ENROLMENT_DEVICE).delete()
        device = StaticDevice.objects.create(user=user, name=ENROLMENT_DEVICE, confirmed=False)
        code = StaticToken.random_token()
        StaticToken.objects.create(device=device, token=code)
    return code


def enrolment_code_use(*, user, code: str) -> None:
    """Use up `user`'s enrolment code; raises SecondFactorRefused (none issued, expired, wrong)."""
    code = "".join(code.split()).lower()
    lifetime = timedelta(minutes=settings.STAFF_ENROLMENT_CODE_MINUTES)
    with transaction.atomic():
        device = (
            StaticDevice.objects.select_for_update()
            .filter(user=user, name=ENROLMENT_DEVICE, confirmed=False)
            .first()
        )
        if device is None:
            refusal = _("Sizə qeydiyyat kodu verilməyib. Rəhbərinizdən və ya administratordan kod istəyin.")
        elif device.created_at < timezone.now() - lifetime:
            device.delete()
            refusal = _(
                "Qeydiyyat kodunun vaxtı bitib. Rəhbərinizdən və ya administratordan yeni kod istəyin."
            )
        else:
            refusal = _check(device, code)
            if refusal is None:
                device.delete()  # valid once
    if refusal is not None:
        raise SecondFactorRefused(refusal)


def _check(device, token: str) -> str | None:
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
        return ngettext(
            "Çox səhv kod yazılıb. %(seconds)d saniyədən sonra yenidən cəhd edin.",
            "Çox səhv kod yazılıb. %(seconds)d saniyədən sonra yenidən cəhd edin.",
            wait,
        ) % {"seconds": wait}
    if not device.verify_token(token):
        return _("Kod səhvdir.")
    return None


# --- showing the secret -------------------------------------------------------------------------


def authenticator_secret(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def authenticator_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as a QR code, an SVG data: URI (allowed by the CSP's img-src)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4)


def totp_key_from_secret(secret: str) -> str:
    """A base32 secret (as printed for authenticator apps) as django-otp's hex key."""
    try:
        return binascii.hexlify(base64.b32decode(secret.replace(" ", "").upper())).decode()
    except binascii.Error as error:
        raise ValueError(f"not a base32 secret: {error}") from error


def current_code(device: TOTPDevice) -> str:
    """The code the device's authenticator app shows now (the demo_totp command)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
