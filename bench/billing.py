"""The bench's billing: the fake billing, plus the synthetic country's accounts answered from the
rows bench_data wrote (selected by the bench settings only; FakeBilling is unchanged). Every
synthetic account has a smart meter and no contact, so a journey types no reading and tells
no one else."""

import datetime
from decimal import Decimal

from integrations.billing.base import ACTIVE, CLOSED, SMART, BillingAccount, Holder, Meter, MeterReading
from integrations.billing.fake import FakeBilling
from subscribers.models import Account

LAST_BILL = datetime.date(2026, 11, 1)
DAILY_KWH = Decimal("6.0")


class BenchBilling(FakeBilling):
    def account(self, subscriber_code: str) -> BillingAccount | None:
        found = super().account(subscriber_code)
        if found is not None:
            return found
        row = (
            Account.objects.select_related("holder", "property__district")
            .filter(subscriber_code=subscriber_code)
            .first()
        )
        if row is None:
            return None
        holder, dwelling = row.holder, row.property
        return BillingAccount(
            subscriber_code=subscriber_code,
            status=ACTIVE if row.status == Account.Status.ACTIVE else CLOSED,
            holder=Holder(holder.fin, holder.last_name, holder.first_name, holder.patronymic),
            contract_number=row.contract_number,
            contract_start=row.contract_start,
            address=dwelling.address,
            district_code=dwelling.district.code,
            registry_number=dwelling.registry_number,
            registration_number=dwelling.registration_number,
            property_kind=dwelling.kind,
            meter=Meter(f"BN-{subscriber_code[-8:]}", SMART, 6, 1, Decimal("1000.0"), LAST_BILL),
            balance=row.balance,
        )

    def meter_reading(self, subscriber_code: str, on: datetime.date) -> MeterReading | None:
        found = super().meter_reading(subscriber_code, on)
        if found is not None or on < LAST_BILL or on > datetime.date.today():
            return found
        return MeterReading(kwh=Decimal("1000.0") + DAILY_KWH * (on - LAST_BILL).days, on=on, source=SMART)
