"""The citizen's document bundle behind a signed link, and public document verification.

Bundle pages carry personal data: nothing is cached on the way (`private, no-store`) and an
expired or tampered link gets a clear page, never data. The verification page is public and
shows only what the QR code vouches for: kind, application number, issue date.
"""

import functools
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from applications.documents.content import document_content_stored, document_title
from applications.documents.forms import DocumentCopyForm
from applications.documents.generation import bundle_entries
from applications.documents.links import bundle_key_from_token
from applications.documents.models import Document, DocumentBundle
from applications.documents.verification import copy_is_issued, document_is_intact
from core.formats import format_date
from core.middleware import language_chosen, signed_link_page
from core.ratelimits import RateLimitUnavailable, rate_limit_exceeded
from core.signing import InvalidToken

FINAL_SUFFIX = "-final"
Kind = Document.Kind


def _link_refused(request, *, expired: bool, revoked: bool = False):
    page = render(
        request,
        "applications/documents/link_invalid.html",
        {"expired": expired, "revoked": revoked},
        status=410 if expired or revoked else 404,
    )
    return signed_link_page(page)


def may_see_identity(user, application) -> bool:
    """Whether `user` may read the documents' identity data (FİN, ID number, birth date, address,
    phone): the applicant signed in through ASAN Login, or staff who may see the application."""
    if not user.is_authenticated:
        return False
    if user.pk == application.applicant_id:
        return True
    return user.is_staff and user.is_verified() and application.is_visible_to(user)


def signed_bundle(view=None, *, identity: bool = False):
    """Resolve the URL's signed token to its bundle, passed to `view`; 410 if expired or revoked
    (withdrawn, rejected), 404 if invalid. `identity`: the page shows identity data, so the
    link alone is not enough — the applicant signs in first."""
    if view is None:
        return functools.partial(signed_bundle, identity=identity)

    @functools.wraps(view)
    def wrapper(request, token: str, **kwargs):
        try:
            key = bundle_key_from_token(token)
        except InvalidToken as invalid:
            return _link_refused(request, expired=invalid.expired)
        bundle = get_object_or_404(
            DocumentBundle.objects.select_related(
                "application__account__holder", "application__district__parent", "application__office"
            ),
            key=key,
        )
        if not bundle.application.document_links_open:
            return _link_refused(request, expired=False, revoked=True)
        if identity and not may_see_identity(request.user, bundle.application):
            # The number is no personal data (the public status lookup takes it); the token
            # does not travel on into the sign-in.
            my_page = reverse("applications:my_application", args=[bundle.application.number])
            return signed_link_page(
                redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': my_page})}")
            )
        # Opened from the SMS, with no language chosen here yet: the application's language.
        language = language_chosen(request) or bundle.application.language
        with translation.override(language):
            response = view(request, bundle, token=token, **kwargs)
            response["Content-Language"] = language
        return signed_link_page(response)

    return wrapper


def _document(bundle: DocumentBundle, slug: str) -> Document:
    """The bundle's document named by a URL slug: `contract`, `contract-final`, …; of its kind
    the latest (the one in force, or superseded by a later change of the account)."""
    is_final = slug.endswith(FINAL_SUFFIX)
    kind = slug.removesuffix(FINAL_SUFFIX)
    # The outgoing holder's final bill is theirs: not behind the buyer's link.
    documents = bundle.documents.exclude(kind=Kind.FINAL_BILL).filter(kind=kind, is_final=is_final)
    document = documents.order_by("-created_at", "-pk").first()
    if document is None:
        raise Http404
    return document


@signed_bundle
def bundle_detail(request, bundle: DocumentBundle, *, token: str):
    """The bundle's documents, each as PDF and HTML; those not generated yet say so."""
    entries = bundle_entries(bundle=bundle)
    return render(
        request,
        "applications/documents/bundle.html",
        {
            "application": bundle.application,
            "entries": entries,
            "preparing": any(entry.document is None for entry in entries),
            "signed_in_as_applicant": may_see_identity(request.user, bundle.application),
            "token": token,
        },
    )


@signed_bundle(identity=True)
def document_pdf(request, bundle: DocumentBundle, *, token: str, slug: str):
    """The stored PDF, shown in the browser (inline)."""
    document = _document(bundle, slug)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"{bundle.application.number}-{slug}.pdf",
    )


@signed_bundle(identity=True)
def document_html(request, bundle: DocumentBundle, *, token: str, slug: str):
    """The same document as an accessible web page: what it said when issued, the very content
    its PDF was drawn from (never today's data)."""
    document = _document(bundle, slug)
    content = document_content_stored(document)
    qr_svg = ""
    if content is not None and not content.is_draft:
        qr = segno.make(content.verification_url, error="m")
        qr_svg = mark_safe(qr.svg_inline(scale=3, title=content.verification_url))  # noqa: S308
    return render(
        request,
        "applications/documents/document.html",
        {
            "content": content,
            "title": document_title(kind=document.kind, is_final=document.is_final),
            "superseded": format_date(document.superseded_at) if document.superseded_at else "",
            "qr_svg": qr_svg,
            "token": token,
            "slug": slug,
        },
    )


def document_verify(request, code: str):
    """Public: whether a document with this code was issued (kind, number and date only), its
    stored file intact and sealed; a POSTed copy is checked against it (rate limited per client)."""
    document = (
        Document.objects.select_related("bundle__application", "superseded_by")
        .filter(verification_code=code)
        .first()
    )
    if document is None or document.is_draft:  # a draft was never issued: nothing to vouch for
        return render(request, "applications/documents/verify_not_found.html", status=404)
    replacement = document.superseded_by
    context = {
        "title": document_title(kind=document.kind, is_final=document.is_final),
        "application_number": document.bundle.application.number,
        "issued": format_date(document.created_at),
        "intact": document_is_intact(document=document),
        "superseded": format_date(document.superseded_at) if document.superseded_at else "",
        # A draft replacing a draft is never shown; the code of an issued replacement is.
        "replacement_code": replacement.verification_code if replacement and not replacement.is_draft else "",
        "form": DocumentCopyForm(),
    }
    status = 200
    if request.method == "POST":
        context["form"] = form = DocumentCopyForm(request.POST, request.FILES)
        try:
            limited = rate_limit_exceeded(
                request, group="document-verify", key="ip", rate=settings.DOCUMENT_VERIFY_RATE
            )
        except RateLimitUnavailable:
            form.add_error(None, _("Bağışlayın, yoxlama hazırda aparıla bilmir"))
            return render(request, "applications/documents/verify.html", context, status=503)
        if limited:
            return render(request, "429.html", status=429)
        if form.is_valid():
            context["copy_checked"] = True
            context["copy_issued"] = copy_is_issued(document=document, copy=form.cleaned_data["copy"])
        else:
            status = 400
    return render(request, "applications/documents/verify.html", context, status=status)
