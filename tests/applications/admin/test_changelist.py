"""The application list: exact search, filters, and a cost that does not grow with the table."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.admin.changelist import CappedCountPaginator
from applications.models import Application
from applications.services import application_claim
from tests.support.demo import AUDITOR, OPERATOR_BAKI, SUPERVISOR
from tests.support.staff import copies, user

LIST = "/admin/applications/application/"


def numbers_on(response) -> set[str]:
    """The application numbers listed in the result table (not the search box's echo)."""
    assert response.status_code == 200
    return set(re.findall(r'class="field-number"><a href="[^"]+">([^<]+)</a>', response.content.decode()))


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        lambda number: number,
        lambda number: number.lower(),
        lambda number: number.replace("-", ""),
        lambda number: number[4:].replace("-", " ").lower(),
        lambda number: f"  {number.lower()}  ",
    ],
)
def test_search_by_application_number_in_any_shape(staff_client, aysel_transfer, leyla_rename, typed):
    response = staff_client(SUPERVISOR).get(LIST, {"q": typed(aysel_transfer.number)})

    assert numbers_on(response) == {aysel_transfer.number}


@pytest.mark.parametrize("term", ["100100200300401", "2AB3C4D", "2ab3c4d"])
def test_search_by_subscriber_code_or_fin(staff_client, aysel_transfer, leyla_rename, term):
    response = staff_client(SUPERVISOR).get(LIST, {"q": term})

    assert numbers_on(response) == {aysel_transfer.number}


@pytest.mark.parametrize("term", ["Aysel", "1001002003", "AZI-", "2AB3C4", "zzz' OR 1=1 --"])
def test_search_by_anything_else_finds_nothing_without_an_error(staff_client, aysel_transfer, term):
    response = staff_client(SUPERVISOR).get(LIST, {"q": term})

    assert response.status_code == 200
    assert numbers_on(response) == set()


def test_a_number_with_one_wrong_character_finds_nothing(staff_client, aysel_transfer):
    wrong = aysel_transfer.number[:-1] + ("2" if aysel_transfer.number[-1] != "2" else "3")

    assert numbers_on(staff_client(SUPERVISOR).get(LIST, {"q": wrong})) == set()


def test_search_stays_inside_the_operators_office(staff_client, leyla_rename):
    assert numbers_on(staff_client(OPERATOR_BAKI).get(LIST, {"q": leyla_rename.number})) == set()


# --- filters ---------------------------------------------------------------------------------


def test_filter_by_status_kind_office_and_district(staff_client, aysel_transfer, leyla_rename):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    browser = staff_client(SUPERVISOR)

    assert numbers_on(browser.get(LIST, {"status__exact": "in_review"})) == {aysel_transfer.number}
    assert numbers_on(browser.get(LIST, {"kind__exact": "rename"})) == {leyla_rename.number}
    office = leyla_rename.office_id
    assert numbers_on(browser.get(LIST, {"office__id__exact": office})) == {leyla_rename.number}
    district = aysel_transfer.district_id
    assert numbers_on(browser.get(LIST, {"district__id__exact": district})) == {aysel_transfer.number}


def test_filter_overdue(staff_client, aysel_transfer, leyla_rename):
    Application.objects.filter(pk=aysel_transfer.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )

    response = staff_client(SUPERVISOR).get(LIST, {"overdue": "yes"})

    assert numbers_on(response) == {aysel_transfer.number}
    assert "Vaxtı keçib" in response.content.decode()


def test_waiting_for_the_citizen_is_not_overdue(staff_client, aysel_transfer):
    from applications.services import application_request_info

    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    application_request_info(application=aysel_transfer, actor=user(OPERATOR_BAKI), message="?")
    Application.objects.filter(pk=aysel_transfer.pk).update(due_date=datetime.date(2020, 1, 1))

    assert numbers_on(staff_client(SUPERVISOR).get(LIST, {"overdue": "yes"})) == set()


def test_filter_assigned_to_me(staff_client, aysel_transfer, leyla_rename):
    application_claim(application=aysel_transfer, actor=user(SUPERVISOR))
    browser = staff_client(SUPERVISOR)

    assert numbers_on(browser.get(LIST, {"assigned": "me"})) == {aysel_transfer.number}
    assert numbers_on(browser.get(LIST, {"assigned": "nobody"})) == {leyla_rename.number}


def test_operator_has_no_office_filter_and_only_their_districts(staff_client, aysel_transfer):
    text = staff_client(OPERATOR_BAKI).get(LIST).content.decode()

    assert "office__id__exact" not in text
    assert "Bakı ş., Nəsimi r." in text
    assert "Sumqayıt ş." not in text


def test_list_columns(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))

    text = staff_client(AUDITOR).get(LIST).content.decode()

    for shown in (
        "Məmmədova Aysel",
        "Bakı ş., Nəsimi r.",
        "Bakı regional qeydiyyat ofisi",
        "Baxılır",
        "Nərmin Rzayeva",
    ):
        assert shown in text


# --- cost at scale -----------------------------------------------------------------------------


def list_queries(browser, **query) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(LIST, query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("username", [OPERATOR_BAKI, SUPERVISOR])
def test_list_query_count_is_the_same_for_10_and_1000_applications(staff_client, aysel_transfer, username):
    browser = staff_client(username)
    copies(aysel_transfer, 9)
    browser.get(LIST)  # warm the session and the content types
    small = list_queries(browser)
    small_filtered = list_queries(browser, status__exact="done", assigned="me")

    copies(aysel_transfer, 990)

    assert Application.objects.count() == 1000
    assert list_queries(browser) == small
    assert list_queries(browser, status__exact="done", assigned="me") == small_filtered


def test_list_never_counts_the_whole_table(staff_client, aysel_transfer, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 20)
    copies(aysel_transfer, 59)
    browser = staff_client(SUPERVISOR)

    with CaptureQueriesContext(connection) as captured:
        text = browser.get(LIST).content.decode()

    counts = [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]
    assert counts and all("LIMIT 21" in sql for sql in counts), counts
    assert "20-dən çox" in text
    assert browser.get(LIST, {"p": 2}).status_code == 200
