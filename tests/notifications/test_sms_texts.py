"""The SMS budgets, counted in encoded units as a phone counts them (tests/support/sms.py):
Azerbaijani letters (ə, ş, ı, ğ…) and Cyrillic are outside GSM-7, so such a text is sent as UCS-2
(70 units in one part, 67 per part when split); an English one stays in GSM-7 (160 septets alone,
153 per part, the extension table's characters taking two). The one-time code, the most frequent
SMS, fits one part in every language; every other SMS at most two."""

import copy
import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.template.utils import get_app_template_dirs

from applications import numbers
from applications.links import status_link_url
from applications.models import Application
from notifications.models import Notification
from notifications.services import notification_queue
from tests.support.outbox import MOBILE, submit_application
from tests.support.sms import gsm7_septets, is_gsm7, sms_parts, ucs2_units
from tests.support.world import last_code_sent_to

PRODUCTION_URL = "https://e-xidmet.azerishiq.az"
LANGUAGES = [code for code, _ in django_settings.LANGUAGES]
MISSING = "⟦missing: %s⟧"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("a" * 159 + "[", 2),
        ("ə" * 70, 1),
        ("ə" * 71, 2),
        ("ə" * 134, 2),
        ("ə" * 135, 3),
        ("ж" * 70, 1),
        ("🙂" * 35, 1),
        ("🙂" * 36, 2),
        ("a" * 159 + "ş", 3),
    ],
)
def test_sms_parts_counts_as_a_phone_does(text, parts):
    assert sms_parts(text) == parts


def test_units_are_counted_per_encoding():
    assert gsm7_septets("Azerishiq {code} €5") == 22
    assert gsm7_septets("Azərişıq") is None
    assert ucs2_units("Azərişıq 🙂") == 11


def assert_fits(text: str, parts: int = 2):
    units = f"{gsm7_septets(text)} GSM-7 septets" if is_gsm7(text) else f"{ucs2_units(text)} UCS-2 units"
    assert sms_parts(text) <= parts, f"{units}, more than {parts} part(s): {text!r}"


@pytest.fixture
def production_links(settings):
    settings.PUBLIC_BASE_URL = PRODUCTION_URL
    # The longest links: an expiry day past 0xfff (2031), one hex digit more than today's.
    settings.DOCUMENT_LINK_MAX_AGE_DAYS = 3650
    settings.STATUS_LINK_MAX_AGE_DAYS = 3650


def test_application_numbers_have_one_length():
    assert {len(numbers.generate()) for _ in range(500)} == {len("AZI-XXXXX-XXXXX")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_receipt_sms_fits_in_two_parts(aysel, language, production_links, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(aysel, language=language)

    receipt = Notification.objects.get(application=application, channel=Notification.Channel.SMS)
    assert receipt.language == language
    assert f"{PRODUCTION_URL}/d/" in receipt.body
    assert application.number in receipt.body
    assert_fits(receipt.body)


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_time_code_sms_fits_in_one_part(aysel, language, django_capture_on_commit_callbacks, sms_outbox):
    from notifications.verification import phone_verification_start

    with django_capture_on_commit_callbacks(execute=True):
        phone_verification_start(user=aysel, phone=MOBILE, language=language)

    [sms] = sms_outbox
    assert last_code_sent_to(MOBILE) in sms.body
    assert is_gsm7(sms.body) == (language == "en")
    assert_fits(sms.body, parts=1)


# --- every SMS template there is --------------------------------------------------------


def sms_templates() -> list[str]:
    folders = [Path(folder) for engine in django_settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += list(get_app_template_dirs("templates"))
    return sorted(
        {path.stem for folder in folders for path in (folder / "notifications" / "sms").glob("*.txt")}
    )


def test_the_known_sms_templates_are_found():
    assert {"receipt", "otp"} <= set(sms_templates())


@pytest.fixture
def reports_missing_variables(settings):
    """A variable a template uses but the context lacks shows up in the text instead of ""."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = MISSING
    settings.TEMPLATES = templates


class LongestDecisionReason:
    """The longest reason a rejection SMS can carry (the back office's reason labels), in the
    language the SMS is rendered in, as the lazy label the service passes is."""

    def __str__(self):
        return max((str(label) for label in Application.DecisionReason.labels), key=len)


@pytest.fixture
def generous_context(submitted, production_links):
    """Everything an SMS about an application might mention, at realistic (longest) lengths."""
    application = submitted
    application.due_date = datetime.date(2025, 12, 31)
    bundle_url = f"{PRODUCTION_URL}/d/{'x' * 16}.1000.{'y' * 14}/"
    return {
        "application": application,
        "number": application.number,
        "bundle_url": bundle_url,
        # The applicant's status link, as applications/links.py makes it (its real length).
        "status_url": status_link_url(application),
        "reason": LongestDecisionReason(),
        "code": "123456",
        "office": application.office,
        "district": application.district,
        # The outgoing holder's and the co-owners' links (applications/handover/links.py).
        "url": f"{PRODUCTION_URL}/h/{'k' * 16}.1000.{'s' * 14}/",
        "applicant": "A**** M*********",
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", sms_templates())
def test_every_sms_template_fits_in_two_parts(
    template, language, generous_context, reports_missing_variables
):
    body = notification_queue(
        channel=Notification.Channel.SMS,
        recipient=MOBILE,
        template=template,
        language=language,
        context=generous_context,
    ).body

    assert "⟦missing:" not in body, (
        f"templates/notifications/sms/{template}.txt uses a variable this test does not know: "
        f"{body!r}. Add a realistic value for it to generous_context in {__file__}."
    )
    assert_fits(body)


# Azerbaijani letters outside GSM-7 and Latin-1: an SMS with one of them left untranslated.
AZERBAIJANI = set("əƏıİğĞşŞ")
CYRILLIC = re.compile("[а-яА-ЯёЁ]")


@pytest.mark.parametrize("template", sms_templates())
def test_every_sms_template_speaks_each_language(template, generous_context):
    """English SMS stay in GSM-7 (160 characters a part); Russian ones are Russian."""
    bodies = {
        language: notification_queue(
            channel=Notification.Channel.SMS,
            recipient=MOBILE,
            template=template,
            language=language,
            context=generous_context,
        ).body
        for language in ("az", "en", "ru")
    }

    assert bodies["az"].startswith("Azərişıq")
    assert bodies["en"].startswith("Azerishiq"), bodies["en"]
    assert is_gsm7(bodies["en"]), bodies["en"]
    assert bodies["ru"].startswith("Азеришыг"), bodies["ru"]
    assert CYRILLIC.search(bodies["ru"]) and not AZERBAIJANI & set(bodies["ru"]), bodies["ru"]
    for body in bodies.values():
        assert_fits(body)
