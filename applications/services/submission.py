"""Sending an application: where the citizen's wizard ends."""

import dataclasses
import logging
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import numbers
from applications.documents.generation import document_bundle_create
from applications.documents.links import bundle_url
from applications.eligibility import ApplicationRefused, account_check, person_lookup, property_check
from applications.models import Application, ApplicationEvent
from applications.services.messages import application_notify
from applications.workdays import decision_due_date
from subscribers.models import District

logger = logging.getLogger(__name__)


def application_submit(
    *,
    applicant,
    submission_key: uuid.UUID,
    kind: str,
    subscriber_code: str,
    property_kind: str,
    district: District,
    registry_number: str,
    registration_number: str,
    mobile_phone: str,
    extra_mobile_phone: str = "",
    email: str = "",
    language: str = "az",
) -> Application:
    """Send an application: re-run the registry, property and debt checks with fresh data, then
    store it routed to the district's office with its first event. Idempotent per
    `submission_key` (a double click returns the same application). Raises ApplicationRefused,
    RegistryUnavailable or BillingUnavailable."""
    existing = Application.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    # External systems first, outside the transaction: no row lock waits on the network.
    try:
        person = person_lookup(fin=applicant.fin)
        checked = account_check(person=person, kind=kind, subscriber_code=subscriber_code)
        record = property_check(
            person=person,
            kind=kind,
            account=checked.account,
            district=district,
            property_kind=property_kind,
            registry_number=registry_number,
            registration_number=registration_number,
        )
    except ApplicationRefused:
        # "Already an open application" may be this very one, sent a moment ago by a double
        # click or a second tab with the same key: that is not a refusal.
        existing = Application.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
        raise
    application = Application(
        number=_unused_number(),
        kind=kind,
        language=language,
        applicant=applicant,
        applicant_fin=person.fin,
        registry_snapshot={**dataclasses.asdict(person), "fetched_at": timezone.now()},
        account=checked.account,
        subscriber_code=subscriber_code,
        debt_at_submission=checked.balance,
        dwelling=checked.account.property,
        property_kind=property_kind,
        district=district,
        registry_number=registry_number,
        registration_number=registration_number,
        property_snapshot=dataclasses.asdict(record),
        mobile_phone=mobile_phone,
        extra_mobile_phone=extra_mobile_phone,
        email=email,
        office=district.office,
        submission_key=submission_key,
        due_date=decision_due_date(timezone.localdate()),
    )
    try:
        with transaction.atomic():
            application.save()
            ApplicationEvent.objects.create(
                application=application, to_status=Application.Status.SUBMITTED, actor=applicant
            )
            bundle = document_bundle_create(application=application)
            application_notify(
                application=application, template="receipt", context={"bundle_url": bundle_url(bundle)}
            )
    except IntegrityError:
        # Another request with the same key (a second tab, a double click) won the race,
        # or someone else opened an application for this account a moment ago.
        existing = Application.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
        raise ApplicationRefused(
            _("Bu şəxsi hesab üzrə artıq baxılan müraciət var. Onun nəticəsini gözləyin."),
            field="subscriber_code",
        ) from None
    logger.info("application %s submitted to office %s", application.number, application.office_id)
    return application


def _unused_number() -> str:
    # 31**9 numbers: a collision is a once-in-centuries event, but cheap to rule out.
    while True:
        number = numbers.generate()
        if not Application.objects.filter(number=number).exists():
            return number
