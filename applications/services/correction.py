"""Correcting a sent application after the office asked for information ("Düzəliş et")."""

import dataclasses

from django.utils import timezone
from django.utils.translation import gettext as _

from applications.eligibility import ApplicationRefused, account_check, person_lookup, property_check
from applications.models import Application, WizardDraft
from applications.services.review import TransitionRefused, application_resubmit
from applications.wizard.storage import correction_draft_data
from subscribers.models import District


def application_correction_start(*, application: Application, applicant) -> WizardDraft:
    """Open the wizard on this application's answers, to correct them; keeps a correction
    already under way. Raises TransitionRefused unless the office is waiting for the citizen."""
    if application.applicant_id != applicant.pk or application.status != Application.Status.INFO_REQUESTED:
        raise TransitionRefused(_("Bu müraciətə indi düzəliş etmək mümkün deyil."))
    draft, _created = WizardDraft.objects.get_or_create(
        user=applicant, correcting=application, defaults={"data": correction_draft_data(application)}
    )
    return draft


def application_correct(
    *,
    application: Application,
    applicant,
    kind: str,
    subscriber_code: str,
    property_kind: str,
    district: District,
    registry_number: str,
    registration_number: str,
    mobile_phone: str,
    extra_mobile_phone: str = "",
    email: str = "",
    note: str = "",
    language: str | None = None,
) -> Application:
    """Send the corrected answers: the same application and number, the eligibility checks run
    again with fresh data, back to its reviewer with an event and an SMS (in `language`, which
    the application keeps for its later messages and documents, if given). Raises
    ApplicationRefused (TransitionRefused if no longer waiting), RegistryUnavailable or
    BillingUnavailable."""
    person = person_lookup(fin=applicant.fin)
    checked = account_check(person=person, kind=kind, subscriber_code=subscriber_code, made=application)
    record = property_check(
        person=person,
        kind=kind,
        account=checked.account,
        district=district,
        property_kind=property_kind,
        registry_number=registry_number,
        registration_number=registration_number,
    )
    if district.office_id != application.office_id:
        raise ApplicationRefused(
            _(
                "Bu əmlak başqa qeydiyyat ofisinə aiddir: düzəliş əvəzinə bu müraciəti geri götürün "
                "və yeni müraciət göndərin."
            ),
            field="registry_number",
        )
    corrections = {
        "kind": kind,
        "account": checked.account,
        "subscriber_code": subscriber_code,
        "dwelling": checked.account.property,
        "property_kind": property_kind,
        "district": district,
        "registry_number": registry_number,
        "registration_number": registration_number,
        "registry_snapshot": {**dataclasses.asdict(person), "fetched_at": timezone.now()},
        "property_snapshot": dataclasses.asdict(record),
        "language": language,
    }
    corrected = application_resubmit(
        application=application,
        applicant=applicant,
        note=note,
        mobile_phone=mobile_phone,
        extra_mobile_phone=extra_mobile_phone,
        email=email,
        corrections=corrections,
    )
    WizardDraft.objects.filter(user=applicant, correcting=application).delete()
    return corrected
