"""Every back-office page that shows a citizen's data is in the staff access log: who saw it,
in which role, which rows. The test walks every admin URL of the resolver as staff of each
role and a superuser; a model new in the admin fails until it is classified here."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from oauth2_provider.models import get_application_model

from applications.models import (
    ApiClientScopes,
    Application,
    ApplicationAccess,
    DocumentKind,
    EgovEvent,
    EgovSubscription,
)
from applications.services import application_claim
from backoffice.models import StaffAccess
from operations.models import Maintenance
from subscribers.models import Account, District, Property, RegionalOffice, Subscriber
from tests.support.demo import AUDITOR, LEYLA, OPERATOR_BAKI, SUPERVISOR
from tests.support.staff import second_factor_passed, user
from tests.support.urls import filled_urls

# Pages of these show citizens' names, FİNs, addresses, codes or phone numbers.
# An e-gov.az event carries its applicant's FİN (the payload e-gov.az files it under).
PERSONAL = {Application, Account, Subscriber, Property, get_user_model(), EgovEvent}
# These show only staff, offices, districts, devices, the kinds of document asked for, or the
# logs themselves.
NOT_PERSONAL = {
    ApplicationAccess,
    DocumentKind,
    # e-gov.az's clients (django-oauth-toolkit's), their scopes and subscriptions: no citizen.
    get_application_model(),
    ApiClientScopes,
    EgovSubscription,
    StaffAccess,
    District,
    RegionalOffice,
    Group,
    TOTPDevice,
    StaticDevice,
    AccessAttempt,
    AccessLog,
    AccessFailureLog,
    Maintenance,
}
# Routes of personal models that show nothing: the admin's old object URLs only redirect to
# the change page, and properties keep no versions to open (a 404).
NEVER_SHOWN = {
    "admin/applications/application/<path:object_id>/",
    "admin/applications/egovevent/<path:object_id>/",
    "admin/subscribers/account/<path:object_id>/",
    "admin/subscribers/property/<path:object_id>/",
    "admin/subscribers/subscriber/<path:object_id>/",
    "admin/subscribers/user/<path:object_id>/",
    "admin/subscribers/property/^([^/]+)/history/([^/]+)/$",
    # Opens only once billing refused an approved application's command (the same step view as
    # the others, logged alike; tests/applications/admin/test_workflow.py opens it).
    "admin/applications/application/<int:object_id>/billing_retry/",
}


def model_of(url: str):
    for model in admin.site._registry:
        if url.startswith(f"/admin/{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


@pytest.fixture
def personal_urls() -> dict[str, str]:
    """Every admin URL of a personal model, filled with a row that exists: {url: route}."""
    return {
        url: route
        for route, urls in filled_urls().items()
        for url in urls
        if model_of(url) in PERSONAL and not any(name in url for name in ("/add/", "/delete/", "/password/"))
    }


@pytest.fixture
def browsers(staff_client) -> dict[str, Client]:
    root = get_user_model().objects.create_superuser("root", "root@example.az", "x")
    superuser = Client()
    superuser.force_login(root)
    second_factor_passed(superuser, root)
    return {name: staff_client(name) for name in (OPERATOR_BAKI, SUPERVISOR, AUDITOR)} | {"root": superuser}


def test_every_admin_model_is_classified():
    registered = set(admin.site._registry)

    assert registered == PERSONAL | NOT_PERSONAL
    for model in registered:
        declared = getattr(admin.site._registry[model], "shows_personal_data", False)
        assert declared == (model in PERSONAL), model


def walk(urls: dict[str, str], browsers: dict[str, Client]) -> set[str]:
    """GET every URL as every browser; each 200 adds exactly one log row naming the page's rows,
    any other answer none. Returns the routes some browser saw."""
    shown = set()
    for url, route in urls.items():
        for name, browser in browsers.items():
            before = StaffAccess.objects.count()
            response = browser.get(url)
            logged = list(StaffAccess.objects.order_by("pk")[before:])
            if response.status_code != 200:
                assert not logged, (url, name, response.status_code)
                continue
            shown.add(route)
            assert len(logged) == 1, (url, name)
            assert logged[0].viewer.username == name
            assert logged[0].model == model_of(url)._meta.label_lower
            assert logged[0].objects_shown, (url, name)
    return shown


def test_every_admin_page_showing_a_citizen_is_logged(personal_urls, browsers):
    shown = walk(personal_urls, browsers)
    # The decision steps open once the case is claimed.
    application_claim(application=Application.objects.get(), actor=user(OPERATOR_BAKI))
    shown |= walk({url: route for url, route in personal_urls.items() if route not in shown}, browsers)

    assert set(personal_urls.values()) - shown == NEVER_SHOWN


def test_a_list_page_logs_the_rows_it_showed(browsers, aysel_transfer, leyla_rename):
    browsers[SUPERVISOR].get("/admin/applications/application/")

    access = StaffAccess.objects.get()
    assert access.page == "applications_application_changelist"
    assert access.role == "supervisor"
    assert set(access.objects_shown) == {str(aysel_transfer.pk), str(leyla_rename.pk)}


def test_an_operator_list_logs_only_their_office(browsers, aysel_transfer, leyla_rename):
    browsers[OPERATOR_BAKI].get("/admin/applications/application/")

    assert StaffAccess.objects.get().objects_shown == [str(aysel_transfer.pk)]


def test_workflow_step_account_and_history_pages_are_logged(browsers, aysel_transfer):
    account = aysel_transfer.account
    operator = browsers[OPERATOR_BAKI]
    pages = {
        f"/admin/applications/application/{aysel_transfer.pk}/claim/": "applications_application_claim",
        f"/admin/subscribers/account/{account.pk}/change/": "subscribers_account_change",
        f"/admin/subscribers/account/{account.pk}/history/": "subscribers_account_history",
        f"/admin/subscribers/property/{account.property_id}/history/": "subscribers_property_history",
        f"/admin/subscribers/subscriber/{account.holder_id}/change/": "subscribers_subscriber_change",
    }

    for url in pages:
        assert operator.get(url).status_code == 200, url

    logged = list(StaffAccess.objects.order_by("pk").values_list("page", "objects_shown"))
    assert [page for page, _ in logged] == list(pages.values())
    assert logged[0][1] == [str(aysel_transfer.pk)]


def test_pages_without_citizens_data_and_refusals_are_not_logged(browsers, aysel_transfer):
    browsers[OPERATOR_BAKI].get("/admin/")
    browsers[SUPERVISOR].get("/admin/subscribers/district/")
    Client().get(f"/admin/applications/application/{aysel_transfer.pk}/change/")
    browsers[OPERATOR_BAKI].get(f"/admin/applications/application/{aysel_transfer.pk + 1000}/change/")

    assert not StaffAccess.objects.exists()


def test_the_auditor_reads_the_log_and_nobody_changes_it(browsers, aysel_transfer):
    browsers[SUPERVISOR].get(f"/admin/applications/application/{aysel_transfer.pk}/change/")
    access = StaffAccess.objects.get()

    assert browsers[AUDITOR].get("/admin/backoffice/staffaccess/").status_code == 200
    assert browsers[OPERATOR_BAKI].get("/admin/backoffice/staffaccess/").status_code == 403
    browsers["root"].post(f"/admin/backoffice/staffaccess/{access.pk}/delete/", {"post": "yes"})
    assert StaffAccess.objects.filter(pk=access.pk).exists()
    assert LEYLA not in str(access.objects_shown)
