"""Every role against every back-office page and step, allowed and refused, including another
office's application reached by URL (a 404, never a 403 that confirms it exists)."""

import pytest
from django.contrib.auth.models import Group

from applications.models import Application
from applications.services import application_claim
from backoffice.roles import ROLE_PERMISSIONS
from subscribers.models import Account, Subscriber
from tests.support.demo import AUDITOR, OPERATOR_BAKI, OPERATOR_SUMQAYIT, RAUF_ACCOUNT, SUPERVISOR
from tests.support.staff import admin_url, messages_of, refreshed, user

STEPS = ("claim", "request_info", "approve", "reject", "reassign")


def test_roles_are_groups_with_exactly_their_permissions():
    granted = {
        group.name: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        for group in Group.objects.prefetch_related("permissions__content_type")
    }

    assert granted == {role: set(names) for role, names in ROLE_PERMISSIONS.items()}
    assert not any(
        name.split(".")[1].startswith(("add_", "change_", "delete_")) for name in granted["auditor"]
    )
    assert "applications.reassign_application" not in granted["office_operator"]


# --- the application page ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [(OPERATOR_BAKI, 200), (SUPERVISOR, 200), (AUDITOR, 200), (OPERATOR_SUMQAYIT, 404)],
)
def test_application_page_by_role(staff_client, aysel_transfer, username, status):
    assert staff_client(username).get(admin_url(aysel_transfer)).status_code == status


@pytest.mark.parametrize("page", ["registry", "history", "delete", *STEPS])
def test_every_page_of_another_offices_application_is_a_404(staff_client, aysel_transfer, page):
    browser = staff_client(OPERATOR_SUMQAYIT)

    assert browser.get(admin_url(aysel_transfer, page)).status_code == 404
    assert (
        browser.post(admin_url(aysel_transfer, page), {"message": "x", "reason": "debt"}).status_code == 404
    )
    assert refreshed(aysel_transfer).status == Application.Status.SUBMITTED


def test_unknown_application_is_the_same_404(staff_client):
    assert (
        staff_client(OPERATOR_SUMQAYIT).get("/admin/applications/application/999999/change/").status_code
        == 404
    )


@pytest.mark.parametrize(
    ("username", "sees"),
    [
        (OPERATOR_BAKI, {"aysel"}),
        (OPERATOR_SUMQAYIT, {"leyla"}),
        (SUPERVISOR, {"aysel", "leyla"}),
        (AUDITOR, {"aysel", "leyla"}),
    ],
)
def test_list_shows_only_the_offices_a_role_may_see(
    staff_client, aysel_transfer, leyla_rename, username, sees
):
    page = staff_client(username).get("/admin/applications/application/")

    assert page.status_code == 200
    text = page.content.decode()
    shown = {name for name, app in (("aysel", aysel_transfer), ("leyla", leyla_rename)) if app.number in text}
    assert shown == sees


def test_citizen_never_reaches_the_admin(citizen_client, aysel_transfer):
    browser = citizen_client("2AB3C4D")

    for url in (
        "/admin/",
        "/admin/applications/application/",
        admin_url(aysel_transfer),
        admin_url(aysel_transfer, "claim"),
    ):
        response = browser.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_staff_without_a_role_sees_nothing(staff_client, aysel_transfer):
    nobody = user(OPERATOR_BAKI)
    nobody.groups.clear()

    browser = staff_client(OPERATOR_BAKI)

    assert browser.get("/admin/applications/application/").status_code == 403
    assert browser.get(admin_url(aysel_transfer)).status_code == 403


# --- the steps -----------------------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS)
def test_auditor_is_refused_every_step(staff_client, aysel_transfer, step):
    browser = staff_client(AUDITOR)

    response = browser.post(admin_url(aysel_transfer, step), {"message": "x", "reason": "debt"}, follow=True)

    assert "Bu əməliyyat üçün icazəniz yoxdur." in messages_of(response)
    assert refreshed(aysel_transfer).status == Application.Status.SUBMITTED
    assert aysel_transfer.events.count() == 1


def test_auditor_sees_no_step_buttons(staff_client, aysel_transfer):
    page = staff_client(AUDITOR).get(admin_url(aysel_transfer))

    assert 'class="step-link"' not in page.content.decode()
    assert "Reyestrlə müqayisə et" in page.content.decode()


@pytest.mark.parametrize(
    ("username", "buttons"),
    [(OPERATOR_BAKI, ["Götür"]), (SUPERVISOR, ["Götür", "Başqa əməkdaşa ver"]), (AUDITOR, [])],
)
def test_buttons_on_a_submitted_application(staff_client, aysel_transfer, username, buttons):
    import re

    page = staff_client(username).get(admin_url(aysel_transfer)).content.decode()

    assert re.findall(r'class="step-link">([^<]+)<', page) == buttons


def test_buttons_of_the_reviewer_once_in_review(staff_client, aysel_transfer):
    import re

    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))

    page = staff_client(OPERATOR_BAKI).get(admin_url(aysel_transfer)).content.decode()

    assert re.findall(r'class="step-link">([^<]+)<', page) == ["Əlavə məlumat istə", "Təsdiq et", "İmtina et"]


def test_operator_cannot_open_the_reassign_step(staff_client, aysel_transfer):
    response = staff_client(OPERATOR_BAKI).get(admin_url(aysel_transfer, "reassign"), follow=True)

    assert "Bu əməliyyat üçün icazəniz yoxdur." in messages_of(response)


# --- nobody rewrites anything through the admin -------------------------------------------


@pytest.mark.parametrize("username", [OPERATOR_BAKI, SUPERVISOR, AUDITOR, "root"])
def test_applications_cannot_be_added_edited_or_deleted_by_anyone(staff_client, aysel_transfer, username):
    if username == "root":
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_superuser("root", "root@example.az", "x")
    browser = staff_client(username)

    assert browser.get("/admin/applications/application/add/").status_code == 403
    assert browser.post(admin_url(aysel_transfer, "delete"), {"post": "yes"}).status_code == 403
    browser.post(admin_url(aysel_transfer), {"status": "approved", "kind": "rename"})
    assert refreshed(aysel_transfer).status == Application.Status.SUBMITTED
    assert Application.objects.filter(pk=aysel_transfer.pk).exists()


def test_superuser_cannot_edit_or_delete_access_log_rows(staff_client, aysel_transfer):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", "root@example.az", "x")
    browser = staff_client("root")
    browser.get(admin_url(aysel_transfer))
    access = aysel_transfer.accesses.get()

    assert (
        browser.post(
            f"/admin/applications/applicationaccess/{access.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    browser.post(f"/admin/applications/applicationaccess/{access.pk}/change/", {"role": "nobody"})
    assert aysel_transfer.accesses.get().role == "superuser"
    assert browser.get("/admin/applications/applicationevent/").status_code == 404


# --- accounts and subscribers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [(OPERATOR_BAKI, 200), (SUPERVISOR, 200), (AUDITOR, 200), (OPERATOR_SUMQAYIT, 404)],
)
def test_account_page_and_history_by_role(staff_client, username, status):
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    holder = Subscriber.objects.get(fin="9XY8Z7W")
    browser = staff_client(username)

    assert browser.get(f"/admin/subscribers/account/{account.pk}/change/").status_code == status
    assert browser.get(f"/admin/subscribers/account/{account.pk}/history/").status_code == status
    assert browser.get(f"/admin/subscribers/subscriber/{holder.pk}/history/").status_code == status


def test_nobody_in_a_role_can_edit_an_account(staff_client):
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)

    for username in (OPERATOR_BAKI, SUPERVISOR, AUDITOR):
        staff_client(username).post(
            f"/admin/subscribers/account/{account.pk}/change/", {"contract_number": "X"}
        )

    assert Account.objects.get(pk=account.pk).contract_number == "BK-2009-004017"


@pytest.mark.parametrize(("username", "status"), [(OPERATOR_BAKI, 403), (SUPERVISOR, 200), (AUDITOR, 200)])
def test_access_log_list_by_role(staff_client, username, status):
    assert staff_client(username).get("/admin/applications/applicationaccess/").status_code == status


@pytest.mark.parametrize(("username", "status"), [(OPERATOR_BAKI, 403), (SUPERVISOR, 403), (AUDITOR, 200)])
def test_sign_in_log_only_for_the_auditor(staff_client, username, status):
    assert staff_client(username).get("/admin/axes/accessattempt/").status_code == status
