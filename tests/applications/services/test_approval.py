"""What approval really changes: the account moves (transfer) or the holder's names change
(rename), with a history that shows who did it, and only after fresh checks pass."""

import pytest
from django.utils import timezone

from applications.documents.models import Document
from applications.models import Application
from applications.services import (
    TransitionRefused,
    application_approve,
    application_claim,
    contract_number_for,
)
from notifications.models import Notification
from subscribers.models import Account, Subscriber
from tests.support.demo import AYSEL, OPERATOR_BAKI, OPERATOR_SUMQAYIT, RAUF_ACCOUNT
from tests.support.staff import refreshed, user


@pytest.fixture
def in_review(aysel_transfer):
    return application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))


def test_transfer_moves_the_account_to_the_applicant_with_a_new_contract(in_review):
    today = timezone.localdate()

    application = application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    assert application.status == Application.Status.APPROVED
    assert application.decided_at is not None
    account = Account.objects.select_related("holder").get(subscriber_code=RAUF_ACCOUNT)
    aysel = Subscriber.objects.get(fin=AYSEL)
    assert account.holder == aysel
    # Names exactly as the registry gives them.
    assert (aysel.last_name, aysel.first_name, aysel.patronymic) == ("Məmmədova", "Aysel", "Rövşən qızı")
    assert account.contract_number == contract_number_for(application)
    assert account.contract_number == f"E-{today.year}-{application.number[4:]}"
    assert (account.contract_start, account.contract_end) == (today, None)
    assert (account.contact_phone, account.contact_email) == ("+994501234567", "aysel@example.az")
    assert account.status == Account.Status.ACTIVE


def test_transfer_history_shows_the_old_contract_closed_and_the_new_holder(in_review):
    operator = user(OPERATOR_BAKI)

    application_approve(application=in_review, actor=operator)

    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    newest, closed, before = account.history.order_by("-history_date", "-history_id")[:3]
    assert before.holder.fin == "9XY8Z7W" and before.contract_end is None
    assert closed.holder.fin == "9XY8Z7W"
    assert (closed.contract_number, closed.contract_end) == ("BK-2009-004017", timezone.localdate())
    assert newest.holder.fin == AYSEL and newest.contract_end is None
    assert closed.history_user == newest.history_user == operator
    assert in_review.number in newest.history_change_reason
    assert Subscriber.objects.get(fin=AYSEL).history.get().history_user == operator


def test_the_account_history_is_visible_in_the_admin(in_review, staff_client):
    application_approve(application=in_review, actor=user(OPERATOR_BAKI))
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)

    page = staff_client(OPERATOR_BAKI).get(f"/admin/subscribers/account/{account.pk}/history/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Məmmədova Aysel" in text and "Əliyev Rauf" in text
    assert contract_number_for(in_review) in text
    assert "Nərmin Rzayeva" in text or "operator.baki" in text


def test_rename_takes_the_names_from_the_registry_and_keeps_the_old_ones_in_history(leyla_rename):
    operator = user(OPERATOR_SUMQAYIT)
    application_claim(application=leyla_rename, actor=operator)

    application_approve(application=leyla_rename, actor=operator)

    leyla = Subscriber.objects.get(fin="4EF5G6H")
    assert leyla.full_name == "Quliyeva Leyla Tofiq qızı"
    latest, previous = leyla.history.order_by("-history_date", "-history_id")[:2]
    assert previous.last_name == "Həsənova"
    assert latest.last_name == "Quliyeva" and latest.history_user == operator
    account = Account.objects.get(subscriber_code="300300400500603")
    assert account.contract_number == "SM-2017-006033"  # a rename keeps the contract


def test_approval_queues_the_sms_with_the_documents_link_and_the_final_document(
    in_review, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    sms = Notification.objects.get(application=application, template="approved")
    assert application.number in sms.body and "/d/" in sms.body
    final = Document.objects.filter(bundle__application=application, is_final=True)
    assert list(final.values_list("kind", flat=True)) == [Document.Kind.CONTRACT]


def test_approval_is_refused_when_a_debt_appeared_and_nothing_changes(in_review):
    Account.objects.filter(subscriber_code=RAUF_ACCOUNT).update(balance="12.40")
    history = Account.objects.get(subscriber_code=RAUF_ACCOUNT).history.count()

    with pytest.raises(TransitionRefused) as refusal:
        application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    assert "Təkrar yoxlama keçmədi" in refusal.value.message
    assert "12,40 AZN" in refusal.value.message
    assert refreshed(in_review).status == Application.Status.IN_REVIEW
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    assert account.holder.fin == "9XY8Z7W"
    assert account.history.count() == history
    assert not Notification.objects.filter(application=in_review, template="approved").exists()


def test_approval_is_refused_while_the_registry_is_down(in_review, settings):
    settings.STATE_REGISTRY = {
        "BACKEND": "integrations.registry.http.HttpStateRegistry",
        "base_url": "http://127.0.0.1:9",
        "timeout": 0.5,
    }

    with pytest.raises(TransitionRefused) as refusal:
        application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    assert "cavab vermir" in refusal.value.message
    assert refreshed(in_review).status == Application.Status.IN_REVIEW


def test_approval_is_refused_when_the_registry_no_longer_lists_the_applicant_as_owner(in_review, settings):
    settings.STATE_REGISTRY = {"BACKEND": "tests.applications.services.test_approval.SoldAgainRegistry"}

    with pytest.raises(TransitionRefused) as refusal:
        application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    assert "mülkiyyətçisi deyilsiniz" in refusal.value.message
    assert Account.objects.get(subscriber_code=RAUF_ACCOUNT).holder.fin == "9XY8Z7W"


class SoldAgainRegistry:
    """The demo registry, after Aysel sold the flat on to someone else."""

    def __init__(self, **options):
        from dataclasses import replace

        from integrations.registry.fake import FakeStateRegistry

        self.fake = FakeStateRegistry()
        self.fake.properties = {
            key: replace(record, owner_fins=("7PQ8R9S",)) for key, record in self.fake.properties.items()
        }

    def find_person(self, fin):
        return self.fake.find_person(fin)

    def find_property(self, *key):
        return self.fake.find_property(*key)


def test_contract_numbers_are_unique_per_application(aysel_transfer, leyla_rename):
    numbers = {contract_number_for(aysel_transfer), contract_number_for(leyla_rename)}

    assert len(numbers) == 2
    assert all(len(number) <= Account._meta.get_field("contract_number").max_length for number in numbers)
