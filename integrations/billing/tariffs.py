"""The household electricity tariff: the one place its prices live (DOMAIN.md, "Money and tariffs").

Prices include VAT and are tiered by monthly consumption: every kWh is charged at the price of
the tier it falls in, so 350 kWh = 200 × 8,4 + 100 × 10 + 50 × 15 qəpik = 34,30 AZN.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

QEPIK_PER_MANAT = 100


@dataclass(frozen=True)
class TariffTier:
    """kWh from `above_kwh` up to `up_to_kwh` (None: no upper bound), at `price_qepik` per kWh."""

    above_kwh: int
    up_to_kwh: int | None
    price_qepik: Decimal


@dataclass(frozen=True)
class Tariff:
    decision_date: datetime.date  # of the Tariff (Price) Council decision that set it
    tiers: tuple[TariffTier, ...]


HOUSEHOLD_TARIFF = Tariff(
    decision_date=datetime.date(2024, 12, 29),
    tiers=(
        TariffTier(0, 200, Decimal("8.4")),
        TariffTier(200, 300, Decimal("10")),
        TariffTier(300, None, Decimal("15")),
    ),
)


@dataclass(frozen=True)
class TierCharge:
    """The part of a month's consumption that falls in one tier, and what it costs."""

    tier: TariffTier
    kwh: Decimal
    amount_azn: Decimal


def bill_lines(*, kwh: Decimal | int, tariff: Tariff = HOUSEHOLD_TARIFF) -> list[TierCharge]:
    """The month's consumption split over the tiers it reaches; raises ValueError if negative."""
    kwh = Decimal(kwh)
    if kwh < 0:
        raise ValueError("consumption cannot be negative")
    lines = []
    for tier in tariff.tiers:
        upper = kwh if tier.up_to_kwh is None else min(kwh, Decimal(tier.up_to_kwh))
        in_tier = upper - tier.above_kwh
        if in_tier <= 0:
            break
        lines.append(TierCharge(tier, in_tier, in_tier * tier.price_qepik / QEPIK_PER_MANAT))
    return lines


def monthly_bill(*, kwh: Decimal | int, tariff: Tariff = HOUSEHOLD_TARIFF) -> Decimal:
    """What a household pays in AZN for `kwh` in one month, rounded half up to the qəpik."""
    total = sum((line.amount_azn for line in bill_lines(kwh=kwh, tariff=tariff)), Decimal(0))
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
