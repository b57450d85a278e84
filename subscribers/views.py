"""Citizen sign-in through the state identity provider (ASAN Login), and sign-out."""

from django.conf import settings
from django.contrib.auth import get_user_model, login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from integrations.base import ExternalSystemUnavailable
from integrations.identity.base import SignInRejected, get_identity_provider

NEXT_SESSION_KEY = "signin:next"


def _callback_url(request) -> str:
    return request.build_absolute_uri(reverse("signin:callback"))


def signin_start(request):
    """Send the citizen to the identity provider, remembering where to return."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse(settings.LOGIN_REDIRECT_URL)
    try:
        # The provider's client keeps this sign-in's state, nonce and PKCE verifier in the session.
        url = get_identity_provider().authorization_url(request, redirect_uri=_callback_url(request))
    except ExternalSystemUnavailable:
        return render(request, "subscribers/signin_unavailable.html", status=503)
    request.session[NEXT_SESSION_KEY] = next_url
    return redirect(url)


def signin_callback(request):
    """The provider sends the citizen back with a code; the ID token it is exchanged for proves
    their FİN. Anything that does not prove it sends them back to sign in again."""
    try:
        identity = get_identity_provider().resolve(request, redirect_uri=_callback_url(request))
    except SignInRejected:
        return render(request, "subscribers/signin_failed.html", status=400)
    except ExternalSystemUnavailable:
        return render(request, "subscribers/signin_unavailable.html", status=503)
    next_url = request.session.pop(NEXT_SESSION_KEY, reverse(settings.LOGIN_REDIRECT_URL))
    user, _created = get_user_model().objects.get_or_create(
        fin=identity.fin, defaults={"username": f"citizen-{identity.fin}"}
    )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # rotates the session key
    return redirect(next_url)


@require_POST
def signout(request):
    """ "Çıxış": ends the session here and at ASAN Login (RP-initiated logout), which sends the
    citizen back to the start page. The saved wizard progress stays with the citizen's account."""
    signed_in = request.user.is_authenticated
    logout(request)
    if not signed_in:
        return redirect("home")
    url = get_identity_provider().logout_url(
        post_logout_redirect_uri=request.build_absolute_uri(reverse("home"))
    )
    return redirect(url or "home")
