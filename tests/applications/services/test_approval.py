"""What approval really changes: after fresh checks pass, a command to billing, which carries
it out once; then the account (our copy of billing's) moves (transfer) or the holder's names
change (rename), the seller is settled, and the citizen is told."""

from decimal import Decimal

import pytest
from django.utils import timezone

from applications.documents.models import Document
from applications.execution.services import billing_command_send
from applications.models import Application, BillingCommand
from applications.services import (
    TransitionRefused,
    application_approve,
    application_billing_retry,
    application_claim,
    application_co_owner_answer,
    application_reject,
)
from applications.workflow import allowed_actions
from integrations.billing.base import get_billing
from integrations.billing.wire import transfer_command_from_json
from notifications.models import Notification
from subscribers.models import Account, Subscriber
from tests.support.applications import citizen_user
from tests.support.billing import (
    billing_answers,
    demo_ledger,
    ledger_account,
    ledger_contracts,
    ledger_update,
)
from tests.support.demo import (
    AYGUN,
    AYSEL,
    LEYLA,
    LEYLA_ACCOUNT,
    NERIMANOV_FLAT,
    NICAT,
    OPERATOR_BAKI,
    OPERATOR_SUMQAYIT,
    RAUF,
    RAUF_ACCOUNT,
    VUQAR_ACCOUNT,
)
from tests.support.staff import refreshed, submit, user


@pytest.fixture
def in_review(aysel_transfer):
    return application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))


def test_approval_records_the_decision_and_queues_one_command_but_changes_nothing_yet(in_review):
    application = application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    assert application.status == Application.Status.APPROVED
    assert application.decided_at is not None
    command = BillingCommand.objects.get(application=application)
    assert (command.kind, command.status, command.attempts) == ("transfer", "pending", 0)
    assert command.payload["key"] == application.number
    assert command.payload["new_holder"]["fin"] == AYSEL
    # Until billing confirms, the account is Rauf's, in billing and in our copy.
    assert Account.objects.get(subscriber_code=RAUF_ACCOUNT).holder.fin == RAUF
    assert ledger_account(RAUF_ACCOUNT).holder_fin == RAUF
    assert not Notification.objects.filter(application=application, template="approved").exists()


def test_billing_carries_the_transfer_out_and_the_account_follows_billing(in_review):
    handover = in_review.handover
    application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    application = billing_answers(in_review)

    assert application.status == Application.Status.DONE
    ledger = ledger_account(RAUF_ACCOUNT)
    assert ledger.holder_fin == AYSEL and ledger.contract_start == handover.handover_date
    account = Account.objects.select_related("holder").get(subscriber_code=RAUF_ACCOUNT)
    aysel = Subscriber.objects.get(fin=AYSEL)
    assert account.holder == aysel
    # Names exactly as the registry gives them.
    assert (aysel.last_name, aysel.first_name, aysel.patronymic) == ("Məmmədova", "Aysel", "Rövşən qızı")
    # Billing's contract number, not one the portal made up.
    assert account.contract_number == ledger.contract_number == application.billing_command.contract_number
    assert (account.contract_start, account.contract_end) == (handover.handover_date, None)
    assert (account.contact_phone, account.contact_email) == ("+994501234567", "aysel@example.az")
    assert account.status == Account.Status.ACTIVE
    assert application.events.last().to_status == Application.Status.DONE
    assert ledger.contract_number in application.events.last().note


def test_the_sellers_contract_closes_at_the_handover_reading_and_the_credit_goes_back_to_him(in_review):
    handover = in_review.handover
    application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    billing_answers(in_review)

    [closed] = ledger_contracts(RAUF_ACCOUNT)
    assert (closed.holder_fin, closed.contract_number) == (RAUF, "BK-2009-004017")
    assert (closed.ended_on, closed.closing_kwh) == (handover.handover_date, handover.reading_kwh)
    # 120,5 kVt·saat since the last bill at 8,4 qəpik = 10,12 AZN, against his 15,00 AZN credit.
    assert closed.final_bill["consumption_amount"] == "10.12"
    assert (closed.final_bill["refund"], closed.final_bill["to_pay"]) == ("4.88", "0.00")
    # The credit is not the buyer's: her contract starts at zero, from the same reading.
    ledger = ledger_account(RAUF_ACCOUNT)
    assert ledger.balance == 0 and ledger.last_billed_kwh == handover.reading_kwh
    handover.refresh_from_db()
    assert handover.final_bill["refund"] == "4.88"


def test_transfer_history_shows_the_old_contract_closed_and_the_new_holder(in_review):
    application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    billing_answers(in_review)

    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    newest, closed, before = account.history.order_by("-history_date", "-history_id")[:3]
    assert before.holder.fin == RAUF and before.contract_end is None
    assert closed.holder.fin == RAUF
    assert (closed.contract_number, closed.contract_end) == (
        "BK-2009-004017",
        in_review.handover.handover_date,
    )
    assert newest.holder.fin == AYSEL and newest.contract_end is None
    assert in_review.number in newest.history_change_reason


def test_the_account_history_is_visible_in_the_admin(in_review, staff_client):
    application_approve(application=in_review, actor=user(OPERATOR_BAKI))
    billing_answers(in_review)
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)

    page = staff_client(OPERATOR_BAKI).get(f"/admin/subscribers/account/{account.pk}/history/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Məmmədova Aysel" in text and "Əliyev Rauf" in text
    assert account.contract_number in text


def test_rename_takes_the_names_from_the_registry_once_billing_wrote_them(leyla_rename):
    operator = user(OPERATOR_SUMQAYIT)
    application_claim(application=leyla_rename, actor=operator)
    application_approve(application=leyla_rename, actor=operator)
    assert Subscriber.objects.get(fin=LEYLA).last_name == "Həsənova"

    application = billing_answers(leyla_rename)

    assert application.status == Application.Status.DONE
    assert ledger_account(LEYLA_ACCOUNT).holder_last_name == "Quliyeva"
    leyla = Subscriber.objects.get(fin=LEYLA)
    assert leyla.full_name == "Quliyeva Leyla Tofiq qızı"
    latest, previous = leyla.history.order_by("-history_date", "-history_id")[:2]
    assert previous.last_name == "Həsənova"
    assert latest.last_name == "Quliyeva"
    account = Account.objects.get(subscriber_code=LEYLA_ACCOUNT)
    assert account.contract_number == "SM-2017-006033"  # a rename keeps the contract


def test_the_sms_and_the_final_documents_follow_billings_confirmation(
    in_review, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    # The on-commit publish ran the command (tasks run in-process in the tests): done, and told.
    application.refresh_from_db()
    assert application.status == Application.Status.DONE
    sms = Notification.objects.get(application=application, template="approved")
    assert sms.recipient == "+994501234567"
    assert application.number in sms.body and "/d/" in sms.body
    final = Document.objects.filter(bundle__application=application, is_final=True)
    assert set(final.values_list("kind", flat=True)) == {Document.Kind.CONTRACT, Document.Kind.FINAL_BILL}
    # The seller hears of his final bill, at billing's number for him.
    settled = Notification.objects.filter(application=application, template="previous_holder_settled")
    assert {(n.channel, n.recipient) for n in settled} == {
        ("sms", demo_ledger(RAUF_ACCOUNT)["contact_phone"]),
        ("email", demo_ledger(RAUF_ACCOUNT)["contact_email"]),
    }
    assert {n.addressee for n in settled} == {Notification.Addressee.PREVIOUS_HOLDER}


def test_a_command_sent_twice_changes_billing_once(in_review):
    application_approve(application=in_review, actor=user(OPERATOR_BAKI))
    command = BillingCommand.objects.get(application=in_review)
    billing = get_billing()

    # A worker that died after billing carried it out: billing has it, the portal does not know.
    billing.transfer(transfer_command_from_json(command.payload))
    application = billing_answers(in_review)
    billing_command_send(command_id=command.pk)  # and a sweeper's late duplicate

    assert application.status == Application.Status.DONE
    assert len(ledger_contracts(RAUF_ACCOUNT)) == 1
    assert application.events.filter(to_status=Application.Status.DONE).count() == 1
    assert Notification.objects.filter(application=application, template="approved").count() == 1


def test_a_refusal_is_shown_to_staff_with_billings_reason_and_can_be_retried(in_review, tmp_path, settings):
    settings.BILLING = {**settings.BILLING, "control_dir": str(tmp_path)}
    (tmp_path / "refuse").write_text("sayğac dəyişdirilir: əmri sonra göndərin")
    application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    application = billing_answers(in_review)

    assert application.status == Application.Status.APPROVED
    command = BillingCommand.objects.get(application=application)
    assert (command.status, command.refusal) == ("refused", "sayğac dəyişdirilir: əmri sonra göndərin")
    assert ledger_contracts(RAUF_ACCOUNT) == []
    assert not Notification.objects.filter(application=application, template="approved").exists()
    operator = user(OPERATOR_BAKI)
    assert {"billing_retry", "reject"} <= set(allowed_actions(application=application, actor=operator))

    (tmp_path / "refuse").unlink()
    application_billing_retry(application=application, actor=operator)

    assert billing_answers(application).status == Application.Status.DONE
    assert len(ledger_contracts(RAUF_ACCOUNT)) == 1


def test_an_approved_application_cannot_be_rejected_while_billing_is_carrying_it_out(in_review):
    operator = user(OPERATOR_BAKI)
    application = application_approve(application=in_review, actor=operator)

    with pytest.raises(TransitionRefused) as refusal:
        application_reject(application=application, actor=operator, reason="other", note="fikrimi dəyişdim")

    assert "billinqdə icra olunur" in refusal.value.message
    assert "reject" not in allowed_actions(application=application, actor=operator)


def test_billing_down_is_retried_later_and_given_up_after_the_last_attempt(in_review, tmp_path, settings):
    settings.BILLING = {**settings.BILLING, "control_dir": str(tmp_path)}
    settings.BILLING_COMMAND_MAX_ATTEMPTS = 2
    application_approve(application=in_review, actor=user(OPERATOR_BAKI))
    (tmp_path / "fail").write_text("5")
    command = BillingCommand.objects.get(application=in_review)

    billing_answers(in_review)
    command.refresh_from_db()
    assert (command.status, command.attempts) == ("pending", 1)
    assert command.next_attempt_at > timezone.now()
    assert "BillingUnavailable" in command.last_error

    BillingCommand.objects.filter(pk=command.pk).update(next_attempt_at=timezone.now())
    application = billing_answers(in_review)
    command.refresh_from_db()
    assert (command.status, command.attempts) == ("failed", 2)
    assert application.status == Application.Status.APPROVED
    assert "billing_retry" in allowed_actions(application=application, actor=user(OPERATOR_BAKI))


def test_approval_is_refused_when_a_debt_appeared_and_nothing_changes(in_review):
    ledger_update(RAUF_ACCOUNT, balance="12.40")

    with pytest.raises(TransitionRefused) as refusal:
        application_approve(application=in_review, actor=user(OPERATOR_BAKI))

    assert "Təkrar yoxlama keçmədi" in refusal.value.message
    assert "12,40 AZN" in refusal.value.message
    assert refreshed(in_review).status == Application.Status.IN_REVIEW
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    assert account.holder.fin == "9XY8Z7W"
    assert account.balance == Decimal("12.40")  # our copy follows billing
    assert not BillingCommand.objects.filter(application=in_review).exists()
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


def test_approval_waits_for_every_co_owner_and_a_decline_stops_the_application(
    staff_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(
            NICAT, "transfer", VUQAR_ACCOUNT, NERIMANOV_FLAT, co_owner_phones=((AYGUN, "+994552223344"),)
        )
    operator = user(OPERATOR_BAKI)
    application_claim(application=application, actor=operator)
    consent = application.co_owner_consents.get()
    assert (consent.owner_fin, consent.answer) == (AYGUN, "pending")
    asked = Notification.objects.get(application=application, template="co_owner_asked")
    assert asked.recipient == "+994552223344" and "/r/" in asked.body

    with pytest.raises(TransitionRefused) as refusal:
        application_approve(application=application, actor=operator)
    assert "razılığı hələ alınmayıb" in refusal.value.message

    with django_capture_on_commit_callbacks(execute=True):
        application_co_owner_answer(consent=consent, user=citizen_user(AYGUN), consented=False)

    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert application.decision_reason == Application.DecisionReason.CO_OWNER_DECLINED
    told = Notification.objects.get(application=application, template="co_owner_declined")
    assert told.recipient == "+994501234567" and "ASAN" in told.body


def test_once_every_co_owner_consented_the_office_may_approve(staff_world):
    application = submit(
        NICAT, "transfer", VUQAR_ACCOUNT, NERIMANOV_FLAT, co_owner_phones=((AYGUN, "+994552223344"),)
    )
    operator = user(OPERATOR_BAKI)
    application_claim(application=application, actor=operator)

    application_co_owner_answer(
        consent=application.co_owner_consents.get(), user=citizen_user(AYGUN), consented=True
    )

    assert application_approve(application=application, actor=operator).status == Application.Status.APPROVED


def test_only_the_co_owner_asked_may_answer(staff_world):
    application = submit(
        NICAT, "transfer", VUQAR_ACCOUNT, NERIMANOV_FLAT, co_owner_phones=((AYGUN, "+994552223344"),)
    )

    with pytest.raises(TransitionRefused) as refusal:
        application_co_owner_answer(
            consent=application.co_owner_consents.get(), user=citizen_user(NICAT), consented=True
        )

    assert "başqa mülkiyyətçi üçündür" in refusal.value.message
    assert application.co_owner_consents.get().answer == "pending"
