"""Sending an application: where the citizen's wizard ends."""

import dataclasses
import logging
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from applications import numbers
from applications.answers import Answers
from applications.corrections.services import answers_version_record
from applications.documents.generation import document_bundle_create
from applications.documents.links import bundle_url
from applications.eligibility import ApplicationRefused, eligibility_check, open_application_refusal
from applications.handover.services import handover_open
from applications.models import Application
from applications.services.history import application_event_record
from applications.services.messages import application_notify
from applications.workdays import decision_due_date
from core import metrics

logger = logging.getLogger(__name__)


def application_submit(
    *, applicant, submission_key: uuid.UUID, answers: Answers, language: str = "az"
) -> Application:
    """Send an application: run every eligibility rule again with fresh data, then store it
    routed to the district's office with its first event, its document bundle and the receipt
    SMS. Idempotent per `submission_key` (a double click returns the same application). Raises
    ApplicationRefused, RegistryUnavailable or BillingUnavailable."""
    existing = Application.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    # External systems first, outside the transaction: no row lock waits on the network.
    try:
        found = eligibility_check(fin=applicant.fin, answers=answers, sent_on=timezone.localdate())
    except ApplicationRefused:
        # "Already an open application" may be this very one, sent a moment ago by a double
        # click or a second tab with the same key: that is not a refusal.
        existing = Application.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
        raise
    application = Application(
        **answers.as_fields(),
        number=_unused_number(),
        language=language,
        applicant=applicant,
        applicant_fin=found.person.fin,
        registry_snapshot={**dataclasses.asdict(found.person), "fetched_at": timezone.now()},
        account=found.account.account,
        debt_at_submission=found.account.balance,
        dwelling=found.account.account.property,
        property_snapshot=dataclasses.asdict(found.property_record),
        office=answers.district.office,
        submission_key=submission_key,
        due_date=decision_due_date(timezone.localdate()),
    )
    try:
        with transaction.atomic():
            application.save()
            application_event_record(application=application, from_status="", actor=applicant)
            answers_version_record(application=application, author=applicant, first=True)
            bundle = document_bundle_create(application=application)
            application_notify(
                application=application, template="receipt", context={"bundle_url": bundle_url(bundle)}
            )
            # After the applicant's receipt: the outgoing holder and the co-owners are told.
            if found.handover is not None:
                handover_open(application=application, check=found.handover, account=found.account.account)
    except IntegrityError:
        # Another request with the same key (a second tab, a double click) won the race,
        # or someone else opened an application for this account a moment ago.
        existing = Application.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
        own = (
            Application.objects.open()
            .filter(account=application.account, applicant_fin=application.applicant_fin)
            .exists()
        )
        raise open_application_refusal(own=own) from None
    metrics.APPLICATIONS_SUBMITTED.labels(kind=application.kind).inc()
    logger.info("application %s submitted to office %s", application.number, application.office_id)
    return application


def _unused_number() -> str:
    # 31**9 numbers: a collision is a once-in-centuries event, but cheap to rule out.
    while True:
        number = numbers.generate()
        if not Application.objects.filter(number=number).exists():
            return number
