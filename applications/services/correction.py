"""Correcting a sent application after the office asked for information ("Düzəliş et")."""

import dataclasses

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.answers import Answers
from applications.corrections.services import (
    answers_version_baseline,
    answers_version_record,
    info_request_answered,
)
from applications.documents.generation import documents_reissue_request
from applications.eligibility import ApplicationRefused, eligibility_check
from applications.handover.services import handover_revise
from applications.models import Application, WizardDraft
from applications.services.review import TransitionRefused, application_resubmit
from applications.wizard.storage import correction_draft_data


def application_correction_start(*, application: Application, applicant) -> WizardDraft:
    """Open the wizard on this application's answers, to correct them; keeps a correction
    already under way. Raises TransitionRefused unless the office is waiting for the citizen."""
    if application.applicant_id != applicant.pk or application.status != Application.Status.INFO_REQUESTED:
        raise TransitionRefused(_("Bu müraciətə indi düzəliş etmək mümkün deyil."))
    draft, _created = WizardDraft.objects.get_or_create(
        user=applicant,
        correcting=application,
        defaults={"data": correction_draft_data(Answers.from_application(application))},
    )
    return draft


def application_correct(
    *,
    application: Application,
    applicant,
    answers: Answers,
    note: str = "",
    language: str | None = None,
) -> Application:
    """Send the corrected answers: the same application and number, the eligibility checks run
    again with fresh data, back to its reviewer with an event and an SMS (in `language`, which
    the application keeps for its later messages and documents, if given). Raises
    ApplicationRefused (TransitionRefused if no longer waiting), RegistryUnavailable or
    BillingUnavailable."""
    # Sending the correction is sending again: the applicant's document must be valid today.
    found = eligibility_check(
        fin=applicant.fin, answers=answers, made=application, sent_on=timezone.localdate()
    )
    if answers.district.office_id != application.office_id:
        raise ApplicationRefused(
            _(
                "Bu əmlak başqa qeydiyyat ofisinə aiddir: düzəliş əvəzinə bu müraciəti geri götürün "
                "və yeni müraciət göndərin."
            ),
            field="registry_number",
        )
    corrections = {
        **answers.as_fields(),
        "account": found.account.account,
        "dwelling": found.account.account.property,
        "registry_snapshot": {**dataclasses.asdict(found.person), "fetched_at": timezone.now()},
        "property_snapshot": dataclasses.asdict(found.property_record),
        "language": language,
    }
    with transaction.atomic():
        answers_version_baseline(application)
        corrected = application_resubmit(
            application=application, applicant=applicant, note=note, corrections=corrections
        )
        handover_revise(application=corrected, check=found.handover, account=found.account.account)
        # What was sent now, beside what was sent before: the officer sees the difference.
        version = answers_version_record(application=corrected, author=applicant)
        info_request_answered(application=corrected, version=version)
        # The receipt and the draft say what was sent: issued again, the old ones superseded.
        documents_reissue_request(application=corrected)
    WizardDraft.objects.filter(user=applicant, correcting=application).delete()
    return corrected
