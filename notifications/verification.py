"""Proving that a citizen's mobile number is active: a one-time code by SMS.

Rules: 6 digits, valid 10 minutes, at most 5 tries per code, a new code at most once a minute.
Hourly quotas (settings.PHONE_CODES_PER_HOUR) count per citizen and number, per citizen, per
client address, and per number whoever asks: that last ceiling is generous (against SMS
pumping), so that strangers asking for a victim's number cannot lock the victim out of their
own codes. Only an HMAC of the
code is stored (a 6-digit code's plain hash is reversed in a millisecond), and the SMS text
is blanked in the outbox once sent.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.models import ONE_TIME_CODE, Notification, PhoneVerification
from notifications.services import notification_queue

CODE_LIFETIME = timedelta(minutes=10)
RESEND_AFTER = timedelta(seconds=60)
MAX_TRIES = 5
# The most codes that may be live or recent for one citizen and number (bounds a query below).
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


def phone_verification_start(
    *, user, phone: str, language: str, client_address: str = ""
) -> PhoneVerification:
    """Send a new code to `phone`, asked from `client_address`; raises VerificationRefused when
    asked too often (see the module's quotas)."""
    now = timezone.now()
    mine = Q(user=user, phone=phone)
    from_address = Q(requested_from=client_address) if client_address else Q(pk__in=[])
    hour_ago = now - timedelta(hours=1)
    recent = PhoneVerification.objects.filter(
        Q(phone=phone) | Q(user=user) | from_address, created_at__gte=hour_ago
    )
    asked = recent.aggregate(
        latest=Max("created_at", filter=mine),
        citizen_and_number=Count("pk", filter=mine),
        citizen=Count("pk", filter=Q(user=user)),
        address=Count("pk", filter=from_address),
        number=Count("pk", filter=Q(phone=phone)),
    )
    if asked["latest"] is not None and now - asked["latest"] < RESEND_AFTER:
        wait = int((RESEND_AFTER - (now - asked["latest"])).total_seconds()) + 1
        raise VerificationRefused(
            ngettext(
                "Yeni kodu %(seconds)d saniyədən sonra istəyə bilərsiniz.",
                "Yeni kodu %(seconds)d saniyədən sonra istəyə bilərsiniz.",
                wait,
            )
            % {"seconds": wait}
        )
    quotas = settings.PHONE_CODES_PER_HOUR
    if any(asked[name] >= quotas[name] for name in quotas):
        raise VerificationRefused(
            _("Bir saat ərzində çox kod istənilib. Bir saatdan sonra yenidən cəhd edin.")
        )
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        verification = PhoneVerification.objects.create(
            user=user,
            phone=phone,
            code_hash=_hash(phone=phone, code=code),
            expires_at=now + CODE_LIFETIME,
            requested_from=client_address or None,
        )
        notification_queue(
            channel=Notification.Channel.SMS,
            recipient=phone,
            template="otp",
            language=language,
            context={"code": code},
            sensitive=True,
        )
    return verification


def phone_verification_check(*, user, phone: str, code: str) -> None:
    """Accept the latest code sent to `phone`; raises VerificationRefused (wrong, expired,
    too many tries, none sent). Every wrong try is counted, whatever the caller does next."""
    refusal = _check_and_count(user=user, phone=phone, code=code)
    if refusal:
        raise VerificationRefused(refusal)


def _check_and_count(*, user, phone: str, code: str) -> str | None:
    # Returns the refusal instead of raising it: raising inside atomic() would roll back the
    # counted try, and a 6-digit code could then be guessed without limit.
    with transaction.atomic():
        verification = (
            PhoneVerification.objects.select_for_update()
            .filter(user=user, phone=phone)
            .order_by("-created_at")
            .first()
        )
        if verification is None:
            return _("Bu nömrəyə kod göndərilməyib. “Davam et” düyməsini basın: kodu SMS ilə göndərəcəyik.")
        if verification.verified_at is not None:
            if verification.verified_at >= timezone.now() - VERIFIED_FOR:
                return None
            # Confirmed long ago: the number must be confirmed again, with a new code.
            return _("Bu nömrəyə kod göndərilməyib. “Davam et” düyməsini basın: kodu SMS ilə göndərəcəyik.")
        if verification.attempts >= MAX_TRIES:
            return _("Kod çox dəfə səhv yazılıb. “Kodu yenidən göndər” düyməsi ilə yeni kod istəyin.")
        if timezone.now() > verification.expires_at:
            return _("Kodun vaxtı bitib (10 dəqiqə). “Kodu yenidən göndər” düyməsi ilə yeni kod istəyin.")
        verification.attempts += 1
        if hmac.compare_digest(verification.code_hash, _hash(phone=phone, code=code)):
            verification.verified_at = timezone.now()
            verification.save(update_fields=["attempts", "verified_at"])
            return None
        verification.save(update_fields=["attempts"])
    left = MAX_TRIES - verification.attempts
    if left == 0:
        return _("Kod çox dəfə səhv yazılıb. “Kodu yenidən göndər” düyməsi ilə yeni kod istəyin.")
    return ngettext(
        "Kod səhvdir. Daha %(left)d cəhdiniz qalıb.",
        "Kod səhvdir. Daha %(left)d cəhdiniz qalıb.",
        left,
    ) % {"left": left}


VERIFIED = "verified"
CODE_SENT = "code_sent"
NOT_STARTED = "not_started"


def phone_confirmation(*, user, phone: str) -> str:
    """Where the citizen is with `phone`: VERIFIED (recently), CODE_SENT (a usable code is out)
    or NOT_STARTED. One query."""
    now = timezone.now()
    live = PhoneVerification.objects.filter(user=user, phone=phone).filter(
        Q(verified_at__gte=now - VERIFIED_FOR) | Q(verified_at__isnull=True, expires_at__gt=now)
    )
    # At most a handful of rows: five codes an hour is the limit.
    verified_at = list(live.values_list("verified_at", flat=True)[: MAX_CODES_PER_HOUR * 2])
    if any(verified_at):
        return VERIFIED
    return CODE_SENT if verified_at else NOT_STARTED


def verification_codes_purge(*, now=None) -> tuple[int, int]:
    """Delete codes that can prove nothing any more (older than VERIFIED_FOR and the code's
    lifetime) and blank the code in one-time-code SMS texts once it has expired (sent ones
    are blanked at sending; this catches those that failed or never left). Returns (deleted,
    blanked); safe to run again."""
    now = now or timezone.now()
    deleted, _ = PhoneVerification.objects.filter(created_at__lt=now - VERIFIED_FOR - CODE_LIFETIME).delete()
    expired = Notification.objects.filter(sensitive=True, body__regex=r"[0-9]{6}").filter(
        Q(created_at__lt=now - CODE_LIFETIME)
        & ~Q(status__in=[Notification.Status.PENDING, Notification.Status.SENDING])
        | Q(created_at__lt=now - VERIFIED_FOR)
    )
    blanked = 0
    for notification in expired.only("pk", "body"):
        blanked += Notification.objects.filter(pk=notification.pk).update(
            body=ONE_TIME_CODE.sub("••••••", notification.body), updated_at=now
        )
    return deleted, blanked
