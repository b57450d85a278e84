"""/dev/sms/: what the console gateway "sent", for a developer running the portal locally."""

import pytest

from notifications.models import Notification
from notifications.verification import phone_verification_start
from tests.support.outbox import MOBILE, submit_application, visible_text

OTHER_MOBILE = "+994551234567"
CONSOLE = {"BACKEND": "integrations.sms.fake.ConsoleSmsGateway"}


@pytest.fixture
def console_sms(settings):
    settings.SMS_GATEWAY = CONSOLE


def test_dev_outbox_is_not_found_with_debug_off(client, settings, console_sms):
    settings.DEBUG = False

    assert client.get("/dev/sms/").status_code == 404


def test_dev_outbox_shows_console_messages_newest_first_with_debug_on(
    client, settings, console_sms, aysel, django_capture_on_commit_callbacks, capsys
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(aysel)
    with django_capture_on_commit_callbacks(execute=True):
        phone_verification_start(user=aysel, phone=OTHER_MOBILE, language="az")

    response = client.get("/dev/sms/")

    assert response.status_code == 200
    text = visible_text(response)
    assert text.index("təsdiq kodu") < text.index(application.number), "newest first"
    assert OTHER_MOBILE in text and MOBILE in text
    receipt = Notification.objects.get(application=application)
    assert receipt.status == Notification.Status.SENT
    assert receipt.provider_message_id == f"console-{receipt.pk}"
    link = receipt.body.split("qəbul edildi: ")[1]
    assert f'href="{link}"' in response.content.decode()
    printed = capsys.readouterr().out
    masked_link = receipt.body.replace(link.split("/d/")[1].split("/")[0], "[token]")
    assert f"[SMS to +994 50 ••• •• {MOBILE[-2:]}] {masked_link}" in printed  # /dev/sms/ shows it whole
    assert MOBILE not in printed and OTHER_MOBILE not in printed  # terminals end up in log files


def test_dev_outbox_is_empty_until_something_is_sent(client, settings, console_sms):
    settings.DEBUG = True

    response = client.get("/dev/sms/")

    assert response.status_code == 200
    assert "No SMS yet" in visible_text(response)
