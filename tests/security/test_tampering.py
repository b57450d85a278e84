"""Hand-crafted requests no honest browser sends: steps skipped or replayed, hidden fields
tampered with, another citizen's data, requests without the CSRF token. Each is refused (or
harmless), never a server error, and never sends an application that should not exist."""

import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from applications.eligibility import ApplicationRefused
from applications.models import Application
from notifications.models import Notification
from tests.support.demo import AYSEL, LEYLA, LEYLA_ACCOUNT, NESIMI_FLAT, RAUF_ACCOUNT, SUMQAYIT_FLAT, TURAL
from tests.support.demo import NESIMI_FLAT as NESIMI_EXTRACT
from tests.support.demo import SUMQAYIT_FLAT as SUMQAYIT_EXTRACT
from tests.support.staff import submit
from tests.support.wizard import (
    CONTACT,
    CURRENT_STEP,
    application_fields,
    assert_redirects_to,
    assert_refused_at,
    e164,
    fill_until,
    handover_fields,
    post_contact,
    post_step,
    send,
    step_payload,
    step_url,
    submission_key,
)
from tests.support.world import last_code_sent_to

pytestmark = pytest.mark.usefixtures("world")


@pytest.fixture
def aysel(signed_in_client):
    return signed_in_client(AYSEL)


# --- skipping steps -----------------------------------------------------------------------


@pytest.mark.parametrize("filled", [None, "basic", "application", "property", "handover"])
def test_sending_before_every_step_is_done_sends_nothing(aysel, filled):
    if filled:
        fill_until(aysel, filled)

    response = post_step(aysel, "check", {"declaration": "on"}, submission_key=str(uuid.uuid4()))

    assert response.status_code == 302
    assert response["Location"] != "/apply/submitted/"
    assert Application.objects.count() == 0


def test_later_steps_posted_out_of_order_are_not_counted_as_done(aysel):
    fill_until(aysel, "basic")
    post_step(aysel, "property", NESIMI_FLAT)
    post_step(aysel, "contact", CONTACT)

    assert_redirects_to(aysel.get(step_url("check")), step_url("application"))
    assert_redirects_to(aysel.get(step_url("contact")), step_url("application"))
    assert Application.objects.count() == 0


@pytest.mark.parametrize("target", ["check", "contact", "done"])
def test_go_to_step_cannot_jump_past_unfinished_steps(aysel, target):
    fill_until(aysel, "basic")

    response = post_step(aysel, "application", {}, wizard_goto_step=target)

    followed = aysel.get(response["Location"]) if response.status_code == 302 else response
    assert followed.status_code in (200, 302)
    if followed.status_code == 302:
        assert followed["Location"] in (step_url("basic"), step_url("application"))
    assert Application.objects.count() == 0


def test_return_to_check_cannot_skip_unfinished_steps(aysel):
    fill_until(aysel, "basic")

    response = post_step(
        aysel, "application", application_fields("transfer", RAUF_ACCOUNT), return_to_check="1"
    )

    assert_redirects_to(response, f"{step_url('property')}?change=1")


@pytest.mark.parametrize("step_name", ["done", "", "../check", "check\x00", "basic/../check", "x" * 5000])
def test_tampered_step_field_is_refused_without_an_error(aysel, step_name):
    fill_until(aysel, "basic")

    response = aysel.post(step_url("check"), {CURRENT_STEP: step_name, "check-declaration": "on"})

    assert response.status_code in (302, 400)
    assert Application.objects.count() == 0


def test_a_get_never_sends(aysel):
    fill_until(aysel, "contact")
    key = submission_key(aysel)

    for url in (step_url("check"), step_url("done"), "/apply/"):
        aysel.get(url, {"check-declaration": "on", "submission_key": key, CURRENT_STEP: "check"})

    assert Application.objects.count() == 0


# --- replaying old requests ---------------------------------------------------------------


def journey_posts(client: Client) -> list[tuple[str, dict]]:
    """Walk Aysel's whole journey, returning every POST as it was sent (to replay them)."""
    posts = [
        ("basic", step_payload("basic")),
        ("application", step_payload("application", application_fields("transfer", RAUF_ACCOUNT))),
        ("property", step_payload("property", NESIMI_FLAT)),
        ("handover", step_payload("handover", handover_fields())),
    ]
    for step, payload in posts:
        client.post(step_url(step), payload)
    assert_redirects_to(post_contact(client, CONTACT), step_url("check"))
    code = last_code_sent_to(e164(CONTACT["mobile_phone"]))
    posts.append(("contact", step_payload("contact", {**CONTACT, "otp_code": code})))
    posts.append(
        ("check", step_payload("check", {"declaration": "on"}, submission_key=submission_key(client)))
    )
    assert_redirects_to(client.post(step_url("check"), posts[-1][1]), "/apply/submitted/")
    return posts


@pytest.mark.parametrize("device", ["the same browser", "another device"])
def test_replaying_a_whole_journey_opens_no_second_application(citizen, device):
    browser = citizen(AYSEL)
    posts = journey_posts(browser)
    replayer = browser if device == "the same browser" else citizen(AYSEL)

    # The final POST first: a double submission shows the confirmation of the same application.
    assert_redirects_to(replayer.post(step_url("check"), posts[-1][1]), "/apply/submitted/")
    answers = [replayer.post(step_url(step), payload) for step, payload in posts]

    assert_refused_at(answers[1], "application", "subscriber_code", "artıq baxılan müraciət var")
    assert Application.objects.count() == 1
    assert Notification.objects.filter(template="receipt").count() == 1


def test_a_used_one_time_code_does_not_confirm_another_number(aysel):
    fill_until(aysel, "contact")
    used_code = last_code_sent_to(e164(CONTACT["mobile_phone"]))
    other_mobile = {**CONTACT, "mobile_phone": "055 765 43 21"}

    response = post_step(aysel, "contact", {**other_mobile, "otp_code": used_code})

    assert_refused_at(response, "contact", "otp_code")
    assert_redirects_to(aysel.get(step_url("check")), step_url("contact"))


# --- hidden fields of someone else ------------------------------------------------------


def test_another_citizens_unsent_draft_key_neither_sends_nor_blocks_their_application(citizen):
    leyla = citizen(LEYLA)
    fill_until(leyla, "contact", kind="rename", code=LEYLA_ACCOUNT, place=SUMQAYIT_FLAT)
    leylas_key = submission_key(leyla)
    aysel = citizen(AYSEL)
    fill_until(aysel, "contact")

    assert_redirects_to(send(aysel, leylas_key), "/apply/submitted/")
    assert_redirects_to(send(leyla, leylas_key), "/apply/submitted/")

    sent = {application.applicant.fin: application for application in Application.objects.all()}
    assert set(sent) == {AYSEL, LEYLA}
    assert str(sent[LEYLA].submission_key) == leylas_key
    assert str(sent[AYSEL].submission_key) != leylas_key


def test_another_citizens_sent_key_shows_nothing_of_theirs(citizen):
    leylas = submit(LEYLA, "rename", LEYLA_ACCOUNT, SUMQAYIT_EXTRACT)
    aysel = citizen(AYSEL)
    fill_until(aysel, "contact")

    response = send(aysel, str(leylas.submission_key))

    assert_redirects_to(response, "/apply/submitted/")
    confirmation = aysel.get("/apply/submitted/").content.decode()
    assert leylas.number not in confirmation
    assert Application.objects.filter(applicant__fin=AYSEL).count() == 1


# --- another citizen's data ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fin", "kind", "code", "place", "step", "field", "message"),
    [
        # Tural asks for Rauf's account with the flat Aysel bought.
        (
            TURAL,
            "transfer",
            RAUF_ACCOUNT,
            NESIMI_FLAT,
            "property",
            "registry_number",
            "mülkiyyətçisi deyilsiniz",
        ),
        # Aysel asks for Leyla's account with Leyla's flat.
        (
            AYSEL,
            "transfer",
            LEYLA_ACCOUNT,
            SUMQAYIT_FLAT,
            "property",
            "registry_number",
            "mülkiyyətçisi deyil",
        ),
        # Aysel asks for Leyla's account with her own flat.
        (AYSEL, "transfer", LEYLA_ACCOUNT, NESIMI_FLAT, "property", "registry_number", "ünvanı deyil"),
        # Aysel renames the holder of Leyla's account.
        (AYSEL, "rename", LEYLA_ACCOUNT, SUMQAYIT_FLAT, "application", "kind", "yalnız hesabın sahibi"),
    ],
)
def test_another_citizens_account_or_property_is_refused_by_the_domain_rules(
    citizen, fin, kind, code, place, step, field, message
):
    browser = citizen(fin)
    fill_until(browser, "basic")
    answers = {"application": application_fields(kind, code), "property": place}
    response = None
    for current in ("application", "property"):
        response = post_step(browser, current, answers[current])
        if current == step:
            break

    assert_refused_at(response, step, field, message)
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("fin", "kind", "code", "extract"),
    [
        (TURAL, "transfer", RAUF_ACCOUNT, NESIMI_EXTRACT),
        (AYSEL, "transfer", LEYLA_ACCOUNT, SUMQAYIT_EXTRACT),
        (AYSEL, "rename", LEYLA_ACCOUNT, SUMQAYIT_EXTRACT),
        (LEYLA, "rename", RAUF_ACCOUNT, NESIMI_EXTRACT),
    ],
)
def test_the_submission_service_refuses_another_citizens_data_without_the_forms(fin, kind, code, extract):
    with pytest.raises(ApplicationRefused):
        submit(fin, kind, code, extract)

    assert Application.objects.count() == 0


# --- cross-site requests ------------------------------------------------------------------

CSRF_EXEMPT = {
    # Twilio cannot send a CSRF token; the request's signature authenticates it instead
    # (tests/notifications/test_views_status_callback.py).
    "notifications:twilio_status",
    # The emulated ASAN Login's token and userinfo endpoints (OAuth 2.0: called by the OIDC client,
    # not a browser; the client secret or the access token authenticates them; 404 with a real
    # ASAN Login).
    "oauth2_provider:token",
    "oauth2_provider:user-info",
    # e-gov.az's machine clients: the token endpoint (the client secret authenticates it) and the
    # API (Bearer tokens, no cookies; django-ninja exempts it), and the API's 404 for other paths.
    "oauth2_token",
    "egov-api:application_by_number",
    "egov-api:applications_of_citizen",
    "api_unknown_path",
}


def _views(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _views(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name), pattern.callback


def test_no_view_is_exempt_from_csrf_checks_but_the_signed_gateway_callback():
    exempt = {
        name for name, view in _views(get_resolver().url_patterns) if getattr(view, "csrf_exempt", False)
    }

    assert exempt == CSRF_EXEMPT


def test_state_changing_posts_without_the_csrf_token_are_refused(citizen):
    leylas = submit(LEYLA, "rename", LEYLA_ACCOUNT, SUMQAYIT_EXTRACT)
    signed_in = citizen(LEYLA)
    fill_until(signed_in, "basic")
    forged = Client(enforce_csrf_checks=True)
    forged.cookies = signed_in.cookies
    login_page = Client().get("/signin/")["Location"]

    for url, data in (
        (login_page, {"fin": AYSEL, "method": "asan_imza"}),
        ("/signin/out/", {}),
        ("/signin/keep-alive/", {}),
        ("/status/", {"number": leylas.number}),
        (step_url("application"), step_payload("application", application_fields("rename", LEYLA_ACCOUNT))),
        (step_url("basic"), {"wizard_reset": "1"}),
        (f"/my/{leylas.number}/withdraw/", {}),
        ("/i18n/setlang/", {"language": "en"}),
        ("/admin/login/", {"username": "operator.baki", "password": "demo-operator-2026"}),
    ):
        assert forged.post(url, data).status_code == 403, url

    assert Application.objects.get().status == Application.Status.SUBMITTED
    assert signed_in.get(step_url("application")).status_code == 200  # still signed in, draft kept
