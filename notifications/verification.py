"""Proving that a citizen's mobile number is active: a one-time code by SMS.

Rules (the issue's): 6 digits, valid 10 minutes, at most 5 tries per code, a new code at
most once a minute, at most 5 codes an hour per number and per citizen. Only an HMAC of the
code is stored (a 6-digit code's plain hash is reversed in a millisecond), and the SMS text
is blanked in the outbox once sent.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Notification, PhoneVerification
from .services import notification_queue

CODE_LIFETIME = timedelta(minutes=10)
RESEND_AFTER = timedelta(seconds=60)
MAX_TRIES = 5
MAX_CODES_PER_HOUR = 5
# A number confirmed once stays confirmed for the rest of the citizen's application.
VERIFIED_FOR = timedelta(days=1)


class VerificationRefused(Exception):
    """The code was not sent or not accepted; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _hash(*, phone: str, code: str) -> str:
    key = hashlib.sha256(f"notifications.verification:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def phone_verification_start(*, user, phone: str, language: str) -> PhoneVerification:
    """Send a new code to `phone`; raises VerificationRefused when asked too often."""
    now = timezone.now()
    latest = PhoneVerification.objects.filter(user=user, phone=phone).order_by("-created_at").first()
    if latest is not None and now - latest.created_at < RESEND_AFTER:
        wait = int((RESEND_AFTER - (now - latest.created_at)).total_seconds()) + 1
        raise VerificationRefused(
            ngettext(
                "Yeni kodu %(seconds)d saniyədən sonra istəyə bilərsiniz.",
                "Yeni kodu %(seconds)d saniyədən sonra istəyə bilərsiniz.",
                wait,
            )
            % {"seconds": wait}
        )
    hour_ago = now - timedelta(hours=1)
    recent = PhoneVerification.objects.filter(created_at__gte=hour_ago)
    if (
        recent.filter(phone=phone).count() >= MAX_CODES_PER_HOUR
        or recent.filter(user=user).count() >= MAX_CODES_PER_HOUR
    ):
        raise VerificationRefused(
            _("Bir saat ərzində çox kod istənilib. Bir saatdan sonra yenidən cəhd edin.")
        )
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        verification = PhoneVerification.objects.create(
            user=user, phone=phone, code_hash=_hash(phone=phone, code=code), expires_at=now + CODE_LIFETIME
        )
        notification = notification_queue(
            channel=Notification.Channel.SMS,
            recipient=phone,
            template="otp",
            language=language,
            context={"code": code},
        )
        Notification.objects.filter(pk=notification.pk).update(sensitive=True)
    return verification


def phone_verification_check(*, user, phone: str, code: str) -> None:
    """Accept the latest code sent to `phone`; raises VerificationRefused (wrong, expired,
    too many tries, none sent)."""
    with transaction.atomic():
        verification = (
            PhoneVerification.objects.select_for_update()
            .filter(user=user, phone=phone)
            .order_by("-created_at")
            .first()
        )
        if verification is None:
            raise VerificationRefused(_("Bu nömrəyə kod göndərilməyib. “Kodu göndər” düyməsini basın."))
        if verification.verified_at is not None:
            return
        if verification.attempts >= MAX_TRIES:
            raise VerificationRefused(_("Kod çox dəfə səhv yazılıb. Yeni kod istəyin."))
        if timezone.now() > verification.expires_at:
            raise VerificationRefused(_("Kodun vaxtı bitib (10 dəqiqə). Yeni kod istəyin."))
        verification.attempts += 1
        if not hmac.compare_digest(verification.code_hash, _hash(phone=phone, code=code)):
            verification.save(update_fields=["attempts"])
            left = MAX_TRIES - verification.attempts
            if left == 0:
                raise VerificationRefused(_("Kod çox dəfə səhv yazılıb. Yeni kod istəyin."))
            raise VerificationRefused(
                ngettext(
                    "Kod səhvdir. Daha %(left)d cəhdiniz qalıb.",
                    "Kod səhvdir. Daha %(left)d cəhdiniz qalıb.",
                    left,
                )
                % {"left": left}
            )
        verification.verified_at = timezone.now()
        verification.save(update_fields=["attempts", "verified_at"])


def phone_is_verified(*, user, phone: str) -> bool:
    """Whether the citizen proved they receive SMS on `phone` recently."""
    return PhoneVerification.objects.filter(
        user=user, phone=phone, verified_at__gte=timezone.now() - VERIFIED_FOR
    ).exists()


def code_was_sent(*, user, phone: str) -> bool:
    """Whether a code that can still be used was sent to `phone`."""
    return PhoneVerification.objects.filter(
        user=user, phone=phone, expires_at__gt=timezone.now(), verified_at__isnull=True
    ).exists()
