"""Hypothesis drives every public form with generated input: the sign-in, each step of the
wizard, the one-time code, the declaration and the status lookup.

For every input: never a server error; a refused form is shown again with its errors (the
error summary and the title "Xəta: …"); and a refused form stores nothing — no application,
no message, no one-time code (except the code a valid mobile number asks for). The wizard
deliberately keeps what was typed on a refused step so nothing is lost (the draft's step data),
but the step is not marked done: the draft stays on that step.

Each example runs inside a savepoint that is rolled back, so every example starts from the
same state. FUZZ_BUDGET is how many inputs each test generates; together ≥ 10,000 a run.
"""

import contextlib
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from applications import numbers
from applications.documents.links import bundle_token
from applications.models import Application, WizardDraft
from integrations.identity.forms import FakeAsanLoginForm
from notifications.models import Notification, PhoneVerification
from tests.security.inputs import FILE, FIN_SYMBOLS, MISSING, digits, form, near_digits, request_body, text
from tests.support.demo import (
    AYSEL,
    GENCE_ACCOUNT,
    LEYLA_ACCOUNT,
    NESIMI_FLAT,
    RAUF_ACCOUNT,
    SAMIR_ACCOUNT,
    SUPERVISOR,
    TURAL_ACCOUNT,
    VUQAR_ACCOUNT,
)
from tests.support.demo import NESIMI_FLAT as BACKOFFICE_NESIMI_FLAT
from tests.support.staff import submit
from tests.support.wizard import (
    CONTACT,
    CURRENT_STEP,
    e164,
    fill_until,
    post_delivering_sms,
    submission_key,
    title,
)
from tests.support.world import last_code_sent_to

pytestmark = pytest.mark.usefixtures("world")

FUZZ_BUDGET = {
    "sign-in": 2400,
    "status lookup": 2400,
    "application step": 2200,
    "property step": 600,
    "contact step": 600,
    "one-time code": 500,
    "declaration": 500,
    "raw bodies": 800,
    "crafted urls": 600,
}
# Accounts Aysel may ask to transfer at step 2 (no debt, not hers); whether the flat is hers
# is checked at step 3.
TRANSFERABLE_AT_STEP_TWO = {RAUF_ACCOUNT, LEYLA_ACCOUNT, TURAL_ACCOUNT, SAMIR_ACCOUNT, VUQAR_ACCOUNT}


def run_fuzz(name: str, strategy: st.SearchStrategy, example) -> None:
    """Run `example(data)` on FUZZ_BUDGET[name] generated inputs, each rolled back after it."""
    runs = 0

    @hypothesis_settings(
        max_examples=FUZZ_BUDGET[name],
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(data=strategy)
    def fuzz(data):
        nonlocal runs
        runs += 1
        with rolled_back():
            example(data)

    fuzz()
    assert runs >= FUZZ_BUDGET[name], f"{name}: only {runs} inputs were generated"


@contextlib.contextmanager
def rolled_back():
    """Undo everything the example wrote (a failed query included) when it ends."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def last(value):
    """The value Django's QueryDict.get() reads for a posted field (the last of several)."""
    if value is MISSING or value is FILE:
        return None
    return value[-1] if isinstance(value, list) else value


def refused_with_errors(response) -> bool:
    page = response.content.decode()
    return (
        response.status_code == 200
        and 'class="error-summary"' in page
        and title(response).startswith("Xəta: ")
    )


def stored() -> tuple[int, int, int]:
    return Application.objects.count(), Notification.objects.count(), PhoneVerification.objects.count()


def draft_step(user) -> str | None:
    return WizardDraft.objects.get(user=user, correcting=None).data["step"]


def wizard_post(client: Client, step: str, data: dict):
    return client.post(f"/apply/{step}/", {CURRENT_STEP: step, **request_body(data)})


def compact(value) -> str:
    """The value without the spaces and dashes people type between digits."""
    return re.sub(r"[\s\-‐‑–—_.]+", "", value) if isinstance(value, str) else ""


@pytest.fixture
def aysel(signed_in_client, settings):
    # Step 2's checks are rate limited per citizen; the fuzz tests run thousands.
    settings.ACCOUNT_CHECK_RATE = "1000000/h"
    return signed_in_client(AYSEL)


def test_fuzz_budget_is_at_least_ten_thousand_inputs_a_run():
    assert sum(FUZZ_BUDGET.values()) >= 10_000


# --- sign-in (the emulated ASAN Login page) ----------------------------------------------


def test_sign_in_form_refuses_every_malformed_input_at_the_field(client):
    login_page = client.get("/signin/", {"next": "/apply/"})["Location"]
    accounts_before = set(get_user_model().objects.values_list("pk", flat=True))
    methods = [value for value, _label in FakeAsanLoginForm.METHODS]
    strategy = form(
        "",
        {
            "fin": text(
                st.text(FIN_SYMBOLS, max_size=9), st.sampled_from([AYSEL, AYSEL.lower(), f" {AYSEL} "])
            ),
            "method": text(st.sampled_from(methods)),
        },
    )

    def example(data):
        response = client.post(login_page, request_body(data))
        fin, method = last(data["fin"]), last(data["method"])
        if response.status_code == 302:
            callback = urlsplit(response["Location"])
            assert callback.path == "/signin/callback/" and "code" in parse_qs(callback.query)
            assert re.fullmatch(r"[A-HJ-NP-Z0-9]{7}", fin.strip().upper()), fin
            assert method in methods
        else:
            assert refused_with_errors(response), response.status_code
        # The emulated ASAN Login (which shares the portal's accounts) opens one only for a FİN
        # that is one; only the callback, with the provider's code, signs the citizen in.
        new_accounts = get_user_model().objects.exclude(pk__in=accounts_before)
        for new_fin in new_accounts.values_list("fin", flat=True):
            assert re.fullmatch(r"[A-HJ-NP-Z0-9]{7}", new_fin), new_fin
        assert SESSION_KEY not in client.session

    run_fuzz("sign-in", strategy, example)


# --- the wizard's steps -------------------------------------------------------------------


def test_application_step_refuses_every_malformed_input_at_the_field(aysel):
    fill_until(aysel, "basic")
    user = get_user_model().objects.get(fin=AYSEL)
    before = stored()
    known_codes = [RAUF_ACCOUNT, LEYLA_ACCOUNT, TURAL_ACCOUNT, GENCE_ACCOUNT, "100 100 200 300 401"]
    strategy = st.builds(
        lambda fields, check: {**fields, **({"check_account": "1"} if check else {})},
        form(
            "application",
            {
                "kind": text(st.sampled_from(["transfer", "rename"])),
                "subscriber_code": text(near_digits, digits(14, 16), st.sampled_from(known_codes)),
            },
        ),
        st.booleans(),
    )

    def example(data):
        response = wizard_post(aysel, "application", data)
        kind, code = last(data["application-kind"]), compact(last(data["application-subscriber_code"]))
        if response.status_code == 302:
            assert response["Location"] == "/apply/property/"
            assert (kind, code) in {("transfer", account) for account in TRANSFERABLE_AT_STEP_TWO}
        elif "check_account" in data and not refused_with_errors(response):
            # "Yoxla" on a valid code shows the account and stays on the step.
            assert response.status_code == 200 and code in TRANSFERABLE_AT_STEP_TWO
        else:
            assert refused_with_errors(response), response.status_code
            assert draft_step(user) == "application"
        assert stored() == before

    run_fuzz("application step", strategy, example)


def test_property_step_refuses_every_malformed_input_at_the_field(aysel):
    fill_until(aysel, "application")
    user = get_user_model().objects.get(fin=AYSEL)
    before = stored()
    strategy = form(
        "property",
        {
            "property_kind": text(st.sampled_from(["apartment", "house"])),
            "district": text(st.sampled_from(["baki-nesimi", "baki-yasamal", "gence-city", "xankendi-city"])),
            "registry_number": text(near_digits, st.sampled_from(["608011001798", "6080 1100 1798"])),
            "registration_number": text(near_digits, st.sampled_from(["1725022423", "17250 22423"])),
        },
    )

    def example(data):
        response = wizard_post(aysel, "property", data)
        if response.status_code == 302:
            assert response["Location"] == "/apply/handover/"
            typed = {name: compact(last(data[f"property-{name}"])) for name in NESIMI_FLAT}
            assert typed == {name: compact(value) for name, value in NESIMI_FLAT.items()}
        else:
            assert refused_with_errors(response), response.status_code
            assert draft_step(user) == "property"
        assert stored() == before

    run_fuzz("property step", strategy, example)


def test_contact_step_refuses_every_malformed_input_and_sends_codes_only_to_valid_mobiles(aysel):
    fill_until(aysel, "handover")
    user = get_user_model().objects.get(fin=AYSEL)
    applications, messages, codes = stored()
    mobile = st.builds(
        lambda prefix, rest, style: style.format(prefix=prefix, rest=rest),
        st.sampled_from(["50", "51", "55", "70", "77", "99", "10", "12", "60"]),
        digits(7, 7),
        st.sampled_from(["0{prefix} {rest}", "+994{prefix}{rest}", "994 {prefix} {rest}", "{prefix}{rest}"]),
    )
    strategy = form(
        "contact",
        {
            "mobile_phone": text(mobile, near_digits),
            "email": text(st.emails(), st.just("")),
            "otp_code": text(digits(6, 6), st.just("")),
        },
    )

    def example(data):
        response = wizard_post(aysel, "contact", data)
        # No code was sent before these examples, so no typed code can be right.
        assert refused_with_errors(response), response.status_code
        assert draft_step(user) == "contact"
        sent = list(PhoneVerification.objects.filter(user=user).values_list("phone", flat=True))
        assert len(sent) <= 1
        if sent:
            # A code goes only to the mobile number typed, once it is a valid Azerbaijani mobile.
            assert sent[0] == e164(last(data["contact-mobile_phone"]))
            assert "6 rəqəmli kodu yazın" in response.content.decode()
        assert stored() == (applications, messages + len(sent), codes + len(sent))

    run_fuzz("contact step", strategy, example)


def test_one_time_code_field_refuses_every_wrong_code_at_the_field(aysel):
    fill_until(aysel, "handover")
    post_delivering_sms(aysel, "contact", CONTACT)
    real_code = last_code_sent_to(e164(CONTACT["mobile_phone"]))
    user = get_user_model().objects.get(fin=AYSEL)
    before = stored()

    def example(typed):
        response = wizard_post(aysel, "contact", {**{f"contact-{k}": v for k, v in CONTACT.items()}, **typed})
        if compact(last(typed["contact-otp_code"])) == real_code:
            assert response.status_code == 302
            return
        assert refused_with_errors(response), response.status_code
        assert draft_step(user) == "contact"
        assert stored() == before

    strategy = form("contact", {"otp_code": text(digits(5, 7), st.just(""))})
    run_fuzz("one-time code", strategy, example)


def test_declaration_refused_sends_nothing_and_given_sends_once(aysel):
    fill_until(aysel, "contact")
    key = submission_key(aysel)
    before = stored()
    strategy = form(
        "",
        {
            "check-declaration": text(st.sampled_from(["on", "true", "false", "0", ""])),
            "submission_key": text(st.just(key), st.uuids().map(str)),
        },
    )

    def example(data):
        response = wizard_post(aysel, "check", data)
        declared = last(data["check-declaration"])
        if declared is not None and declared != "" and declared.lower() != "false":
            assert response.status_code == 302 and response["Location"] == "/apply/submitted/"
            assert stored()[0] == before[0] + 1
            assert Notification.objects.filter(template="receipt").count() == 1
        else:
            assert refused_with_errors(response), response.status_code
            assert "check-declaration_error" in response.content.decode()
            assert stored() == before

    run_fuzz("declaration", strategy, example)


# --- the public status lookup -------------------------------------------------------------


def test_status_lookup_refuses_every_malformed_number_and_writes_nothing(client, settings, aysel_application):
    settings.STATUS_LOOKUP_RATE = "1000000/m"
    known = aysel_application.number
    well_formed = st.builds(
        lambda payload, check: f"AZI-{payload[:5]}-{payload[5:]}{check}",
        st.text(numbers.ALPHABET, min_size=9, max_size=9),
        st.sampled_from(numbers.ALPHABET),
    )
    strategy = form(
        "",
        {
            "number": text(
                well_formed,
                st.text(numbers.ALPHABET + "AZI- 01OIL", max_size=16),
                st.sampled_from([known, known.lower(), known.replace("-", " "), known[4:]]),
            )
        },
    )

    def example(data):
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/status/", request_body(data))
        page = response.content.decode()
        if refused_with_errors(response):
            assert 'class="status-result"' not in page
        else:
            assert response.status_code == 200
            assert 'class="status-result"' in page
            # Only the number's own symbols find it (case, spaces and dashes aside).
            typed = compact(last(data["number"]) or "").replace("İ", "I").upper().removeprefix("AZI")
            assert (known in page) == (typed == known.replace("-", "").removeprefix("AZI"))
        writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]
        assert writes == []

    run_fuzz("status lookup", strategy, example)


@pytest.fixture
def aysel_application():
    return submit(AYSEL, "transfer", RAUF_ACCOUNT, BACKOFFICE_NESIMI_FLAT)


# --- bodies no browser would send ---------------------------------------------------------


def test_raw_bodies_never_cause_a_server_error(aysel, settings):
    settings.STATUS_LOOKUP_RATE = "1000000/m"
    fill_until(aysel, "contact")
    login_page = Client().get("/signin/")["Location"]
    before = stored()
    strategy = st.tuples(
        st.sampled_from(
            ["/status/", login_page, *(f"/apply/{step}/" for step in ("application", "contact", "check"))]
        ),
        st.sampled_from(
            [
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "multipart/form-data",
                "application/json",
                "text/plain; charset=koi8-r",
            ]
        ),
        st.one_of(
            st.binary(max_size=300),
            st.text(max_size=200).map(lambda body: body.encode("utf-8", "surrogatepass")),
            st.sampled_from(
                [b"%", b"%zz=%ff", b"a=%00&b=%c3%28", ("x=1&" * 1100).encode(), b"{}", b"--xyz--"]
            ),
        ),
    )

    def example(request):
        path, content_type, body = request
        response = aysel.generic("POST", path, body, content_type=content_type)
        assert response.status_code in (200, 302, 400), response.status_code
        if response.status_code == 200:
            assert refused_with_errors(response)
        assert stored() == before

    run_fuzz("raw bodies", strategy, example)


# --- URLs no browser would build -------------------------------------------------------------

# NUL, non-ASCII letters, direction and zero-width marks, an emoji: what broke before as a 500.
AWKWARD = st.text(
    st.sampled_from(
        ["\x00", "ə", "é", "İ", "\u202e", "\u200b", "\U0001f600", "a", "Z", "0", ".", "-", "_", "%"]
    ),
    min_size=1,
    max_size=30,
)


AUTOCOMPLETE = {"app_label": "applications", "model_name": "application", "field_name": "district"}


def test_crafted_link_tokens_sign_in_states_and_admin_queries_are_a_clean_refusal(
    aysel_application, staff_client
):
    token = bundle_token(aysel_application.document_bundle.key)
    supervisor = staff_client(SUPERVISOR)
    admin_lists = ["/admin/applications/application/", "/admin/subscribers/subscriber/"]

    def example(data):
        shape, value = data
        if shape == "link signature":
            response = Client().get(f"/d/{token.rsplit('.', 1)[0]}.{value}/")
            assert response.status_code in (400, 404), response.status_code
        elif shape == "whole link":
            response = Client().get(f"/d/{quote(value, safe='')}/")
            assert response.status_code in (400, 404), response.status_code
        elif shape == "sign-in state":
            browser = Client()
            browser.get("/signin/")
            response = browser.get("/signin/callback/", {"state": value, "code": "x"})
            assert response.status_code == 400, response.status_code
        elif shape == "admin search":
            for url in admin_lists:
                response = supervisor.get(url, {"q": value})
                assert response.status_code in (200, 400), response.status_code
                assert response.status_code == 400 or "\x00" not in value
        elif shape == "admin filter":
            response = supervisor.get(admin_lists[0], {"status__exact": value})
            assert response.status_code in (200, 302, 400), response.status_code
        else:  # admin autocomplete
            response = supervisor.get(
                "/admin/autocomplete/",
                {
                    "term": value,
                    "app_label": "applications",
                    "model_name": "application",
                    "field_name": "office",
                },
            )
            assert response.status_code in (200, 400, 403, 404), response.status_code
            assert response.status_code == 400 or "\x00" not in value

    shapes = st.sampled_from(
        [
            "link signature",
            "whole link",
            "sign-in state",
            "admin search",
            "admin filter",
            "admin autocomplete",
        ]
    )
    run_fuzz("crafted urls", st.tuples(shapes, AWKWARD), example)
