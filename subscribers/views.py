"""Citizen sign-in through the state identity provider (ASAN Login), and sign-out."""

import secrets
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model, login, logout
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from core.middleware import SESSION_TOUCHED_KEY
from subscribers.adapters.base import ExternalSystemUnavailable
from subscribers.adapters.identity import FakeIdentityProvider, SignInRejected, get_identity_provider
from subscribers.demo import DEMO_PEOPLE
from subscribers.forms import FakeAsanLoginForm

STATE_SESSION_KEY = "signin:state"
NEXT_SESSION_KEY = "signin:next"


def _callback_url(request) -> str:
    return request.build_absolute_uri(reverse("signin:callback"))


def signin_start(request):
    """Send the citizen to the identity provider, remembering where to return."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse(settings.LOGIN_REDIRECT_URL)
    state = secrets.token_urlsafe(24)
    request.session[STATE_SESSION_KEY] = state
    request.session[NEXT_SESSION_KEY] = next_url
    return redirect(
        get_identity_provider().authorization_url(state=state, redirect_uri=_callback_url(request))
    )


def signin_callback(request):
    """The provider sends the citizen back with a code; the code proves their FİN."""
    state = request.session.pop(STATE_SESSION_KEY, None)
    if not state or not secrets.compare_digest(state, request.GET.get("state", "")):
        return render(request, "subscribers/signin_failed.html", status=400)
    try:
        identity = get_identity_provider().resolve(
            code=request.GET.get("code", ""), redirect_uri=_callback_url(request)
        )
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
def keep_alive(request):
    """ "Davam et" in the session timeout warning: the session starts its idle time again."""
    if request.user.is_authenticated:
        request.session[SESSION_TOUCHED_KEY] = int(time.time())
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("home")
    return redirect(next_url)


@require_POST
def signout(request):
    """ "Çıxış": ends the session. The saved wizard progress stays with the citizen's account."""
    logout(request)
    return redirect("home")


class FakeAsanLoginView(View):
    """The emulated ASAN Login page, served only while the fake identity provider is configured."""

    template_name = "subscribers/fake_asan_login.html"

    def dispatch(self, request, *args, **kwargs):
        if not isinstance(get_identity_provider(), FakeIdentityProvider):
            raise Http404
        if not request.GET.get("state"):
            return HttpResponseBadRequest(_("Giriş sorğusu natamamdır."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(FakeAsanLoginForm())

    def post(self, request):
        form = FakeAsanLoginForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        code = FakeIdentityProvider.issue_code(
            fin=form.cleaned_data["fin"], method=form.cleaned_data["method"]
        )
        query = urlencode({"code": code, "state": request.GET["state"]})
        return redirect(f"{reverse('signin:callback')}?{query}")

    def render(self, form):
        return render(
            request=self.request,
            template_name=self.template_name,
            context={"form": form, "demo_people": DEMO_PEOPLE},
        )
