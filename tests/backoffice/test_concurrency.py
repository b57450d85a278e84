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

from .conftest import OPERATOR_BAKI, RAUF_ACCOUNT, SUPERVISOR, refreshed, user

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks (SELECT ... FOR UPDATE); run with DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]


def at_once(*calls) -> list:
    """Run the calls in threads released together; each result is a value or the exception."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # the refusal is the result under test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_reviewers_claiming_at_once_one_wins_the_other_is_told(aysel_transfer):
    operator, supervisor = user(OPERATOR_BAKI), user(SUPERVISOR)

    results = at_once(
        lambda: application_claim(application=aysel_transfer, actor=operator),
        lambda: application_claim(application=aysel_transfer, actor=supervisor),
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
        lambda: application_approve(application=aysel_transfer, actor=operator),
        lambda: application_approve(application=aysel_transfer, actor=operator),
    )

    lost = [result for result in results if isinstance(result, TransitionRefused)]
    assert sum(isinstance(result, Application) for result in results) == 1 and len(lost) == 1, results
    assert "“Təsdiq edildi”" in lost[0].message
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    assert account.holder.fin == "2AB3C4D"
    assert account.history.count() == history_before + 2  # the old contract ended, the new holder
    assert aysel_transfer.events.filter(to_status=Application.Status.APPROVED).count() == 1
    assert Notification.objects.filter(application=aysel_transfer, template="approved").count() == 1
