"""The citizen's SMS for every review step, rendered with the longest values, fits in two
UCS-2 parts (134 characters: Azerbaijani letters are outside GSM-7)."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

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
from tests.support.staff import user

MAX_CHARACTERS = 134
PRODUCTION_URL = "https://e-xidmet.azerishiq.az"
LONGEST_NUMBER = "AZI-WWWWW-WWWWW"
LONGEST_REASON = max((str(label) for label in Application.DecisionReason.labels), key=len)
# A bundle link: key (16) . expiry day in hex, five digits after 2031 . signature (14).
LONGEST_BUNDLE_URL = f"{PRODUCTION_URL}/d/{'k' * 16}.10000.{'s' * 14}/"

TEMPLATES = {
    "review_started": {},
    "info_requested": {"portal_url": f"{PRODUCTION_URL}/status/"},
    "resubmitted": {},
    "approved": {"bundle_url": LONGEST_BUNDLE_URL},
    "previous_holder_asked": {"url": f"{PRODUCTION_URL}/h/{'k' * 16}.10000.{'s' * 14}/"},
    "previous_holder_settled": {"url": f"{PRODUCTION_URL}/h/{'k' * 16}.10000.{'s' * 14}/"},
    "co_owner_asked": {"url": f"{PRODUCTION_URL}/r/{'k' * 16}.10000.{'s' * 14}/"},
    "co_owner_declined": {},
    "rejected": {"portal_url": f"{PRODUCTION_URL}/status/", "reason": LONGEST_REASON},
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
    assert len(body) <= MAX_CHARACTERS, (len(body), body)


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
    # The request's SMS opens the citizen's own page, where they read and answer it (signed in).
    assert f"{PRODUCTION_URL}/my/{aysel_transfer.number}/" in texts["info_requested"]
    assert f"{PRODUCTION_URL}/d/" in texts["approved"]
    assert all(len(body) <= MAX_CHARACTERS for body in texts.values()), texts


def test_the_rejection_sms_names_the_reason(leyla_rename):
    from tests.support.demo import OPERATOR_SUMQAYIT

    operator = user(OPERATOR_SUMQAYIT)
    application_claim(application=leyla_rename, actor=operator)
    application_reject(
        application=leyla_rename, actor=operator, reason="data_mismatch", note="Soyad fərqlidir"
    )

    body = Notification.objects.get(application=leyla_rename, template="rejected").body

    assert "(Məlumatlar uyğun deyil)" in body
    assert "Soyad fərqlidir" not in body  # the free text stays on the status page, not in an SMS
    assert body.startswith("Azərişıq: müraciət ")
    assert len(body) <= MAX_CHARACTERS
    assert leyla_rename.number in body
    assert (
        Notification.objects.get(application=leyla_rename, template="rejected").recipient == "+994557654321"
    )
