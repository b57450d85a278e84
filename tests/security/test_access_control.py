"""Every URL that takes an identifier, requested by someone it does not belong to: another
citizen, an anonymous visitor, staff of another office. The answer is a 404 or 403 (or the
sign-in page for the anonymous), never the page and never a change.

The list is built from the URL resolver: a new URL with a parameter fails
test_every_url_with_a_parameter_is_covered until it is added here.
"""

import random
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django_ratelimit.core import _split_rate

from applications import numbers
from applications.corrections.views import handed_in_file_token
from applications.documents.generation import documents_generate
from applications.documents.links import bundle_token
from applications.documents.models import Document, DocumentBundle
from applications.handover.links import previous_holder_url
from applications.links import status_link_url
from applications.models import Application
from applications.selectors import application_public_status
from applications.services import (
    application_approve,
    application_claim,
    application_reject,
    application_request_info,
    application_withdraw,
)
from subscribers.models import Account
from tests.support.applications import citizen_user
from tests.support.demo import (
    AYSEL,
    LEYLA,
    LEYLA_ACCOUNT,
    OPERATOR_BAKI,
    OPERATOR_SUMQAYIT,
    RAUF_ACCOUNT,
    SUPERVISOR,
)
from tests.support.demo import NESIMI_FLAT as NESIMI_EXTRACT
from tests.support.demo import SUMQAYIT_FLAT as SUMQAYIT_EXTRACT
from tests.support.staff import refreshed, submit, user, visible_text
from tests.support.urls import (
    ADMIN_OBJECT_PATTERNS,
    admin_object_urls,
    admin_targets,
    handed_in_sample,
    has_parameters,
)
from tests.support.wizard import CURRENT_STEP, fill_until, input_value

pytestmark = pytest.mark.usefixtures("world")

CITIZEN_URLS = {
    "my/<application_number:number>/": ("GET", "POST"),
    "my/<application_number:number>/withdraw/": ("GET", "POST"),
    "my/<application_number:number>/correct/": ("POST",),
    "my/<application_number:number>/correct/<slug:step>/": ("GET", "POST"),
    "my/<application_number:number>/answer/": ("GET", "POST"),
}
# A handed-in file's signed link (test_handed_in_file_links_open_only_for_the_applicant_and_the_office).
FILE_URLS = {"files/<str:token>/"}
DOCUMENT_URLS = {
    "d/<str:token>/": "",
    "d/<str:token>/<document:slug>.pdf": "receipt.pdf",
    "d/<str:token>/<document:slug>/": "receipt/",
}
# The outgoing holder's and the co-owners' signed links (test_handover_links_refuse_forged_links).
HANDOVER_URLS = {
    "h/<str:token>/": ("h", ""),
    "h/<str:token>/final-bill.pdf": ("h", "final-bill.pdf"),
    "r/<str:token>/": ("r", ""),
}
# The applicant's status link (test_status_links_refuse_forged_links).
STATUS_URLS = {"s/<str:token>/": ""}
EXEMPT = {
    # A step of the signed-in citizen's own draft: the draft is found by who is signed in,
    # never by the URL (test_a_wizard_step_url_shows_only_the_signed_in_citizens_draft).
    "apply/<slug:step>/": "own draft",
    # The public verification page: tested below (no personal data, unknown codes are a 404).
    "verify/<slug:code>/": "public by design",
}
# e-gov.az's API: only a machine client's token opens it (test_the_egov_api_refuses_every_session).
API_URLS = {"api/v1/applications/<number>": "/api/v1/applications/{number}"}
# The admin's list of an app's models, and its catch-all: no object is named by either.
EXEMPT_VIEWS = {"app_index", "catch_all_view"}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif has_parameters(pattern) and getattr(pattern.callback, "__name__", "") not in EXEMPT_VIEWS:
            yield route


@pytest.fixture
def back_office_urls() -> dict[str, str]:
    return admin_object_urls(admin_targets())


def test_every_url_with_a_parameter_is_covered(back_office_urls):
    covered = {
        *CITIZEN_URLS,
        *DOCUMENT_URLS,
        *HANDOVER_URLS,
        *STATUS_URLS,
        *API_URLS,
        *FILE_URLS,
        *EXEMPT,
        *back_office_urls,
    }

    uncovered = set(_routes(get_resolver().url_patterns)) - covered

    assert not uncovered, f"URLs with a parameter that no access-control test requests: {sorted(uncovered)}"


def test_the_egov_api_refuses_every_session(client, staff_client):
    """A signed-in citizen (even the applicant), staff and anonymous visitors get 401: the API
    reads no session, only a client's Bearer token."""
    application = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_EXTRACT)
    applicant = Client()
    applicant.force_login(citizen_user(AYSEL))
    for browser in (client, applicant, staff_client(SUPERVISOR)):
        for url in API_URLS.values():
            response = browser.get(url.format(number=application.number))
            assert response.status_code == 401, url
            assert response["Content-Type"] == "application/problem+json"
    assert not application.accesses.exists()


def test_back_office_object_urls_refuse_anonymous_visitors_and_citizens(back_office_urls, client):
    citizen_browser = Client()
    citizen_browser.force_login(citizen_user(LEYLA))

    for route, url in back_office_urls.items():
        for browser in (client, citizen_browser):
            for method in ("get", "post"):
                response = getattr(browser, method)(url)
                assert response.status_code == 302, (route, method, response.status_code)
                assert response["Location"].startswith("/admin/login/"), (route, method)


def test_back_office_object_urls_refuse_staff_of_another_office(back_office_urls, staff_client):
    application = Application.objects.get()
    holder_before = Account.objects.get(subscriber_code=RAUF_ACCOUNT).holder_id
    other_office = staff_client(OPERATOR_SUMQAYIT)

    for route, url in back_office_urls.items():
        for method in ("get", "post"):
            response = getattr(other_office, method)(url, {"reason": "debt", "message": "x", "post": "yes"})
            if route.endswith("/<path:object_id>/") and response.status_code == 302:
                # The admin's old object URL only redirects to the change page, which decides.
                response = other_office.get(response["Location"])
            assert response.status_code in (403, 404), (route, method, response.status_code)

    assert refreshed(application).status == Application.Status.SUBMITTED
    assert Account.objects.get(subscriber_code=RAUF_ACCOUNT).holder_id == holder_before
    assert user(OPERATOR_BAKI).is_active and Application.objects.count() == 1


@pytest.mark.parametrize("route", ADMIN_OBJECT_PATTERNS)
def test_back_office_object_urls_answer_staff_of_the_right_office_without_an_error(
    back_office_urls, staff_client, route
):
    for username in (OPERATOR_BAKI, SUPERVISOR):
        response = staff_client(username).get(back_office_urls[route])
        assert response.status_code in (200, 302, 403, 404), (username, response.status_code)


def test_the_same_urls_open_for_staff_of_the_right_office(back_office_urls, staff_client):
    # The control: the refusals above are about the office, not a broken sign-in.
    own_office = staff_client(OPERATOR_BAKI)
    for route in (
        "admin/applications/application/<path:object_id>/change/",
        "admin/applications/application/<int:object_id>/registry/",
        "admin/subscribers/account/<path:object_id>/change/",
        "admin/subscribers/account/<path:object_id>/history/",
        "admin/subscribers/property/<path:object_id>/history/",
    ):
        assert own_office.get(back_office_urls[route]).status_code == 200, route


# --- the citizen's own applications ---------------------------------------------------------


@pytest.fixture
def leylas_application():
    """Leyla's rename, the office waiting for her answer (so every page of it exists)."""
    application = submit(LEYLA, "rename", LEYLA_ACCOUNT, SUMQAYIT_EXTRACT)
    operator = user(OPERATOR_SUMQAYIT)
    application_claim(application=application, actor=operator)
    return application_request_info(application=application, actor=operator, message="Çıxarışı yükləyin")


FORM = "application/x-www-form-urlencoded"
FORM_BODY = f"{CURRENT_STEP}=check&check-declaration=on"


def citizen_urls(number: str) -> list[tuple[str, str, str]]:
    paths = {
        "my/<application_number:number>/": f"/my/{number}/",
        "my/<application_number:number>/withdraw/": f"/my/{number}/withdraw/",
        "my/<application_number:number>/correct/": f"/my/{number}/correct/",
        "my/<application_number:number>/correct/<slug:step>/": f"/my/{number}/correct/check/",
        "my/<application_number:number>/answer/": f"/my/{number}/answer/",
    }
    return [(route, method, paths[route]) for route, methods in CITIZEN_URLS.items() for method in methods]


def test_own_application_pages_open_for_their_citizen(leylas_application, citizen):
    leyla = citizen(LEYLA)
    assert leyla.get(f"/my/{leylas_application.number}/").status_code == 200
    assert leyla.get(f"/my/{leylas_application.number}/withdraw/").status_code == 200
    assert leyla.post(f"/my/{leylas_application.number}/correct/").status_code == 302
    assert leyla.get(f"/my/{leylas_application.number}/correct/check/").status_code == 200


@pytest.mark.parametrize("who", ["another citizen", "staff of the same office", "staff of another office"])
def test_another_citizens_application_is_a_404_on_every_page(leylas_application, citizen, staff_client, who):
    browser = {
        "another citizen": lambda: citizen(AYSEL),
        "staff of the same office": lambda: staff_client(OPERATOR_SUMQAYIT),
        "staff of another office": lambda: staff_client(OPERATOR_BAKI),
    }[who]()

    for route, method, url in citizen_urls(leylas_application.number):
        response = browser.generic(method, url, FORM_BODY, content_type=FORM)
        assert response.status_code == 404, (route, method, response.status_code)
        assert "Quliyeva" not in visible_text(response) and "Çıxarışı yükləyin" not in visible_text(response)

    assert refreshed(leylas_application).status == Application.Status.INFO_REQUESTED


def test_anonymous_visitors_are_sent_to_sign_in_from_every_page(leylas_application, client):
    for route, method, url in citizen_urls(leylas_application.number):
        response = client.generic(method, url)
        assert response.status_code == 302, (route, method, response.status_code)
        assert response["Location"].startswith("/signin/?next="), route

    assert refreshed(leylas_application).status == Application.Status.INFO_REQUESTED


@pytest.mark.parametrize(
    "number", ["AZI-22222-22222", "azi-22222-22222", "%00", "AZI-" + "2" * 500, "1 OR 1=1"]
)
def test_unknown_or_malformed_numbers_are_the_same_404(citizen, number):
    browser = citizen(AYSEL)

    for _route, method, url in citizen_urls(number):
        assert browser.generic(method, url).status_code == 404, url


def test_a_wizard_step_url_shows_only_the_signed_in_citizens_draft(citizen, client):
    leyla = citizen(LEYLA)
    fill_until(leyla, "basic")
    leyla.post(
        "/apply/application/",
        {
            CURRENT_STEP: "application",
            "application-kind": "rename",
            "application-subscriber_code": LEYLA_ACCOUNT,
        },
    )
    aysel = citizen(AYSEL)
    fill_until(aysel, "basic")

    page = aysel.get("/apply/application/")

    assert input_value(page, "application-subscriber_code") == ""
    assert client.get("/apply/application/")["Location"].startswith("/signin/?next=")


# --- document links and verification --------------------------------------------------------


@pytest.fixture
def bundle() -> DocumentBundle:
    application = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_EXTRACT)
    documents_generate(application_id=application.pk)
    return application.document_bundle


def forged_tokens(bundle: DocumentBundle) -> list[str]:
    token = bundle_token(bundle.key)
    key, expiry, signature = token.rsplit(".", 2)
    leylas = submit(LEYLA, "rename", LEYLA_ACCOUNT, SUMQAYIT_EXTRACT).document_bundle
    return [
        f"{leylas.key}.{expiry}.{signature}",  # another bundle under this link's signature
        f"{key}.{int(expiry, 16) + 3650:x}.{signature}",  # a later expiry
        f"{key}.{expiry}.{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        f"{key}.{expiry}.",
        f"{key}.{expiry}",
        key,
        "\x00",
        "x" * 2000,
    ]


IDENTITY = ("2AB3C4D", "Məmmədova")  # Aysel's FİN and surname, in every document she gets


def test_the_bundle_page_opens_with_its_link_alone_but_shows_no_identity_data(bundle, client):
    response = client.get(f"/d/{bundle_token(bundle.key)}/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert bundle.application.number in visible_text(response)
    for identity in IDENTITY:
        assert identity not in visible_text(response)


@pytest.mark.parametrize("route", [route for route, tail in DOCUMENT_URLS.items() if tail])
def test_documents_with_identity_data_need_the_applicants_sign_in(bundle, client, citizen, route):
    url = f"/d/{bundle_token(bundle.key)}/{DOCUMENT_URLS[route]}"

    anonymous = client.get(url)
    someone_else = citizen(LEYLA).get(url)
    applicant = citizen(AYSEL).get(url)

    my_page = f"/my/{bundle.application.number}/"
    for refused in (anonymous, someone_else):
        assert (
            refused.status_code == 302 and refused["Location"] == f"/signin/?next={quote(my_page, safe='')}"
        )
    assert applicant.status_code == 200
    assert "no-store" in applicant["Cache-Control"] and "private" in applicant["Cache-Control"]


def test_links_stop_opening_once_the_application_is_withdrawn(bundle, citizen):
    aysel = citizen(AYSEL)
    token = bundle_token(bundle.key)
    number = bundle.application.number
    assert token in aysel.get(f"/my/{number}/").content.decode()

    aysel.post(f"/my/{number}/withdraw/")
    opened = [aysel.get(f"/d/{token}/{tail}") for tail in DOCUMENT_URLS.values()]
    my_page = aysel.get(f"/my/{number}/").content.decode()

    assert [page.status_code for page in opened] == [410] * len(DOCUMENT_URLS)
    assert bundle.key not in my_page and "/d/" not in my_page


def test_links_stop_opening_once_the_application_is_rejected(bundle, citizen):
    Application.objects.filter(pk=bundle.application.pk).update(status=Application.Status.REJECTED)

    opened = [citizen(AYSEL).get(f"/d/{bundle_token(bundle.key)}/{tail}") for tail in DOCUMENT_URLS.values()]

    assert [page.status_code for page in opened] == [410] * len(DOCUMENT_URLS)


def test_document_links_live_days_not_a_month(settings):
    assert settings.DOCUMENT_LINK_MAX_AGE_DAYS <= 7


def test_document_urls_refuse_forged_links(bundle, client):
    for token in forged_tokens(bundle):
        for route, tail in DOCUMENT_URLS.items():
            response = client.get(f"/d/{token}/{tail}")
            assert response.status_code == 404, (route, token, response.status_code)
            assert "Məmmədova" not in visible_text(response)


def test_handover_links_refuse_forged_links(bundle, client):
    handover = bundle.application.handover
    real = previous_holder_url(handover).rsplit("/h/", 1)[1].rstrip("/")
    key, expiry, signature = real.split(".")
    forged = [
        f"{key}.{int(expiry, 16) + 3650:x}.{signature}",  # a later expiry
        f"{key}.{expiry}.{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        f"{key}.{expiry}",
        key,
        "é.1.é",
        "x" * 2000,
    ]
    for token in forged:
        for route, (prefix, tail) in HANDOVER_URLS.items():
            response = client.post(f"/{prefix}/{token}/{tail}", {"answer": "confirm"})
            assert response.status_code in (404, 405), (route, token, response.status_code)
            assert "Məmmədova" not in visible_text(response)
    handover.refresh_from_db()
    assert handover.answer == "pending"


def test_status_links_refuse_forged_links(bundle, client):
    application = bundle.application
    real = status_link_url(application).rsplit("/s/", 1)[1].rstrip("/")
    key, expiry, signature = real.split(".")
    forged = [
        f"{key}.{int(expiry, 16) + 3650:x}.{signature}",  # a later expiry
        f"{key}.{expiry}.{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        f"{key}.{expiry}",
        key,
        application.number,
        "é.1.é",
        "x" * 2000,
    ]
    assert client.get(f"/s/{real}/").status_code == 200  # the control
    for token in forged:
        response = client.get(f"/s/{token}/")
        assert response.status_code == 404, (token, response.status_code)
        assert application.number not in visible_text(response)


def test_verification_page_shows_no_personal_data_and_unknown_codes_are_a_404(bundle, client):
    document = Document.objects.filter(bundle=bundle).first()

    page = visible_text(client.get(f"/verify/{document.verification_code}/"))

    assert bundle.application.number in page
    for personal in ("Məmmədova", "Aysel", AYSEL, RAUF_ACCOUNT, "Vurğun", "Əliyev", "50 123", "608011001798"):
        assert personal not in page
    for code in ("unknown-code", document.verification_code[:-1], "%00", "x" * 500):
        assert client.get(f"/verify/{code}/").status_code == 404, code


# --- the public status lookup ---------------------------------------------------------------


def application_in(status: str) -> Application:
    """Aysel's transfer moved to `status` by the services, with an office message and a note."""
    application = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_EXTRACT, email="aysel@example.az")
    operator = user(OPERATOR_BAKI)
    if status == Application.Status.WITHDRAWN:
        return application_withdraw(application=application, applicant=citizen_user(AYSEL))
    if status != Application.Status.SUBMITTED:
        application_claim(application=application, actor=operator)
    if status == Application.Status.INFO_REQUESTED:
        application_request_info(application=application, actor=operator, message=PRIVATE_MESSAGE)
    if status == Application.Status.APPROVED:
        application_approve(application=application, actor=operator)
    if status == Application.Status.REJECTED:
        application_reject(application=application, actor=operator, reason="other", note=PRIVATE_MESSAGE)
    return refreshed(application)


PRIVATE_MESSAGE = "Aysel xanım, S. Vurğun küç. 24 üçün çıxarışı yükləyin"
PERSONAL = (
    "Məmmədova",
    "Aysel",
    "Rövşən",
    AYSEL,
    "Əliyev",
    "Rauf",
    "9XY8Z7W",
    RAUF_ACCOUNT,
    "Vurğun",
    "608011001798",
    "1725022423",
    "+994501234567",
    "050 123 45 67",
    "50 123",
    "aysel@example.az",
    "xanım",
    "AA1234567",
)


def status_section(response) -> str:
    match = re.search(r'<section class="status-result".*?</section>', response.content.decode(), re.S)
    assert match, response.content.decode()[:500]
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())


@pytest.mark.parametrize("status", Application.Status.values)
def test_status_lookup_shows_no_personal_data_in_any_status(client, status):
    application = application_in(status)
    operator = user(OPERATOR_BAKI)

    page = visible_text(client.post("/status/", {"number": application.number}))

    assert f"{application.number}: {application.get_status_display()}" in page
    for personal in (*PERSONAL, operator.first_name, operator.last_name, operator.username):
        assert personal not in page, personal


@pytest.mark.parametrize("status", Application.Status.values)
def test_status_lookup_answer_holds_only_the_number_kind_status_office_and_dates(client, status):
    application = application_in(status)
    public = application_public_status(number=application.number)

    section = status_section(client.post("/status/", {"number": application.number}))

    allowed = [
        public.number,
        public.kind,
        public.status,
        public.office,
        *(stage.label for stage in public.stages),
        "Müraciətin növü",
        "Status",
        "Baxan ofis",
        "Göndərilib",
        "Gözlənilən qərar tarixi",
        "Mərhələlər",
        "gözlənilir",
    ]
    for text in sorted(allowed, key=len, reverse=True):
        section = section.replace(text, " ")
    leftover = re.sub(r"\d{2}\.\d{2}\.\d{4}|[\s:.,—-]", "", section)
    assert leftover == "", section


def test_an_unknown_number_gets_the_same_neutral_answer_as_any_other(client):
    known = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_EXTRACT)
    unknown = [number for number in (numbers.generate() for _ in range(3)) if number != known.number][:2]

    answers = [status_section(client.post("/status/", {"number": number})) for number in unknown]

    assert answers[0].startswith("Müraciət tapılmadı")
    assert answers[0] == answers[1]


def test_status_lookups_are_limited_per_client_address_whatever_the_headers(client, settings):
    limit, _period = _split_rate(settings.STATUS_LOOKUP_RATE)
    guesses = [numbers.generate() for _ in range(limit)]

    answers = [client.post("/status/", {"number": guess}).status_code for guess in guesses]
    over = client.post("/status/", {"number": numbers.generate()})
    spoofed = client.post(
        "/status/", {"number": "typo"}, HTTP_X_FORWARDED_FOR="203.0.113.7", HTTP_X_REAL_IP="203.0.113.7"
    )
    other_client = client.post("/status/", {"number": guesses[0]}, REMOTE_ADDR="198.51.100.2")

    assert answers == [200] * limit
    assert over.status_code == 429 and spoofed.status_code == 429
    assert other_client.status_code == 200


def test_exactly_one_check_character_completes_any_nine_symbols():
    rng = random.Random(2026)
    for _ in range(300):
        payload = "".join(rng.choice(numbers.ALPHABET) for _ in range(numbers.PAYLOAD_LENGTH))
        completions = [payload + check for check in numbers.ALPHABET if _is_number(payload + check)]
        assert len(completions) == 1, payload


def _is_number(symbols: str) -> bool:
    try:
        numbers.normalize(symbols)
    except numbers.InvalidApplicationNumber:
        return False
    return True


def test_guessing_one_application_in_a_million_at_the_rate_limit_takes_decades(settings):
    limit, period = _split_rate(settings.STATUS_LOOKUP_RATE)
    lookups_a_year = limit * (365 * 24 * 3600 / period)
    valid_numbers = len(numbers.ALPHABET) ** numbers.PAYLOAD_LENGTH  # the check character is determined
    applications = 10**6

    # Every guess is well-formed (the check character is public); each hits with this chance.
    years_to_first_hit = (valid_numbers / applications) / lookups_a_year

    assert valid_numbers >= 10**12
    assert years_to_first_hit >= 20, f"{years_to_first_hit:.1f} years from one address"


def test_handed_in_file_links_open_only_for_the_applicant_and_the_office(client, citizen, staff_client):
    application = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_EXTRACT)
    handed_in = handed_in_sample(application)
    token = handed_in_file_token(handed_in)
    key, expiry, signature = token.rsplit(".", 2)
    forged = [f"{key}.{int(expiry, 16) + 30:x}.{signature}", f"{key}.{expiry}.", key, "\x00", "x" * 2000]

    for browser in (client, citizen(LEYLA), staff_client(OPERATOR_SUMQAYIT)):
        assert browser.get(f"/files/{token}/").status_code == 404
    for bad in forged:
        assert citizen(AYSEL).get(f"/files/{quote(bad)}/").status_code == 404, bad
    assert citizen(AYSEL).get(f"/files/{token}/").status_code == 200
    assert staff_client(OPERATOR_BAKI).get(f"/files/{token}/").status_code == 200
