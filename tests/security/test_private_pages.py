"""No browser or proxy keeps a copy of a personal page: on a shared computer the back button
after sign-out must show nothing. Every URL of the resolver is requested by a signed-in citizen
and by signed-in staff, and every answer (a page, a redirect, a 404) is `private, no-store`; the
anonymous pages with personal data (document links, the development SMS outbox) are too.

A new URL with a parameter fails test_every_url_is_requested until it is given a value here.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from applications.documents.generation import documents_generate
from applications.documents.links import bundle_token
from applications.documents.models import Document
from applications.models import Application
from tests.security.test_access_control import admin_object_urls, admin_targets
from tests.support.demo import AYSEL, OPERATOR_BAKI, SUPERVISOR
from tests.support.wizard import STEPS

pytestmark = pytest.mark.usefixtures("world")


def all_routes(patterns=None, prefix=""):
    """Every route of the resolver as written (`my/<application_number:number>/`), with its pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_routes(pattern.url_patterns, route)
        else:
            yield route, pattern


def _parameterless_url(route: str, pattern: URLPattern) -> str | None:
    if isinstance(pattern.pattern, RegexPattern):
        if pattern.pattern.regex.groups:
            return None
        route = route.replace("^", "").replace("$", "")
    elif pattern.pattern.converters or "<" in route:
        return None
    return "/" + route


def filled_urls() -> dict[str, list[str]]:
    """Every route, filled with values that exist (the admin's targets: Aysel's sent transfer, its bundle)."""
    targets = admin_targets()
    application = targets[Application]
    documents_generate(application_id=application.pk)
    token = bundle_token(application.document_bundle.key)
    code = Document.objects.filter(bundle=application.document_bundle).first().verification_code
    number = application.number
    values = {
        "apply/<slug:step>/": [f"/apply/{step}/" for step in STEPS],
        "my/<application_number:number>/": [f"/my/{number}/"],
        "my/<application_number:number>/withdraw/": [f"/my/{number}/withdraw/"],
        "my/<application_number:number>/correct/": [f"/my/{number}/correct/"],
        "my/<application_number:number>/correct/<slug:step>/": [f"/my/{number}/correct/check/"],
        "d/<str:token>/": [f"/d/{token}/"],
        "d/<str:token>/<document:slug>.pdf": [f"/d/{token}/receipt.pdf"],
        "d/<str:token>/<document:slug>/": [f"/d/{token}/receipt/"],
        "verify/<slug:code>/": [f"/verify/{code}/"],
        "admin/(?P<url>.*)$": ["/admin/no-such-page/"],
    }
    values.update({route: [url] for route, url in admin_object_urls(targets).items()})
    urls = {}
    for route, pattern in all_routes():
        url = _parameterless_url(route, pattern)
        if pattern.callback.__name__ == "app_index":  # the admin's page of one app's models
            urls[route] = [f"/admin/{label}/" for label in ("applications", "subscribers", "auth", "axes")]
        else:
            urls[route] = [url] if url is not None else values.get(route, [])
    return urls


@pytest.fixture
def urls():
    return filled_urls()


def assert_private(response, url):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= directives, (url, response.status_code, response.get("Cache-Control"))


def test_every_url_is_requested(urls):
    assert not [route for route, filled in urls.items() if not filled], "give these routes a value above"


def test_every_answer_to_a_signed_in_citizen_is_private(urls, citizen_client):
    aysel = citizen_client(AYSEL)

    for url in (url for filled in urls.values() for url in filled):
        assert_private(aysel.get(url), url)


@pytest.mark.parametrize("username", [OPERATOR_BAKI, SUPERVISOR])
def test_every_answer_to_signed_in_staff_is_private(urls, staff_client, username):
    staff = staff_client(username)

    for url in (url for filled in urls.values() for url in filled):
        assert_private(staff.get(url), url)


def test_the_wizard_and_my_applications_are_private_after_the_real_sign_in(citizen, urls):
    aysel = citizen(AYSEL)

    for url in ["/my/", *urls["apply/<slug:step>/"], *urls["my/<application_number:number>/"]]:
        assert_private(aysel.get(url, follow=True), url)


def test_anonymous_pages_with_personal_data_are_private(urls, client, settings):
    settings.DEBUG = True  # the development SMS outbox exists only then
    document_urls = [url for route, filled in urls.items() if route.startswith("d/") for url in filled]

    for url in [*document_urls, "/dev/sms/"]:
        assert_private(client.get(url), url)


def test_the_check_sees_a_missing_header(client):
    # The control: an anonymous visitor's home page is cacheable, and the check says so.
    with pytest.raises(AssertionError):
        assert_private(client.get("/"), "/")
