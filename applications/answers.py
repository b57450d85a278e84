"""A citizen's answers to the wizard as one typed value, built once and passed whole: to the
eligibility rules, to submission and correction, to the check page, and back into a draft."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from subscribers.models import District

# The wizard step each answer is typed on (step 1, "basic", is the registry's: nothing typed).
STEP_FIELDS = {
    "application": ("kind", "subscriber_code"),
    "property": ("property_kind", "district", "registry_number", "registration_number"),
    "contact": ("mobile_phone", "email"),
}


@dataclass(frozen=True)
class HandoverAnswers:
    """What the buyer said on the handover step (step fields: handover_date, meter_reading,
    coowner_<FİN>)."""

    handover_date: datetime.date
    reading_kwh: Decimal | None  # None: the smart meter's reading on that day
    co_owner_phones: tuple[tuple[str, str], ...] = ()  # (FİN, E.164) per other owner


@dataclass(frozen=True)
class Answers:
    """Steps 2–4, validated: what the citizen asks for, for which account and property, and where
    they are reached (`mobile_phone` in E.164, proven by a one-time code)."""

    kind: str
    subscriber_code: str
    property_kind: str
    district: District
    registry_number: str
    registration_number: str
    mobile_phone: str
    email: str = ""
    # A transfer's handover step (None for a rename).
    handover: HandoverAnswers | None = None

    @classmethod
    def from_steps(cls, cleaned: dict[str, dict | None]) -> "Answers":
        """From the wizard's validated steps (step name -> the form's cleaned_data; a transfer's
        handover step puts its HandoverAnswers under "answers")."""
        values = {name: cleaned[step][name] for step, names in STEP_FIELDS.items() for name in names}
        return cls(**values, handover=(cleaned.get("handover") or {}).get("answers"))

    @classmethod
    def from_application(cls, application) -> "Answers":
        """The answers a sent application holds (to re-check it, or to correct it)."""
        values = {name: getattr(application, name) for names in STEP_FIELDS.values() for name in names}
        return cls(**values, handover=_handover_of(application))

    def as_fields(self) -> dict:
        """The answers by name, as the Application model's fields of the same names take them."""
        return {name: getattr(self, name) for names in STEP_FIELDS.values() for name in names}

    def as_step_data(self) -> dict[str, dict[str, str]]:
        """Step -> field -> value as a form takes it (the district by its code): saved progress."""
        typed = {**self.as_fields(), "district": self.district.code}
        steps = {step: {name: typed[name] for name in names} for step, names in STEP_FIELDS.items()}
        if self.handover is not None:
            steps["handover"] = _handover_step_data(self.handover)
        return steps


def _handover_of(application) -> HandoverAnswers | None:
    handover = getattr(application, "handover", None)
    if handover is None:
        return None
    phones = tuple(application.co_owner_consents.order_by("pk").values_list("owner_fin", "mobile_phone"))
    # A reading the smart meter gave is asked of billing again, not carried as if typed.
    typed = handover.reading_kwh if handover.reading_source == handover.ReadingSource.BUYER else None
    return HandoverAnswers(handover_date=handover.handover_date, reading_kwh=typed, co_owner_phones=phones)


def _handover_step_data(handover: HandoverAnswers) -> dict[str, str]:
    typed = {
        "handover_date": handover.handover_date.strftime("%d.%m.%Y"),
        "meter_reading": "" if handover.reading_kwh is None else str(handover.reading_kwh),
    }
    typed.update({f"coowner_{fin}": phone for fin, phone in handover.co_owner_phones})
    return typed
