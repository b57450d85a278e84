"""The write path of requests for information, handed-in files and answer versions."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.answers import STEP_FIELDS
from applications.corrections.models import AnswersVersion, DocumentKind, HandedInFile, InfoRequest
from applications.corrections.uploads import UploadRefused, upload_checked

# The answers an office may ask to correct in place, by the wizard step they are typed on. The
# kind and the account are not among them: another account is another application.
CORRECTABLE_FIELDS = {
    "property": ("property_kind", "district", "registry_number", "registration_number"),
    "contact": ("mobile_phone", "email"),
}
CORRECTABLE = tuple(name for names in CORRECTABLE_FIELDS.values() for name in names)


def info_request_record(*, application, actor, message: str, fields=(), document_kinds=()) -> InfoRequest:
    """Store what the office asks for (call inside the request_info transition); `fields` are
    CORRECTABLE names, kept in the wizard's order. Raises ValueError for any other name."""
    unknown = set(fields) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"not correctable: {sorted(unknown)}")
    request = InfoRequest.objects.create(
        application=application,
        message=message,
        fields=[name for name in CORRECTABLE if name in fields],
        requested_by=actor,
    )
    request.document_kinds.set(document_kinds)
    return request


def info_request_open(application) -> InfoRequest | None:
    """The request the citizen is answering now (the latest, while information is requested)."""
    if application.status != application.Status.INFO_REQUESTED:
        return None
    return application.info_requests.filter(answered_at__isnull=True).order_by("-requested_at", "-pk").first()


def handed_in_file_add(*, info_request: InfoRequest, document_kind: DocumentKind, uploaded, applicant):
    """Check, scan and store one file for the request (kept until the answer is sent). Raises
    UploadRefused (also past UPLOAD_MAX_FILES files for one request)."""
    checked = upload_checked(uploaded)
    with transaction.atomic():
        # Locked: two uploads at once cannot both take the last place.
        InfoRequest.objects.select_for_update().get(pk=info_request.pk)
        if info_request.files.count() >= settings.UPLOAD_MAX_FILES:
            raise UploadRefused(
                _("Bir sorğuya ən çox %(count)d fayl yükləmək olar.") % {"count": settings.UPLOAD_MAX_FILES}
            )
        handed_in = HandedInFile(
            application_id=info_request.application_id,
            info_request=info_request,
            document_kind=document_kind,
            content_type=checked.content_type,
            size=len(checked.content),
            uploaded_by=applicant,
        )
        handed_in.file.save("upload", ContentFile(checked.content), save=False)
        handed_in.save()
    return handed_in


def handed_in_file_remove(*, info_request: InfoRequest, key: str) -> None:
    """Take back a file not yet sent with an answer (its stored bytes go too)."""
    handed_in = info_request.files.filter(key=key, version__isnull=True).first()
    if handed_in is not None:
        handed_in.file.delete(save=False)
        handed_in.delete()


def answers_of(application) -> dict:
    """The application's answers as a version stores them (the district by its code)."""
    values = {name: getattr(application, name) for names in STEP_FIELDS.values() for name in names}
    return {**values, "district": application.district.code}


def answers_version_record(*, application, author, created_at=None, first: bool = False) -> AnswersVersion:
    """Store the application's answers as they are now as its next version (`first`: the
    application was just sent, so this is version 1)."""
    last = None if first else application.answer_versions.order_by("-number").first()
    return AnswersVersion.objects.create(
        application=application,
        number=last.number + 1 if last else 1,
        answers=answers_of(application),
        author=author,
        created_at=created_at or timezone.now(),
    )


def answers_version_baseline(application) -> None:
    """Version 1 for an application sent before versions were kept: its answers as sent."""
    if not application.answer_versions.exists():
        answers_version_record(
            application=application, author=application.applicant, created_at=application.submitted_at
        )


def info_request_answered(*, application, version: AnswersVersion) -> None:
    """The open request is answered by `version`: its files are handed in with it."""
    request = application.info_requests.filter(answered_at__isnull=True).order_by("-requested_at").first()
    if request is None:
        return
    request.files.filter(version__isnull=True).update(version=version)
    request.answered_at = version.created_at
    request.save(update_fields=["answered_at"])
