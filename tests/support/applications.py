"""Applications made the way the wizard makes them: through the real services."""

import uuid

from django.contrib.auth import get_user_model

from applications.answers import Answers
from applications.services import application_submit
from subscribers.models import District
from tests.support.demo import AYSEL, MOBILE_E164, NESIMI_FLAT, RAUF_ACCOUNT


def citizen_user(fin: str):
    """The citizen with this FİN, as the sign-in callback creates them."""
    return get_user_model().objects.get_or_create(fin=fin, defaults={"username": f"citizen-{fin}"})[0]


def answers(
    kind: str = "transfer",
    code: str = RAUF_ACCOUNT,
    place: dict = NESIMI_FLAT,
    *,
    phone: str = MOBILE_E164,
    email: str = "",
) -> Answers:
    """The wizard's answers for `kind` of account `code` at `place` (a demo place's fields)."""
    return Answers(
        kind=kind,
        subscriber_code=code,
        property_kind=place["property_kind"],
        district=District.objects.get(code=place["district"]),
        registry_number=place["registry_number"],
        registration_number=place["registration_number"],
        mobile_phone=phone,
        email=email,
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
