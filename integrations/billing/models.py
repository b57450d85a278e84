"""The fake billing's own ledger: what a real billing system would hold, kept in the portal's
database so that every process of a development or test deployment (web, workers) sees the same
accounts, readings and commands. Named fake everywhere; production refuses the fake backend.
"""

from decimal import Decimal

from django.db import models


class FakeLedgerAccount(models.Model):
    """An account in the fake billing system."""

    subscriber_code = models.CharField(max_length=15, primary_key=True)
    status = models.CharField(max_length=8, default="active")
    holder_fin = models.CharField(max_length=7)
    holder_last_name = models.CharField(max_length=100)
    holder_first_name = models.CharField(max_length=100)
    holder_patronymic = models.CharField(max_length=100, blank=True)
    contract_number = models.CharField(max_length=32, unique=True)
    contract_start = models.DateField()
    address = models.CharField(max_length=255)
    district_code = models.CharField(max_length=40)
    registry_number = models.CharField(max_length=13)
    registration_number = models.CharField(max_length=12)
    property_kind = models.CharField(max_length=16)
    meter_number = models.CharField(max_length=20)
    meter_kind = models.CharField(max_length=16)
    meter_integer_digits = models.PositiveSmallIntegerField(default=6)
    meter_decimal_digits = models.PositiveSmallIntegerField(default=1)
    last_billed_kwh = models.DecimalField(max_digits=12, decimal_places=1)
    last_billed_on = models.DateField()
    # What the household uses a day: a smart meter's reading on any later day follows from it.
    daily_kwh = models.DecimalField(max_digits=6, decimal_places=1, default=Decimal("6.0"))
    balance = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    contact_phone = models.CharField(max_length=16, blank=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        db_table = "fake_billing_account"

    def __str__(self):
        return self.subscriber_code


class FakeLedgerContract(models.Model):
    """A contract the fake billing closed, with the final bill it settled."""

    subscriber_code = models.CharField(max_length=15, db_index=True)
    contract_number = models.CharField(max_length=32, unique=True)
    holder_fin = models.CharField(max_length=7)
    started_on = models.DateField()
    ended_on = models.DateField()
    closing_kwh = models.DecimalField(max_digits=12, decimal_places=1)
    final_bill = models.JSONField()

    class Meta:
        db_table = "fake_billing_contract"

    def __str__(self):
        return self.contract_number


class FakeLedgerCommand(models.Model):
    """A command the fake billing carried out, by its idempotency key, with what it answered."""

    key = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=16)
    subscriber_code = models.CharField(max_length=15)
    payload = models.JSONField()
    result = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "fake_billing_command"

    def __str__(self):
        return self.key
