"""application_submit, called directly: idempotent, checks again with fresh data, and backed by
the database's one-open-application-per-account rule."""

import uuid
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from applications.eligibility import ApplicationRefused
from applications.models import Application, ApplicationEvent, status_link_key_new
from subscribers.models import District, User
from tests.support.applications import sent
from tests.support.billing import ledger_update
from tests.support.demo import AYSEL, LEYLA, LEYLA_ACCOUNT, NESIMI_FLAT, RAUF_ACCOUNT, SUMQAYIT_FLAT


@pytest.fixture
def aysel(db):
    return User.objects.create(username="citizen-aysel", fin=AYSEL)


def submit(applicant, *, key=None, code=RAUF_ACCOUNT, place=NESIMI_FLAT, kind="transfer"):
    return sent(applicant=applicant, key=key, kind=kind, code=code, place=place)


def copy_of(application: Application, **changes) -> Application:
    """A second row for the same account, as another request or an admin might write it."""
    fields = {
        field.attname: getattr(application, field.attname)
        for field in Application._meta.concrete_fields
        if not field.primary_key
    }
    # New values for the unique fields, then the caller's changes.
    fields.update(number="AZI-22222-22222", submission_key=uuid.uuid4())
    fields["status_link_key"] = status_link_key_new()
    fields.update(changes)
    return Application(**fields)


def test_submit_stores_the_application_with_its_first_event(aysel):
    application = submit(aysel)

    assert application.status == Application.Status.SUBMITTED
    assert application.office == District.objects.get(code="baki-nesimi").office
    assert application.registry_snapshot["fin"] == AYSEL
    assert application.debt_at_submission == Decimal("-15.00")  # Rauf's prepaid credit, as billing said
    assert list(application.events.values_list("to_status", "actor")) == [("submitted", aysel.pk)]


def test_submit_is_idempotent_per_submission_key(aysel):
    key = uuid.uuid4()

    first = submit(aysel, key=key)
    second = submit(aysel, key=key)

    assert second.pk == first.pk
    assert second.number == first.number
    assert Application.objects.count() == 1
    assert ApplicationEvent.objects.count() == 1


def test_submit_with_the_same_key_returns_the_application_even_after_the_account_changed(aysel):
    key = uuid.uuid4()
    first = submit(aysel, key=key)
    ledger_update(RAUF_ACCOUNT, balance="99.00")

    assert submit(aysel, key=key).pk == first.pk


def test_submit_refuses_a_debt_that_appeared_after_the_wizard_checked(aysel):
    ledger_update(RAUF_ACCOUNT, balance="10.00")

    with pytest.raises(ApplicationRefused) as refusal:
        submit(aysel)

    assert "10,00 AZN" in refusal.value.message
    assert refusal.value.field == "subscriber_code"
    assert Application.objects.count() == 0
    assert ApplicationEvent.objects.count() == 0


def test_submit_refuses_an_account_closed_meanwhile(aysel):
    ledger_update(RAUF_ACCOUNT, status="closed")

    with pytest.raises(ApplicationRefused):
        submit(aysel)

    assert Application.objects.count() == 0


def test_submit_refuses_a_second_open_application_for_the_account(aysel):
    submit(aysel)

    with pytest.raises(ApplicationRefused) as refusal:
        submit(aysel)

    assert "artıq baxılan müraciət var" in refusal.value.message
    assert Application.objects.count() == 1


def test_submit_refuses_a_property_that_is_not_the_applicants(db):
    leyla = User.objects.create(username="citizen-leyla", fin=LEYLA)

    with pytest.raises(ApplicationRefused) as refusal:
        submit(leyla)

    assert refusal.value.field == "registry_number"
    assert Application.objects.count() == 0


def test_submit_rename_by_the_holder(db):
    leyla = User.objects.create(username="citizen-leyla", fin=LEYLA)

    application = submit(leyla, kind="rename", code=LEYLA_ACCOUNT, place=SUMQAYIT_FLAT)

    assert application.kind == Application.Kind.RENAME
    assert application.office.name == "Abşeron–Xızı regional qeydiyyat ofisi"


def test_database_refuses_a_second_open_application_for_the_account(aysel):
    first = submit(aysel)

    with pytest.raises(IntegrityError), transaction.atomic():
        copy_of(first).save()

    assert Application.objects.count() == 1


@pytest.mark.parametrize("open_status", ["in_review", "info_requested"])
def test_database_counts_every_open_status(aysel, open_status):
    first = submit(aysel)
    Application.objects.filter(pk=first.pk).update(status=open_status)

    with pytest.raises(IntegrityError), transaction.atomic():
        copy_of(first).save()


@pytest.mark.parametrize("closed_status", ["done", "rejected", "withdrawn"])
def test_a_closed_application_does_not_block_a_new_one(aysel, closed_status):
    first = submit(aysel)
    Application.objects.filter(pk=first.pk).update(status=closed_status)

    second = submit(aysel)

    assert second.pk != first.pk
    assert second.is_open
    assert Application.objects.count() == 2


def test_database_allows_any_number_of_closed_applications_for_the_account(aysel):
    first = submit(aysel)
    Application.objects.filter(pk=first.pk).update(status="rejected")

    copy_of(first, status="done").save()

    assert Application.objects.filter(account=first.account).count() == 2
