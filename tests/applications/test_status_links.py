"""The status link in the applicant's SMS (/s/<token>/): it opens that application's public status
and nothing else, without retyping the number; an expired, tampered or foreign link is refused
kindly, with the lookup form."""

import re

import pytest
from django.conf import settings as django_settings

from applications.handover.links import HANDOVER_SALT
from applications.links import STATUS_SALT, status_link_url
from applications.services import application_claim, application_reject, application_request_info
from core.signing import short_token
from notifications.models import Notification
from tests.support.demo import AYSEL, LEYLA, OPERATOR_BAKI, OPERATOR_SUMQAYIT, RAUF_ACCOUNT, TURAL
from tests.support.staff import user
from tests.support.wizard import visible_text

LINK = re.compile(r"https?://\S+/s/([^/\s]+)/")


def link_path(application) -> str:
    return status_link_url(application).removeprefix(django_settings.PUBLIC_BASE_URL)


def sms_link(application, template: str) -> str:
    """The status link the SMS `template` about `application` carried, as a path."""
    body = Notification.objects.get(application=application, template=template).body
    return f"/s/{LINK.search(body).group(1)}/"


@pytest.fixture
def info_requested(aysel_transfer):
    operator = user(OPERATOR_BAKI)
    application_claim(application=aysel_transfer, actor=operator)
    application_request_info(application=aysel_transfer, actor=operator, message="Çıxarışı yenidən yükləyin")
    return aysel_transfer


def test_the_sms_link_opens_the_status_of_its_application(client, info_requested, leyla_rename):
    response = client.get(sms_link(info_requested, "info_requested"))

    page = visible_text(response)
    assert response.status_code == 200
    assert f"{info_requested.number}: Əlavə məlumat tələb olunur" in page
    assert "Şəxsi hesabın digər abonentin adına keçirilməsi" in page
    assert info_requested.office.name in page
    assert leyla_rename.number not in page
    assert 'name="number"' not in response.content.decode()  # nothing to retype


def test_the_rejection_sms_link_opens_the_rejection(client, leyla_rename):
    operator = user(OPERATOR_SUMQAYIT)
    application_claim(application=leyla_rename, actor=operator)
    application_reject(application=leyla_rename, actor=operator, reason="data_mismatch")

    page = visible_text(client.get(sms_link(leyla_rename, "rejected")))

    assert f"{leyla_rename.number}: İmtina edildi" in page


def test_the_link_shows_no_personal_data_and_carries_none(client, info_requested):
    path = link_path(info_requested)
    page = visible_text(client.get(path))

    for personal in ("Məmmədova", "Aysel", AYSEL, "50 123", "aysel@example.az", RAUF_ACCOUNT, "Çıxarışı"):
        assert personal not in page
    for secret in (info_requested.number, info_requested.number.replace("-", ""), AYSEL, "994"):
        assert secret not in path


def test_the_link_page_is_not_stored_nor_indexed(client, info_requested):
    response = client.get(link_path(info_requested))

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_the_page_speaks_the_applications_language_unless_the_reader_chose_one(client, info_requested):
    info_requested.language = "ru"
    info_requested.save(update_fields=["language"])
    path = link_path(info_requested)

    assert "Запрошены дополнительные сведения" in visible_text(client.get(path))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Information requested" in visible_text(client.get(path))


def test_the_applicant_signed_in_is_offered_the_full_page(citizen_client, info_requested):
    browser = citizen_client(AYSEL)
    full_page = f"/my/{info_requested.number}/"

    response = browser.get(link_path(info_requested))

    assert f'href="{full_page}"' in response.content.decode()
    assert "Müraciətin bütün məlumatlarına, sənədlərinə və mesajlarına baxın" in visible_text(response)
    assert browser.get(full_page).status_code == 200


def test_someone_not_signed_in_is_asked_to_sign_in_for_the_full_page(client, info_requested):
    response = client.get(link_path(info_requested))

    assert f'href="/my/{info_requested.number}/"' in response.content.decode()
    assert "ASAN Login ilə daxil olub" in visible_text(response)
    assert client.get(f"/my/{info_requested.number}/").status_code == 302  # to the sign-in


def test_another_citizen_signed_in_is_not_offered_the_full_page(citizen_client, info_requested):
    response = citizen_client(TURAL).get(link_path(info_requested))

    assert f"{info_requested.number}: " in visible_text(response)
    assert "/my/" + info_requested.number not in response.content.decode()


def test_an_expired_link_is_refused_kindly_with_the_lookup_form(client, info_requested, settings):
    settings.STATUS_LINK_MAX_AGE_DAYS = -1  # its last day was yesterday
    expired = link_path(info_requested)
    settings.STATUS_LINK_MAX_AGE_DAYS = 90

    response = client.get(expired)

    page = visible_text(response)
    assert response.status_code == 410
    assert "Keçidin vaxtı bitib" in page and "SMS-dəki vəziyyət keçidi 90 gün işləyir." in page
    assert 'name="number"' in response.content.decode() and 'action="/status/"' in response.content.decode()
    assert info_requested.number not in page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("language", "expired_text", "form_text"),
    [
        ("en", "This link has expired", "Type the application's number and we will show its status."),
        ("ru", "Срок действия ссылки истёк", "Введите номер заявления, и мы покажем его состояние."),
    ],
)
def test_a_refused_link_speaks_the_readers_language(
    client, info_requested, settings, language, expired_text, form_text
):
    settings.STATUS_LINK_MAX_AGE_DAYS = -1
    expired = link_path(info_requested)
    settings.STATUS_LINK_MAX_AGE_DAYS = 90
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language

    page = visible_text(client.get(expired))

    assert expired_text in page and form_text in page


def test_a_tampered_link_is_refused_with_the_lookup_form(client, info_requested):
    token = link_path(info_requested).split("/")[2]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    response = client.get(f"/s/{tampered}/")

    assert response.status_code == 404
    assert "Keçid düzgün deyil" in visible_text(response)
    assert 'name="number"' in response.content.decode()
    assert info_requested.number not in visible_text(response)


def test_another_applications_key_under_this_signature_opens_nothing(client, info_requested, leyla_rename):
    key, expiry, signature = link_path(info_requested).split("/")[2].split(".")

    response = client.get(f"/s/{leyla_rename.status_link_key}.{expiry}.{signature}/")

    assert response.status_code == 404
    assert leyla_rename.number not in visible_text(response)
    assert info_requested.number not in visible_text(response)


def test_a_token_signed_for_another_link_opens_no_status(client, info_requested):
    """A handover link's signature, over this application's status key, is no status link."""
    token = short_token(info_requested.status_link_key, salt=HANDOVER_SALT, max_age_days=30)

    response = client.get(f"/s/{token}/")

    assert response.status_code == 404
    assert info_requested.number not in visible_text(response)


def test_a_well_signed_token_for_no_application_is_refused(client, db):
    response = client.get(f"/s/{short_token('nobodyhas1tX', salt=STATUS_SALT, max_age_days=30)}/")

    assert response.status_code == 404
    assert "Keçid düzgün deyil" in visible_text(response)


def test_link_pages_are_rate_limited_per_client(client, info_requested, settings):
    settings.STATUS_LOOKUP_RATE = "3/m"
    path = link_path(info_requested)
    for _ in range(3):
        assert client.get(path).status_code == 200

    refused = client.get(path)

    assert refused.status_code == 429
    assert "Bir az gözləyin" in visible_text(refused)
    assert "no-store" in refused["Cache-Control"]
    assert client.__class__(REMOTE_ADDR="10.9.8.7").get(path).status_code == 200


def test_the_link_only_answers_reads(client, info_requested):
    assert client.post(link_path(info_requested)).status_code == 405


def test_every_application_has_its_own_key(aysel_transfer, leyla_rename):
    assert aysel_transfer.status_link_key != leyla_rename.status_link_key
    assert LEYLA not in aysel_transfer.status_link_key
