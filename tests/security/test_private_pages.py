"""No browser or proxy keeps a copy of a personal page: on a shared computer the back button
after sign-out must show nothing. Every URL of the resolver is requested by a signed-in citizen
and by signed-in staff, and every answer (a page, a redirect, a 404) is `private, no-store`; the
anonymous pages with personal data (document links, the development SMS outbox) are too.

A new URL with a parameter fails test_every_url_is_requested until it is given a value here.
"""

import pytest

from tests.support.demo import AYSEL, OPERATOR_BAKI, SUPERVISOR
from tests.support.urls import filled_urls

pytestmark = pytest.mark.usefixtures("world")


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
    # The documents' and the status's signed links (the status shows no personal data, but its
    # link is the applicant's).
    linked = [url for route, filled in urls.items() if route.startswith(("d/", "s/")) for url in filled]

    for url in [*linked, "/dev/sms/"]:
        assert_private(client.get(url), url)


def test_the_check_sees_a_missing_header(client):
    # The control: an anonymous visitor's home page is cacheable, and the check says so.
    with pytest.raises(AssertionError):
        assert_private(client.get("/"), "/")
