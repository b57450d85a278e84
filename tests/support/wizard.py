"""Driving the citizen's wizard through HTTP as a browser would (Django's test client), and
reading the pages it answers with: fields, errors, the error summary, the title."""

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import phonenumbers
from django.test import Client, TestCase
from django.utils import translation
from django.utils.translation import gettext

from tests.support.applications import handover_answers
from tests.support.demo import (
    NESIMI_FLAT,
    RAUF_ACCOUNT,
)
from tests.support.world import last_code_sent_to

CONTACT = {"mobile_phone": "050 123 45 67", "email": ""}


CLOSED_PORT = "http://127.0.0.1:9"


# A transfer's steps; a rename has no handover.
STEPS = ("basic", "application", "property", "handover", "contact", "check")
RENAME_STEPS = tuple(step for step in STEPS if step != "handover")


def steps_for(kind: str) -> tuple[str, ...]:
    return STEPS if kind == "transfer" else RENAME_STEPS


def handover_fields(code: str = RAUF_ACCOUNT, place: dict | None = None) -> dict:
    """The handover step as a buyer fills it in for a demo account (handover_answers)."""
    handover = handover_answers(code, NESIMI_FLAT if place is None else place)
    reading = "" if handover.reading_kwh is None else str(handover.reading_kwh).replace(".", ",")
    return {"handover_date": handover.handover_date.strftime("%d.%m.%Y"), "meter_reading": reading}


CURRENT_STEP = "application_wizard_view-current_step"


# The emulated ASAN Login's sign-in page: its OpenID Connect authorization endpoint.
ASAN_LOGIN_AUTHORIZE = "/asan-login/authorize/"


def sign_in(client: Client, fin: str, *, method: str = "asan_imza", next_url: str = "/apply/"):
    """The real sign-in: portal -> emulated ASAN Login (OpenID Connect) -> callback, where the
    portal's OIDC client exchanges the code for the ID token. Returns the callback's answer."""
    start = client.get("/signin/", {"next": next_url})
    assert start.status_code == 302, start
    login = client.post(start["Location"], {"method": method, "fin": fin})
    assert login.status_code == 302, login.content.decode()
    return client.get(login["Location"])


def sign_out(client: Client):
    return client.post("/signin/out/")


def is_signed_in(client: Client) -> bool:
    """What the browser sees: the wizard opens (signed in) or sends to sign-in (signed out)."""
    return client.get("/apply/")["Location"].startswith("/apply/")


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def step_url(step: str) -> str:
    return f"/apply/{step}/"


def step_payload(step: str, fields: dict | None = None, **extra) -> dict:
    payload = {CURRENT_STEP: step}
    payload.update({f"{step}-{name}": value for name, value in (fields or {}).items()})
    payload.update(extra)
    return payload


def post_step(client: Client, step: str, fields: dict | None = None, **extra):
    """POST one wizard step as its form would ("Davam et"); `extra` are top-level fields."""
    return client.post(step_url(step), step_payload(step, fields, **extra))


def go_back(client: Client, step: str, fields: dict | None = None, *, kind: str = "transfer"):
    """ "Geri" on `step`: what was typed goes along, the wizard moves to the previous step."""
    steps = steps_for(kind)
    previous = steps[steps.index(step) - 1]
    return post_step(client, step, fields, wizard_goto_step=previous)


def application_fields(kind: str, code: str) -> dict:
    return {"kind": kind, "subscriber_code": code}


def assert_redirects_to(response, url: str):
    assert response.status_code == 302, (response.status_code, page_text(response)[:2000])
    assert response["Location"] == url


def e164(mobile: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(mobile, "AZ"), phonenumbers.PhoneNumberFormat.E164)


def post_delivering_sms(client: Client, step: str, fields: dict | None = None, **extra):
    """post_step, with the SMS it queues delivered (to the in-memory gateway) as in production,
    where they leave once the request's transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return post_step(client, step, fields, **extra)


def asks_for_sms_code(response) -> bool:
    """The contact step asks for the code it just sent, in the page's language."""
    if response.status_code != 200:
        return False
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        asks = gettext("%(phone)s nömrəsinə SMS ilə göndərdiyimiz 6 rəqəmli kodu yazın")
    return max(asks.split("%(phone)s"), key=len).strip() in field_error(response, "contact-otp_code")


def post_contact(client: Client, contact: dict, **extra):
    """ "Davam et" on the contact step; when the page asks for the SMS code sent to the mobile,
    type it from the SMS and press "Davam et" again, as the citizen would."""
    response = post_delivering_sms(client, "contact", contact, **extra)
    if not asks_for_sms_code(response):
        return response
    code = last_code_sent_to(e164(contact["mobile_phone"]))
    return post_step(client, "contact", {**contact, "otp_code": code}, **extra)


def fill_until(
    client: Client,
    last_step: str,
    *,
    kind="transfer",
    code=RAUF_ACCOUNT,
    place=None,
    contact=None,
    co_owner_phones: dict[str, str] | None = None,
):
    """Fill the wizard validly up to and including `last_step`; each step must pass.
    `co_owner_phones` (FİN -> mobile) answers the handover step for a co-owned property."""
    answers = {
        "basic": {},
        "application": application_fields(kind, code),
        "property": NESIMI_FLAT if place is None else place,
        "handover": {
            **handover_fields(code, place),
            **{f"coowner_{fin}": phone for fin, phone in (co_owner_phones or {}).items()},
        },
        "contact": CONTACT if contact is None else contact,
    }
    steps = steps_for(kind)
    if last_step not in steps:  # "handover" asked of a rename: the step before it
        last_step = steps[STEPS.index(last_step) - 1]
    for step in steps[: steps.index(last_step) + 1]:
        if step == "contact":
            response = post_contact(client, answers[step])
        else:
            response = post_step(client, step, answers[step])
        assert_redirects_to(response, step_url(steps[steps.index(step) + 1]))


def submission_key(client: Client) -> str:
    """The hidden submission_key of the check page, as the browser would send it back."""
    response = client.get(step_url("check"))
    assert response.status_code == 200
    return input_value(response, "submission_key")


def send(client: Client, key: str | None = None):
    """ "Müraciəti göndər" on the check page."""
    key = submission_key(client) if key is None else key
    return post_step(client, "check", {"declaration": "on"}, submission_key=key)


def complete_wizard(client: Client, kind: str, code: str, property: dict, contact: dict):
    """Go through every step and send; returns the answer to the send (302 to the confirmation)."""
    response = client.get("/apply/")
    assert_redirects_to(response, step_url("basic"))
    fill_until(client, "contact", kind=kind, code=code, place=property, contact=contact)
    return send(client)


def page_text(response) -> str:
    return response.content.decode()


def visible_text(response) -> str:
    """The page's text without tags, entities decoded, whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", page_text(response), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", page_text(response), flags=re.S)
    return " ".join(unescape(match.group(1)).split()) if match else ""


class _FormControls(HTMLParser):
    """Every input, select and textarea of a page, with what a browser would send for it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._ids: dict[str, dict] = {}

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value if value is not None else "") for name, value in attrs}
        if "id" in attrs:
            self._ids[attrs["id"]] = attrs
        name = attrs.get("name")
        if tag == "input" and name:
            if attrs.get("type") in ("radio", "checkbox"):
                self.values.setdefault(name, [])
                if "checked" in attrs:
                    self.values[name].append(attrs.get("value", "on"))
            else:
                self.values.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, []).append("")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data


def form_controls(response) -> _FormControls:
    parser = _FormControls()
    parser.feed(page_text(response))
    return parser


def input_value(response, name: str) -> str:
    """The value the page would send for control `name` (the checked radio, the selected option)."""
    values = form_controls(response).values
    assert name in values, f"no control named {name!r} on the page"
    assert len(values[name]) <= 1, values[name]
    return values[name][0] if values[name] else ""


def field_error(response, name: str) -> str:
    """The text of the invalid-feedback block crispy renders under control `name` ("" if none)."""
    match = re.search(
        rf'<div id="id_{re.escape(name)}_error" class="invalid-feedback">(.*?)</div>',
        page_text(response),
        flags=re.S,
    )
    if match is None:
        return ""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def error_summary(response) -> str:
    match = re.search(r'<div class="error-summary".*?</ul>', page_text(response), flags=re.S)
    if match is None:
        return ""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(0))).split())


def assert_refused_at(response, step: str, field: str, *fragments: str):
    """A 200 page of `step` with an error at `field` containing every fragment, also in the
    error summary, and the title starting with "Xəta: "."""
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    message = field_error(response, f"{step}-{field}")
    assert message, f"no error at {step}-{field}; summary: {error_summary(response)!r}"
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert message in error_summary(response)
    assert title(response).startswith("Xəta: "), title(response)
