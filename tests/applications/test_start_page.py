"""The start page, as e-gov.az lists a service: what it does, who may use it, what is needed, how
long it takes, what it costs, its legal basis and the other ways to apply, in each language; a
signed-in citizen's unfinished application to resume; arrivals from e-gov.az counted, not tracked."""

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session

from applications.models import WizardDraft
from tests.support.demo import AYSEL, LEYLA
from tests.support.metrics import TOKEN, scrape, value
from tests.support.wizard import fill_until, step_url, visible_text

ARRIVALS = "azerishiq_start_page_arrivals_total"

# What each part of the page says, in each language (a fragment of its heading or its text).
PARTS = {
    "az": {
        "what": "Bu xidmətlə siz:",
        "who": "Kim müraciət edə bilər",
        "needs": ["ASAN Login", "reyestr və qeydiyyat nömrələri", "aktiv mobil nömrə"],
        "how long": "Azərişıq müraciətə 5 iş günü ərzində baxır",
        "free": "Xidmət pulsuzdur.",
        "legal basis": "Hüquqi əsas",
        "other ways": ["ASAN xidmət mərkəzlərində", "199"],
        "start": "Başla",
    },
    "en": {
        "what": "Use this service to:",
        "who": "Who can apply",
        "needs": ["ASAN Login", "registry and registration numbers", "active mobile number"],
        "how long": "Azerishiq deals with the application within 5 working days",
        "free": "The service is free.",
        "legal basis": "Legal basis",
        "other ways": ["ASAN service centre", "199"],
        "start": "Start now",
    },
    "ru": {
        "what": "С помощью этой услуги вы можете:",
        "who": "Кто может подать заявление",
        "needs": ["ASAN Login", "реестровый и регистрационный номера", "действующий мобильный номер"],
        "how long": "«Азеришыг» рассматривает заявление в течение 5 рабочих дней",
        "free": "Услуга бесплатная.",
        "legal basis": "Правовое основание",
        "other ways": ["ASAN xidmət", "199"],
        "start": "Начать",
    },
}


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN


@pytest.mark.parametrize("language", PARTS)
def test_the_start_page_shows_every_part_in_each_language(client, language):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language

    page = visible_text(client.get("/"))

    for part, texts in PARTS[language].items():
        for text in [texts] if isinstance(texts, str) else texts:
            assert text in page, (part, text, page)


def test_the_decision_period_is_the_one_due_dates_count(client, settings):
    settings.APPLICATION_DECISION_WORKING_DAYS = 3

    assert "Azərişıq müraciətə 3 iş günü ərzində baxır" in visible_text(client.get("/"))


def test_the_start_button_opens_the_wizard(client):
    response = client.get("/")

    assert 'href="/apply/"' in response.content.decode()
    assert "Yarımçıq müraciətiniz var." not in visible_text(response)


def test_a_citizen_with_an_unfinished_application_is_offered_to_resume_it(signed_in_client, db):
    browser = signed_in_client(AYSEL)
    fill_until(browser, "property")

    page = browser.get("/")

    assert "Yarımçıq müraciətiniz var." in visible_text(page)
    assert "Qaldığınız yerdən davam edin" in visible_text(page)
    resumed = browser.get("/apply/", follow=True)
    assert resumed.redirect_chain[-1][0] == step_url("handover")


def test_a_citizen_without_a_draft_is_not_offered_one(signed_in_client, db):
    browser = signed_in_client(LEYLA)
    WizardDraft.objects.filter(user__fin=LEYLA).delete()

    assert "Yarımçıq müraciətiniz var." not in visible_text(browser.get("/"))


def test_an_arrival_from_e_gov_is_counted_and_leaves_no_trace(client, db, metrics_token):
    before = scrape()
    sessions = Session.objects.count()

    arrival = client.get("/?source=egov")

    assert arrival.status_code == 302 and arrival["Location"] == "/"  # the parameter goes no further
    assert not arrival.cookies  # no cookie, so nothing follows the visitor
    assert Session.objects.count() == sessions  # and no record of them
    assert value(scrape(), ARRIVALS, source="egov") - value(before, ARRIVALS, source="egov") == 1
    page = client.get(arrival["Location"])
    assert "source" not in page.content.decode().split("<main", 1)[1]  # nor does any link carry it


def test_an_unknown_source_is_counted_as_other_and_never_as_a_new_label(client, db, metrics_token):
    before = scrape()

    arrival = client.get("/?source=someone-elses-campaign-123")

    after = scrape()
    assert arrival.status_code == 302 and arrival["Location"] == "/"
    assert value(after, ARRIVALS, source="other") - value(before, ARRIVALS, source="other") == 1
    assert not [labels for name, labels in after if name == ARRIVALS and "someone" in str(labels)]


def test_other_parameters_survive_the_source_being_dropped(client, db):
    arrival = client.get("/?source=egov&utm=x")

    assert arrival["Location"] == "/?utm=x"


def test_a_visit_without_a_source_is_not_counted(client, db, metrics_token):
    before = scrape()

    assert client.get("/").status_code == 200

    assert value(scrape(), ARRIVALS, source="egov") == value(before, ARRIVALS, source="egov")
