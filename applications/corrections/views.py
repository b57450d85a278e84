"""The citizen's answer page (signed in), and handed-in files behind short-lived signed links."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from applications.corrections.forms import AnswerForms, DocumentsForm
from applications.corrections.models import HandedInFile
from applications.corrections.services import handed_in_file_add, handed_in_file_remove, info_request_open
from applications.corrections.uploads import UploadRefused
from applications.documents.links import bundle_key_from_token, bundle_token
from applications.documents.views import may_see_identity
from applications.eligibility import ApplicationRefused
from applications.models import ApplicationAccess
from applications.selectors import citizen_application_or_404
from applications.services import application_access_record, application_correct
from core.client_address import client_address
from core.exceptions import Unavailable
from core.ratelimits import rate_limit_exceeded
from core.signing import InvalidToken
from notifications.verification import VerificationRefused, phone_verification_start


def handed_in_file_token(handed_in: HandedInFile) -> str:
    """A signed link's token for one file, valid today only (the page showing it makes a new one)."""
    return bundle_token(handed_in.key, max_age_days=0)


@login_required
def answer(request, number: str):
    """ "Cavab ver": the answers the office asked to correct and its upload boxes, nothing else."""
    application = citizen_application_or_404(applicant=request.user, number=number)
    info_request = info_request_open(application)
    if info_request is None or not info_request.is_structured:
        return redirect("applications:my_application", number=number)
    posted = request.method == "POST"
    kinds = info_request.document_kinds.order_by("position", "pk")
    steps = AnswerForms(
        application=application,
        info_request=info_request,
        user=request.user,
        data=request.POST if posted else None,
    )
    documents = DocumentsForm(request.POST if posted else None, request.FILES or None, document_kinds=kinds)
    if posted:
        try:
            sent = _answer_posted(request, application, info_request, steps, documents)
        except Unavailable:
            return render(
                request, "applications/wizard/unavailable.html", {"retry_url": request.path}, status=503
            )
        if sent:
            messages.success(request, _("Cavabınız göndərildi: müraciətə yenidən baxılır."))
            return redirect("applications:my_application", number=number)
    context = {
        "application": application,
        "info_request": info_request,
        "steps": steps,
        "documents": documents,
        "errors": _errors(steps, documents),
        "boxes": [
            (documents[DocumentsForm.field_name(kind)], _files_of(info_request, kind)) for kind in kinds
        ],
    }
    return render(request, "applications/my/answer.html", context, status=200)


def _errors(steps: AnswerForms, documents: DocumentsForm) -> list[tuple[str, str]]:
    """Every message on the page, each linked to its field (the error summary at the top)."""
    forms = [*steps.steps.values(), documents]
    found = [("", error) for form in forms if form.is_bound for error in form.non_field_errors()]
    for form in forms:
        if form.is_bound:
            found += [(field.auto_id, error) for field in form for error in field.errors]
    return found


def _files_of(info_request, kind) -> list[tuple[HandedInFile, str]]:
    files = info_request.files.filter(document_kind=kind, version__isnull=True)
    return [(handed_in, handed_in_file_token(handed_in)) for handed_in in files]


def _answer_posted(request, application, info_request, steps: AnswerForms, documents: DocumentsForm) -> bool:
    """Take the files (each kept once accepted), then send if everything is there; True once sent."""
    if "remove_file" in request.POST:
        handed_in_file_remove(info_request=info_request, key=request.POST["remove_file"])
        steps.is_valid()
        return False
    if not documents.is_valid():
        steps.is_valid()
        return False
    _store_uploads(request, info_request, documents)
    if not steps.is_valid() or documents.errors:
        _send_code_if_needed(request, steps)
        return False
    if "send" not in request.POST:
        return False
    missing = [
        kind
        for kind in documents.document_kinds
        if not info_request.files.filter(document_kind=kind).exists()
    ]
    for kind in missing:
        documents.add_error(DocumentsForm.field_name(kind), _("Bu sənədi yükləyin."))
    if missing:
        return False
    try:
        application_correct(
            application=application,
            applicant=request.user,
            answers=steps.answers(),
            note=documents.cleaned_data["note"],
            language=translation.get_language(),
        )
    except ApplicationRefused as refusal:
        if not steps.add_refusal(refusal):
            documents.add_error(None, refusal.message)
        return False
    return True


def _store_uploads(request, info_request, documents: DocumentsForm) -> None:
    for kind in documents.document_kinds:
        name = DocumentsForm.field_name(kind)
        for uploaded in documents.cleaned_data.get(name) or []:
            if rate_limit_exceeded(request, group="handed-in-file", key="user", rate=settings.UPLOAD_RATE):
                documents.add_error(name, _("Çox sayda fayl yüklənib. Bir saatdan sonra yenidən cəhd edin."))
                return
            try:
                handed_in_file_add(
                    info_request=info_request, document_kind=kind, uploaded=uploaded, applicant=request.user
                )
            except UploadRefused as refused:
                documents.add_error(name, f"{refused.message}")


def _send_code_if_needed(request, steps: AnswerForms) -> None:
    """A new mobile number needs the one-time code sent to it, as on the wizard's contact step."""
    contact = steps.contact
    wanted = contact is not None and (contact.code_needed_for or "resend_code" in request.POST)
    phone = contact.cleaned_data.get("mobile_phone") if wanted else ""
    if not phone or contact.phone_verified:
        return
    try:
        phone_verification_start(
            user=request.user,
            phone=phone,
            language=translation.get_language(),
            client_address=client_address(request),
        )
    except VerificationRefused as refusal:
        contact.ask_for_code(phone, refusal.message)
    else:
        contact.ask_for_code(phone)


def handed_in_file(request, token: str):
    """One handed-in file, to the applicant signed in or to staff of the application's office
    (each staff view in the access log); anyone else, or an expired link, gets a 404."""
    try:
        key = bundle_key_from_token(token)
    except InvalidToken as invalid:
        raise Http404 from invalid
    handed_in = get_object_or_404(HandedInFile.objects.select_related("application"), key=key)
    application = handed_in.application
    if not may_see_identity(request.user, application):
        raise Http404
    if request.user.pk != application.applicant_id:
        application_access_record(
            application=application, viewer=request.user, page=ApplicationAccess.Page.HANDED_IN_FILE
        )
    response = FileResponse(
        handed_in.file.open("rb"),
        content_type=handed_in.content_type,
        as_attachment=True,
        filename=f"{application.number}-{handed_in.document_kind.code}{handed_in.extension}",
    )
    patch_cache_control(response, private=True, no_store=True)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
