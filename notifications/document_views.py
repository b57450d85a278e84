"""The citizen's document bundle behind a signed link, and public document verification."""

from django.http import Http404
from django.shortcuts import render

from .links import InvalidLink, bundle_key_from_token
from .models import DocumentBundle


def bundle_detail(request, token: str):
    """The bundle's documents; an expired or tampered link gets a clear page, never data."""
    try:
        key = bundle_key_from_token(token)
    except InvalidLink as invalid:
        return render(
            request,
            "notifications/documents/link_invalid.html",
            {"expired": invalid.expired},
            status=410 if invalid.expired else 404,
        )
    bundle = DocumentBundle.objects.select_related("application").filter(key=key).first()
    if bundle is None:
        raise Http404
    return render(
        request,
        "notifications/documents/bundle.html",
        {"bundle": bundle, "documents": bundle.documents.all(), "token": token},
    )
