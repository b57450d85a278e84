"""The citizen's SMS for every review step, rendered with the longest values, fits in two parts,
counted in encoded units (tests/support/sms.py)."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from applications.links import status_link_url
from applications.models import Application
from applications.services import (
    application_approve,
    application_claim,
    application_reject,
    application_request_info,
    application_resubmit,
)
from notifications.models import Notification
from tests.support.applications import citizen_user
from tests.support.billing import billing_answers
from tests.support.demo import OPERATOR_BAKI
from tests.support.sms import sms_parts
from tests.support.staff import user

PRODUCTION_URL = "https://e-xidmet.azerishiq.az"
LONGEST_NUMBER = "AZI-WWWWW-WWWWW"
LONGEST_REASON = max((str(label) for label in Application.DecisionReason.labels), key=len)
# A bundle link: key (16) . expiry day in hex (days since 2020, four digits from 2031 on) . signature (14).
LONGEST_BUNDLE_URL = f"{PRODUCTION_URL}/d/{'k' * 16}.1000.{'s' * 14}/"
# The applicant's status link (core/signing.py): key (12) . expiry day, five digits . signature (14);
# the length applications/links.py gives is checked against it below.
LONGEST_STATUS_URL = f"{PRODUCTION_URL}/s/{'k' * 12}.10000.{'s' * 14}/"

TEMPLATES = {
    "review_started": {},
    "info_requested": {"status_url": LONGEST_STATUS_URL},
    "resubmitted": {},
    "approved": {"bundle_url": LONGEST_BUNDLE_URL},
    "previous_holder_asked": {"url": f"{PRODUCTION_URL}/h/{'k' * 16}.1000.{'s' * 14}/"},
    "previous_holder_settled": {"url": f"{PRODUCTION_URL}/h/{'k' * 16}.1000.{'s' * 14}/"},
    "co_owner_asked": {"url": f"{PRODUCTION_URL}/r/{'k' * 16}.1000.{'s' * 14}/"},
    "co_owner_declined": {},
    "rejected": {"status_url": LONGEST_STATUS_URL, "reason": LONGEST_REASON},
}


@pytest.mark.parametrize("language", ["az", "en", "ru"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_review_sms_fits_in_two_parts_with_the_longest_values(template, language):
    application = Application(number=LONGEST_NUMBER, due_date=datetime.date(2026, 12, 31))

    with translation.override(language):
        text = render_to_string(
            f"notifications/sms/{template}.txt", {"application": application, **TEMPLATES[template]}
        )
    body = " ".join(text.split())

    assert LONGEST_NUMBER in body
    assert "{" not in body and "%" not in body
    assert sms_parts(body) <= 2, body


def test_the_sms_queued_by_each_step_fit(aysel_transfer, settings):
    settings.PUBLIC_BASE_URL = PRODUCTION_URL
    operator = user(OPERATOR_BAKI)
    application_claim(application=aysel_transfer, actor=operator)
    application_request_info(application=aysel_transfer, actor=operator, message="?")
    application_resubmit(application=aysel_transfer, applicant=citizen_user("2AB3C4D"))
    application_approve(application=aysel_transfer, actor=operator)
    billing_answers(aysel_transfer)

    sms = Notification.objects.filter(application=aysel_transfer, channel=Notification.Channel.SMS)
    texts = dict(sms.values_list("template", "body"))

    assert set(texts) == {
        "receipt",
        "review_started",
        "info_requested",
        "resubmitted",
        "approved",
        # The seller's: asked at submission, his final bill once billing settled it.
        "previous_holder_asked",
        "previous_holder_settled",
    }
    assert status_link_url(aysel_transfer) in texts["info_requested"]
    assert f"{PRODUCTION_URL}/d/" in texts["approved"]
    assert all(sms_parts(body) <= 2 for body in texts.values()), texts


def test_the_status_link_is_no_longer_than_the_one_the_budget_counts(aysel_transfer, settings):
    settings.PUBLIC_BASE_URL = PRODUCTION_URL
    settings.STATUS_LINK_MAX_AGE_DAYS = 365 * 200  # an expiry day far beyond today's

    assert len(status_link_url(aysel_transfer)) <= len(LONGEST_STATUS_URL)


def test_the_rejection_sms_names_the_reason(leyla_rename):
    from tests.support.demo import OPERATOR_SUMQAYIT

    operator = user(OPERATOR_SUMQAYIT)
    application_claim(application=leyla_rename, actor=operator)
    application_reject(
        application=leyla_rename, actor=operator, reason="data_mismatch", note="Soyad fərqlidir"
    )

    body = Notification.objects.get(application=leyla_rename, template="rejected").body

    assert "imtina (Məlumatlar uyğun deyil)" in body
    assert "Soyad fərqlidir" not in body  # the free text stays on the status page, not in an SMS
    assert body.startswith(f"Azərişıq: {leyla_rename.number} üzrə imtina")
    assert status_link_url(leyla_rename) in body
    assert sms_parts(body) <= 2
    assert leyla_rename.number in body
    assert (
        Notification.objects.get(application=leyla_rename, template="rejected").recipient == "+994557654321"
    )
