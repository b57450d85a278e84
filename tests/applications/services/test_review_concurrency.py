"""Two reviewers acting on one application at the same moment: one wins, the other is told
why, and nothing is applied twice. Row locks are PostgreSQL's: SQLite serialises whole
transactions, so this runs on PostgreSQL (as CI does)."""

import threading

import pytest
from django.db import connection, connections

from applications.models import Application
from applications.services import TransitionRefused, application_approve, application_claim
from notifications.models import Notification
from subscribers.models import Account
from tests.support.concurrency import at_once
from tests.support.demo import OPERATOR_BAKI, RAUF_ACCOUNT, SUPERVISOR
from tests.support.staff import refreshed, user

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks (SELECT ... FOR UPDATE); run with DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_reviewers_claiming_at_once_one_wins_the_other_is_told(aysel_transfer):
    operator, supervisor = user(OPERATOR_BAKI), user(SUPERVISOR)

    results = at_once(
        [
            lambda: application_claim(application=aysel_transfer, actor=operator),
            lambda: application_claim(application=aysel_transfer, actor=supervisor),
        ]
    )

    won = [result for result in results if isinstance(result, Application)]
    lost = [result for result in results if isinstance(result, TransitionRefused)]
    assert len(won) == 1 and len(lost) == 1, results
    winner = refreshed(aysel_transfer).assigned_to
    assert lost[0].message == f"Bu müraciəti artıq {winner.get_full_name()} götürüb."
    assert aysel_transfer.events.filter(to_status=Application.Status.IN_REVIEW).count() == 1
    assert Notification.objects.filter(application=aysel_transfer, template="review_started").count() == 1


def test_approving_twice_at_once_moves_the_account_once(aysel_transfer):
    operator = user(OPERATOR_BAKI)
    application_claim(application=aysel_transfer, actor=operator)
    history_before = Account.objects.get(subscriber_code=RAUF_ACCOUNT).history.count()

    results = at_once(
        [
            lambda: application_approve(application=aysel_transfer, actor=operator),
            lambda: application_approve(application=aysel_transfer, actor=operator),
        ]
    )

    lost = [result for result in results if isinstance(result, TransitionRefused)]
    assert sum(isinstance(result, Application) for result in results) == 1 and len(lost) == 1, results
    # Whether the loser's re-check ran before or after the winner moved the account, it is told
    # that the application was decided meanwhile (not that the account is "already yours").
    assert lost[0].message == (
        "Bu addım indi mümkün deyil: müraciətin statusu — “Təsdiq edildi”. Səhifəni yeniləyin."
    )
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    assert account.holder.fin == "2AB3C4D"
    assert account.history.count() == history_before + 2  # the old contract ended, the new holder
    assert aysel_transfer.events.filter(to_status=Application.Status.APPROVED).count() == 1
    assert Notification.objects.filter(application=aysel_transfer, template="approved").count() == 1


class RegistryThatLetsTheOtherApprovalWin:
    """The state registry, answering the loser's re-check only after the winner's approval has
    committed: the one interleaving where the loser's re-check sees the account already moved."""

    winner = None  # set by the test: a callable that approves in another thread

    def __init__(self, **options):
        from integrations.registry.fake import FakeStateRegistry

        self.registry = FakeStateRegistry()

    def find_person(self, fin):
        winner, RegistryThatLetsTheOtherApprovalWin.winner = RegistryThatLetsTheOtherApprovalWin.winner, None
        if winner is not None:
            thread = threading.Thread(target=winner)
            thread.start()
            thread.join(timeout=60)
        return self.registry.find_person(fin)

    def find_property(self, *args):
        return self.registry.find_property(*args)


def test_an_approval_whose_recheck_sees_the_other_approval_is_told_it_was_decided(aysel_transfer, settings):
    operator = user(OPERATOR_BAKI)
    application_claim(application=aysel_transfer, actor=operator)
    won = []

    def winner():
        try:
            won.append(application_approve(application=aysel_transfer, actor=operator))
        finally:
            connections.close_all()

    settings.STATE_REGISTRY = {"BACKEND": f"{__name__}.RegistryThatLetsTheOtherApprovalWin"}
    RegistryThatLetsTheOtherApprovalWin.winner = winner

    with pytest.raises(TransitionRefused) as lost:
        application_approve(application=aysel_transfer, actor=operator)

    assert len(won) == 1
    # The winner's approval is decided, and billing may already have carried it out (the tasks run
    # in-process after its commit): the loser is told the status it finds, either way.
    assert lost.value.message in {
        f"Bu addım indi mümkün deyil: müraciətin statusu — “{status}”. Səhifəni yeniləyin."
        for status in ("Təsdiq edildi", "İcra edildi")
    }
    assert aysel_transfer.events.filter(to_status=Application.Status.APPROVED).count() == 1
