from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from subscribers.models import Account, Property, Subscriber
from tests.support.billing import ledger_update

DEMO_HOLDERS = {
    "100100200300401": ("9XY8Z7W", "Əliyev", "Rauf", "Bakı ş., Nəsimi r."),
    "200200300400502": ("8WV7U6T", "Abbasova", "Nigar", "Gəncə ş."),
    "300300400500603": ("4EF5G6H", "Həsənova", "Leyla", "Sumqayıt ş."),
    "100100200300714": ("5GH6J7K", "Babayev", "Tural", "Bakı ş., Yasamal r."),
    "100100200300825": ("7ST6R5Q", "Qasımov", "Samir", "Bakı ş., Xətai r."),
    "100100200300936": ("9JK8H7G", "Məmmədli", "Vüqar", "Bakı ş., Nərimanov r."),
}


def counts():
    return Subscriber.objects.count(), Property.objects.count(), Account.objects.count()


@pytest.mark.django_db
def test_load_demo_data_creates_the_demo_accounts_from_the_fake_billing(settings):
    settings.DEBUG = True

    output = StringIO()

    call_command("load_demo_data", stdout=output)

    assert "6 accounts" in output.getvalue()

    accounts = Account.objects.select_related("holder", "property__district")
    assert {
        a.subscriber_code: (
            a.holder.fin,
            a.holder.last_name,
            a.holder.first_name,
            a.property.district.display_name,
        )
        for a in accounts
    } == DEMO_HOLDERS
    assert {a.status for a in accounts} == {Account.Status.ACTIVE}
    # What the README's demo table promises: a smart meter, a prepaid credit, a debt.
    assert Account.objects.get(subscriber_code="100100200300825").meter_kind == "smart"
    assert Account.objects.get(subscriber_code="100100200300401").balance == Decimal("-15.00")
    assert Account.objects.get(subscriber_code="200200300400502").balance == Decimal("45.20")


@pytest.mark.django_db
def test_leylas_account_still_carries_her_previous_surname(settings):
    settings.DEBUG = True

    call_command("load_demo_data")

    holder = Account.objects.get(subscriber_code="300300400500603").holder
    assert holder.full_name == "Həsənova Leyla Tofiq qızı"


@pytest.mark.django_db
def test_load_demo_data_twice_gives_the_same_world_and_resets_balances(settings):
    settings.DEBUG = True
    call_command("load_demo_data")
    before = counts()
    ledger_update("200200300400502", balance=Decimal("0.00"))
    Subscriber.objects.filter(fin="4EF5G6H").update(last_name="Quliyeva")

    call_command("load_demo_data")

    assert counts() == before == (6, 6, 6)
    assert Account.objects.get(subscriber_code="200200300400502").balance == Decimal("45.20")
    assert Subscriber.objects.get(fin="4EF5G6H").last_name == "Həsənova"


@pytest.mark.django_db
def test_load_demo_data_refuses_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo_data")

    assert counts() == (0, 0, 0)
