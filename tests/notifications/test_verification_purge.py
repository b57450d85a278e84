"""One-time codes past use are deleted, and a code left in an SMS text that never left is blanked
once it has expired, by an hourly beat task."""

import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from notifications.models import Notification, PhoneVerification
from notifications.tasks import verification_codes_purge_task
from notifications.verification import (
    CODE_LIFETIME,
    VERIFIED_FOR,
    phone_confirmation,
    phone_verification_start,
    verification_codes_purge,
)
from tests.support.outbox import MOBILE


def made_ago(model, pk: int, age: timedelta) -> None:
    model.objects.filter(pk=pk).update(created_at=timezone.now() - age)


def test_codes_older_than_they_can_matter_are_deleted(aysel):
    old = phone_verification_start(user=aysel, phone=MOBILE, language="az")
    made_ago(PhoneVerification, old.pk, VERIFIED_FOR + CODE_LIFETIME + timedelta(minutes=1))
    confirmed = phone_verification_start(user=aysel, phone="+994551234567", language="az")
    PhoneVerification.objects.filter(pk=confirmed.pk).update(verified_at=timezone.now() - timedelta(hours=20))
    made_ago(PhoneVerification, confirmed.pk, timedelta(hours=20, minutes=5))

    deleted, _ = verification_codes_purge()

    assert deleted == 1
    assert list(PhoneVerification.objects.values_list("pk", flat=True)) == [confirmed.pk]
    assert phone_confirmation(user=aysel, phone="+994551234567") == "verified"  # still counts


def test_an_expired_code_in_a_failed_sms_is_blanked_and_a_live_one_kept(aysel):
    phone_verification_start(user=aysel, phone=MOBILE, language="az")
    failed = Notification.objects.get(sensitive=True)
    Notification.objects.filter(pk=failed.pk).update(status=Notification.Status.FAILED)
    made_ago(Notification, failed.pk, CODE_LIFETIME + timedelta(minutes=1))
    phone_verification_start(user=aysel, phone="+994551234567", language="az")
    pending = Notification.objects.filter(sensitive=True).exclude(pk=failed.pk).get()
    receipt_like = Notification.objects.create(
        channel="sms", recipient=MOBILE, template="receipt", body="Azərişıq: müraciət 123456 qəbul edildi."
    )
    made_ago(Notification, receipt_like.pk, timedelta(days=2))

    _, blanked = verification_codes_purge()

    assert blanked == 1
    failed.refresh_from_db()
    assert "••••••" in failed.body and re.search(r"\d{6}", failed.body) is None
    pending.refresh_from_db()
    assert "••••••" not in pending.body  # still to be sent, still valid
    receipt_like.refresh_from_db()
    assert "123456" in receipt_like.body  # not a one-time code


def test_a_code_that_never_left_is_blanked_after_a_day(aysel):
    phone_verification_start(user=aysel, phone=MOBILE, language="az")
    stuck = Notification.objects.get(sensitive=True)
    made_ago(Notification, stuck.pk, VERIFIED_FOR + timedelta(minutes=1))

    assert verification_codes_purge() == (0, 1)
    stuck.refresh_from_db()
    assert "••••••" in stuck.body


def test_the_task_runs_hourly_from_beat_and_again_harmlessly(aysel):
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "notifications.tasks.verification_codes_purge_task"
    )
    assert entry["schedule"] <= 60 * 60
    old = phone_verification_start(user=aysel, phone=MOBILE, language="az")
    made_ago(PhoneVerification, old.pk, VERIFIED_FOR + CODE_LIFETIME + timedelta(minutes=1))

    verification_codes_purge_task.delay()
    verification_codes_purge_task.delay()

    assert not PhoneVerification.objects.exists()
