"""Applications made the way the wizard makes them: through the real services."""

import datetime
import re
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model

from applications.answers import Answers, HandoverAnswers
from applications.services import application_submit
from integrations.billing.base import SMART
from integrations.registry.demo import DEMO_PROPERTIES
from subscribers.models import District
from tests.support.billing import demo_ledger, plausible_reading
from tests.support.demo import AYSEL, MOBILE_E164, NESIMI_FLAT, RAUF_ACCOUNT


def citizen_user(fin: str):
    """The citizen with this FİN, as the sign-in callback creates them."""
    return get_user_model().objects.get_or_create(fin=fin, defaults={"username": f"citizen-{fin}"})[0]


DEFAULT = object()


def handover_answers(
    code: str = RAUF_ACCOUNT,
    place: dict = NESIMI_FLAT,
    *,
    day: datetime.date | None = None,
    reading: Decimal | None | object = DEFAULT,
    co_owner_phones: tuple[tuple[str, str], ...] = (),
) -> HandoverAnswers:
    """A transfer's handover step as a buyer fills it in for a demo account: the day they became
    the owner (not before the last bill) and, unless the meter is smart, a plausible reading."""
    code = re.sub(r"\D", "", code)
    ledger = demo_ledger(code)
    registry_number = re.sub(r"\D", "", place["registry_number"])
    record = next((record for record in DEMO_PROPERTIES if record.registry_number == registry_number), None)
    owner_since = record.owner_since if record else None
    if day is None:
        day = max(filter(None, (owner_since, ledger["last_billed_on"])))
    if reading is DEFAULT:
        reading = None if ledger["meter_kind"] == SMART else plausible_reading(code)
    return HandoverAnswers(handover_date=day, reading_kwh=reading, co_owner_phones=co_owner_phones)


def answers(
    kind: str = "transfer",
    code: str = RAUF_ACCOUNT,
    place: dict = NESIMI_FLAT,
    *,
    phone: str = MOBILE_E164,
    email: str = "",
    handover: HandoverAnswers | None | object = DEFAULT,
) -> Answers:
    """The wizard's answers for `kind` of account `code` at `place` (a demo place's fields); a
    transfer's handover as handover_answers() fills it unless given."""
    if handover is DEFAULT:
        handover = handover_answers(code, place) if kind == "transfer" else None
    return Answers(
        kind=kind,
        subscriber_code=code,
        property_kind=place["property_kind"],
        district=District.objects.get(code=place["district"]),
        registry_number=place["registry_number"],
        registration_number=place["registration_number"],
        mobile_phone=phone,
        email=email,
        handover=handover,
    )


def sent(fin: str = AYSEL, *, key: uuid.UUID | None = None, language: str = "az", applicant=None, **options):
    """An application sent through application_submit, as the wizard's done() sends it;
    `options` are answers()'s."""
    return application_submit(
        applicant=applicant or citizen_user(fin),
        submission_key=key or uuid.uuid4(),
        answers=answers(**options),
        language=language,
    )
