"""Azerbaijani, English and Russian: the switch on every page, what it keeps and remembers, and
the pages, messages, SMS and documents a citizen gets in the language they chose."""

import ast
import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

import integrations.registry.demo
from applications.documents.models import Document
from applications.models import Application
from applications.services import application_claim
from backoffice.roles import roles_sync
from backoffice.services import staff_demo_load
from core.collation import az_sort_key
from notifications.models import Notification
from subscribers.demo import demo_data_load
from subscribers.models import District, RegionalOffice
from tests.support.demo import AYSEL, ELCIN, GENCE_ACCOUNT, NESIMI_FLAT, RAUF_ACCOUNT
from tests.support.wizard import (
    CONTACT,
    application_fields,
    assert_redirects_to,
    complete_wizard,
    field_error,
    fill_until,
    form_controls,
    post_step,
    sign_in,
    step_url,
    title,
    visible_text,
)

OTHER_LANGUAGES = ["en", "ru"]
# What the interface says in each language (a few words every page or step has).
SAYS = {
    "az": {"continue": "Davam et", "back": "Geri", "error": "Xəta: ", "my": "Müraciətlərim"},
    "en": {"continue": "Continue", "back": "Back", "error": "Error: ", "my": "My applications"},
    "ru": {"continue": "Продолжить", "back": "Назад", "error": "Ошибка: ", "my": "Мои заявления"},
}
AZERBAIJANI_LETTERS = re.compile(r"[əƏıİğĞşŞçÇöÖüÜ]")
WORD_BREAKS = re.compile(r"[\s,.:;()«»“”!?]+")


@pytest.fixture(autouse=True)
def demo(db):
    demo_data_load()


@pytest.fixture(autouse=True)
def strict_glyphs(settings):
    settings.DOCUMENTS_STRICT_GLYPHS = True


def switch_language(client, language: str, page: str):
    """The switch as the page renders it: its hidden `next` and the chosen language's button."""
    shown = client.get(page)
    # (A signed-in page has a second `next`: the session timeout's "Continue", to the same page.)
    assert set(form_controls(shown).values["next"]) == {page}, "the switch must come back to this page"
    return client.post("/i18n/setlang/", {"language": language, "next": page})


def signed_in(client, fin: str = AYSEL):
    assert_redirects_to(sign_in(client, fin), "/apply/")
    return client


# --- Azerbaijani data in an English or Russian page --------------------------------------


def proper_names() -> set[str]:
    """Words that stay Azerbaijani in every language: the demo registry's names and addresses,
    the districts and regions, the sign-in methods, and the language's own name in the switch."""
    source = Path(integrations.registry.demo.__file__).read_text(encoding="utf-8")
    texts = [node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)]
    texts += list(District.objects.values_list("name", flat=True))
    texts += list(District.objects.values_list("economic_region", flat=True))
    texts += ["Azərbaycanca", "Asan İmza", "SİMA", "FİN", "ASAN xidmət"]
    return {word for text in texts if isinstance(text, str) for word in WORD_BREAKS.split(text)}


def azerbaijani_words(response) -> set[str]:
    """Azerbaijani words on the page that are neither proper names nor masked names (R*** Ə*****)."""
    allowed = proper_names()
    words = WORD_BREAKS.split(visible_text(response))
    return {w for w in words if AZERBAIJANI_LETTERS.search(w) and w not in allowed and "*" not in w}


# --- the switch --------------------------------------------------------------------------


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_switch_keeps_you_on_the_same_page(client, language):
    switched = switch_language(client, language, "/status/")

    assert_redirects_to(switched, "/status/")
    page = client.get("/status/")
    assert f'<html lang="{language}">' in page.content.decode()
    assert page["Content-Language"] == language


def test_the_choice_is_remembered_by_later_requests(client):
    switched = switch_language(client, "ru", "/")

    cookie = switched.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ru"
    assert int(cookie["max-age"]) >= 300 * 24 * 60 * 60, "remembered for months, not the browser session"
    assert "Статус заявления" in visible_text(client.get("/status/"))
    assert "Мои заявления" in visible_text(signed_in(client).get("/my/"))


def test_azerbaijani_stays_the_default(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.8")
    assert '<html lang="az">' in page.content.decode()
    assert "Başla" in visible_text(page)
    assert "Başla" in azerbaijani_words(page)  # what the English and Russian pages are checked for


def test_the_switch_keeps_the_wizards_progress(client):
    signed_in(client)
    fill_until(client, "application")  # steps 1 and 2 done, the citizen is on step 3

    switched = switch_language(client, "en", step_url("property"))

    assert_redirects_to(switched, step_url("property"))
    page = client.get(step_url("property"))
    text = visible_text(page)
    assert "Step 3 of 5" in text  # a transfer hands over
    assert "Personal account found" in text and RAUF_ACCOUNT in text
    assert form_controls(client.get(step_url("application"))).values["application-subscriber_code"] == [
        RAUF_ACCOUNT
    ]
    # The steps already done still count: the citizen carries on from step 3, in English.
    assert_redirects_to(post_step(client, "property", NESIMI_FLAT), step_url("handover"))
    assert SAYS["en"]["continue"] in visible_text(client.get(step_url("handover")))


# --- pages and messages in each language -------------------------------------------------


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_start_and_status_pages_are_translated(client, language):
    switch_language(client, language, "/")
    start = client.get("/")
    status = client.get("/status/")

    assert {"en": "Start now", "ru": "Начать"}[language] in visible_text(start)
    assert {"en": "Application status", "ru": "Статус заявления"}[language] in title(status)
    assert not azerbaijani_words(start)
    assert not azerbaijani_words(status)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_wizard_step_is_translated(client, language):
    says = SAYS[language]
    signed_in(client)
    switch_language(client, language, "/")

    pages = {"basic": client.get(step_url("basic"))}
    for step, answers in (("basic", {}), ("application", application_fields("transfer", RAUF_ACCOUNT))):
        post_step(client, step, answers)
    pages["application"] = client.get(step_url("application"))
    pages["property"] = client.get(step_url("property"))
    fill_until(client, "contact")
    pages["check"] = client.get(step_url("check"))

    for step, page in pages.items():
        assert page.status_code == 200, step
        assert not azerbaijani_words(page), (step, azerbaijani_words(page))
    for step in ("basic", "application", "property"):
        assert says["continue"] in visible_text(pages[step])
    assert says["back"] in visible_text(pages["property"])
    assert {"en": "Send application", "ru": "Отправить заявление"}[language] in visible_text(pages["check"])


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_form_errors_are_translated(client, language):
    signed_in(client)
    switch_language(client, language, "/")
    post_step(client, "basic", {})

    refused = post_step(client, "application", {"kind": "", "subscriber_code": "12345"})

    assert title(refused).startswith(SAYS[language]["error"]), title(refused)
    kind_error, code_error = {
        "en": (
            "Select the type of application",
            "The subscriber code must be 15 digits, you entered 5 digits",
        ),
        "ru": ("Выберите тип заявления", "Абонентский код должен состоять из 15 цифр, вы ввели 5 цифр"),
    }[language]
    assert field_error(refused, "application-kind") == kind_error
    assert field_error(refused, "application-subscriber_code") == code_error
    assert not azerbaijani_words(refused)


@pytest.mark.parametrize(
    ("language", "amount", "message"),
    [
        ("az", "45,20 AZN", "Bu şəxsi hesab üzrə 45,20 AZN borc var."),
        ("en", "45.20 AZN", "There is a debt of 45.20 AZN on this personal account."),
        ("ru", "45,20 AZN", "По этому лицевому счёту есть задолженность 45,20 AZN."),
    ],
)
def test_money_is_written_as_each_language_writes_it(client, language, amount, message):
    signed_in(client, ELCIN)
    if language != "az":
        switch_language(client, language, "/")
    post_step(client, "basic", {})

    refused = post_step(client, "application", application_fields("transfer", GENCE_ACCOUNT))

    assert field_error(refused, "application-subscriber_code").startswith(message)
    assert amount in field_error(refused, "application-subscriber_code")


# --- an application sent in English (or Russian) -----------------------------------------


def send_in(client, language: str, django_capture_on_commit_callbacks) -> Application:
    signed_in(client)
    switch_language(client, language, "/apply/basic/")
    with django_capture_on_commit_callbacks(execute=True):
        sent = complete_wizard(client, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)
    assert_redirects_to(sent, "/apply/submitted/")
    return Application.objects.get()


def pdf_text(document: Document) -> str:
    with document.file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_an_application_sent_in_english_stays_english(client, django_capture_on_commit_callbacks):
    application = send_in(client, "en", django_capture_on_commit_callbacks)

    assert application.language == "en"
    code_sms, receipt = Notification.objects.to_applicant().order_by("pk")
    assert code_sms.body.startswith("Azerishiq confirmation code: ")
    assert receipt.body.startswith(
        f"Azerishiq: your application {application.number} has been received. Documents: "
    )
    confirmation = visible_text(client.get("/apply/submitted/"))
    assert "Your application has been received" in confirmation
    assert "Bakı regional registration office" in confirmation


def test_the_documents_of_an_english_application_are_english(client, django_capture_on_commit_callbacks):
    application = send_in(client, "en", django_capture_on_commit_callbacks)
    documents = Document.objects.filter(bundle__application=application)
    receipt = documents.get(kind=Document.Kind.RECEIPT)

    assert {document.language for document in documents} == {"en"}
    text = pdf_text(receipt)
    for label in ("Application receipt", "Subscriber code", "Personal account", "What happens next"):
        assert label in text, label
    assert "Baku, Nasimi district" in text
    assert "Abonent kodu" not in text and "Müraciət qəbzi" not in text
    contract = pdf_text(documents.get(kind=Document.Kind.CONTRACT))
    assert "Contract for the purchase and sale of electricity (draft)" in contract
    assert "8.40 qəpik" in contract or "8.4 qəpik" in contract


def test_the_sms_link_opens_the_documents_in_the_applications_language(
    client, django_capture_on_commit_callbacks
):
    application = send_in(client, "ru", django_capture_on_commit_callbacks)
    receipt = Notification.objects.get(template="receipt")
    link = re.search(r"https?://\S+", receipt.body).group(0).removeprefix(settings.PUBLIC_BASE_URL)

    opened = client.__class__().get(link)  # another browser: no language chosen there

    assert opened.status_code == 200
    assert opened["Content-Language"] == "ru"
    assert "Ваши документы" in visible_text(opened)
    assert receipt.body.startswith(f"Азеришыг: ваше заявление {application.number} принято.")
    document = Document.objects.get(bundle__application=application, kind=Document.Kind.RECEIPT)
    assert "Квитанция о приёме заявления" in pdf_text(document)
    assert "Абонентский код" in pdf_text(document)


def test_later_sms_use_the_applications_language(client, django_capture_on_commit_callbacks):
    application = send_in(client, "en", django_capture_on_commit_callbacks)
    roles_sync()
    staff_demo_load()
    operator = application.office.staff.get()

    with django_capture_on_commit_callbacks(execute=True):
        application_claim(application=application, actor=operator)

    started = Notification.objects.get(template="review_started")
    due = Application.objects.get().due_date
    assert started.body == (
        f"Azerishiq: your application {application.number} is being reviewed. "
        f"A decision will be made by {due:%d/%m/%Y} at the latest."
    )


# --- "Müraciətlərim" and the status page ------------------------------------------------


@pytest.mark.parametrize(
    ("language", "date_format", "status"),
    [("az", "%d.%m.%Y", "Göndərildi"), ("en", "%d/%m/%Y", "Sent"), ("ru", "%d.%m.%Y", "Отправлено")],
)
def test_my_applications_and_the_status_page_in_each_language(
    client, language, date_format, status, django_capture_on_commit_callbacks
):
    application = send_in(client, language, django_capture_on_commit_callbacks)
    today = f"{timezone.localdate():{date_format}}"

    mine = client.get("/my/")
    detail = client.get(f"/my/{application.number}/")
    looked_up = client.post("/status/", {"number": application.number})

    assert SAYS[language]["my"] in title(mine)
    assert status in visible_text(mine) and today in visible_text(mine)
    assert status in visible_text(detail)
    assert today in visible_text(looked_up) and status in visible_text(looked_up)
    if language != "az":
        for page in (mine, detail, looked_up):
            assert not azerbaijani_words(page), azerbaijani_words(page)


# --- districts: proper names, in the Azerbaijani alphabet, in every language -------------


def district_options(client) -> list[tuple[str, str]]:
    page = client.get(step_url("property")).content.decode()
    select = re.search(r'<select name="property-district".*?</select>', page, flags=re.S).group(0)
    return [
        (code, " ".join(label.split()))
        for code, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select, flags=re.S)
        if code
    ]


@pytest.fixture
def on_the_property_step(client):
    signed_in(client)
    fill_until(client, "application")
    return client


def test_districts_keep_their_names_and_order_in_every_language(on_the_property_step):
    client = on_the_property_step
    options = {}
    for language in ("az", "en", "ru"):
        switch_language(client, language, step_url("property"))
        options[language] = district_options(client)

    codes = [code for code, _ in options["az"]]
    assert codes == [code for code, _ in options["en"]] == [code for code, _ in options["ru"]]
    # Baku's city districts first, then every other city and rayon in the Azerbaijani alphabet.
    baku = [code for code in codes if code.startswith("baki-")]
    assert codes[: len(baku)] == baku and len(baku) == 12
    names = [District.objects.get(code=code).name for code in codes[len(baku) :]]
    assert names == sorted(names, key=az_sort_key)
    for earlier, later in (
        ("Ağcabədi", "Astara"),
        ("Kürdəmir", "Qəbələ"),
        ("Qəbələ", "Lerik"),
        ("Şəki", "Tərtər"),
    ):
        assert names.index(earlier) < names.index(later), (earlier, later)

    label = {language: dict(options[language]) for language in options}
    assert label["az"]["baki-nesimi"] == "Bakı ş., Nəsimi r."
    assert label["en"]["baki-nesimi"] == "Baku, Nasimi district"
    assert label["ru"]["baki-nesimi"] == "г. Баку, Насиминский р-н"
    assert (label["az"]["gence-city"], label["en"]["gence-city"], label["ru"]["gence-city"]) == (
        "Gəncə ş.",
        "Ganja city",
        "г. Гянджа",
    )


def test_office_names_are_translated_around_the_regions_name():
    office = RegionalOffice.objects.get(economic_region="Bakı")
    from django.utils import translation

    with translation.override("en"):
        assert office.display_name == "Bakı regional registration office"
    with translation.override("ru"):
        assert office.display_name == "Региональный регистрационный офис Bakı"
    assert office.display_name == office.name == "Bakı regional qeydiyyat ofisi"
    office.name = "Mərkəzi ofis"  # named otherwise by staff: shown as entered
    with translation.override("en"):
        assert office.display_name == "Mərkəzi ofis"


def test_dates_follow_the_language(client):
    from django.utils import formats, translation

    day = datetime.date(2025, 10, 31)
    written = {}
    for language in ("az", "en", "ru"):
        with translation.override(language):
            written[language] = formats.date_format(day, "SHORT_DATE_FORMAT")
    assert written == {"az": "31.10.2025", "en": "31/10/2025", "ru": "31.10.2025"}
