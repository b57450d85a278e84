"""The emulated ASAN Login's pages: its sign-in page (the authorization endpoint), and
django-oauth-toolkit's own endpoints, all answering 404 unless the emulated provider is on."""

from functools import wraps

from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View
from oauth2_provider.exceptions import FatalClientError, OAuthToolkitError
from oauth2_provider.models import get_application_model
from oauth2_provider.views.base import BaseAuthorizationView

from integrations.identity.emulated.provider import is_emulated
from integrations.identity.forms import FakeAsanLoginForm
from integrations.registry.demo import DEMO_PEOPLE


def emulated_only(view):
    """`view`, or 404 while a real ASAN Login is configured."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_emulated():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


class AsanLoginAuthorizeView(BaseAuthorizationView):
    """The authorization endpoint, whose sign-in page is the emulated ASAN Login: pick a method,
    type a FİN. The code it issues names that citizen; the portal's own session is not signed in
    here (that is the OIDC client's job, at the callback)."""

    template_name = "integrations/identity/asan_login.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_emulated():
            raise Http404
        self.oauth2_data = {}
        # Not LoginRequiredMixin's dispatch: this page is where the citizen signs in.
        return View.dispatch(self, request, *args, **kwargs)

    def get(self, request):
        if (refused := self._refusal(request)) is not None:
            return refused
        return self.render(FakeAsanLoginForm())

    def post(self, request):
        # The authorization request is still in the query string: the form posts back to it.
        if (refused := self._refusal(request)) is not None:
            return refused
        form = FakeAsanLoginForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        fin = form.cleaned_data["fin"]
        request.user, _created = get_user_model().objects.get_or_create(
            fin=fin, defaults={"username": f"citizen-{fin}"}
        )
        credentials = {**self.credentials, "asan_method": form.cleaned_data["method"]}
        try:
            uri, _headers, _body, _status = self.create_authorization_response(
                request=request, scopes=" ".join(self.scopes), credentials=credentials, allow=True
            )
        except OAuthToolkitError as error:
            return self.error_response(error, self.application)
        return self.redirect(uri, self.application)

    def _refusal(self, request):
        """None for a good authorization request (kept on self), else the answer to it."""
        try:
            self.scopes, self.credentials = self.validate_authorization_request(request)
        except FatalClientError:
            # No trustworthy redirect_uri to send the error to.
            return HttpResponseBadRequest(_("Giriş sorğusu natamamdır."))
        except OAuthToolkitError as error:
            return self.error_response(error, application=None)
        self.application = get_application_model().objects.get(client_id=self.credentials["client_id"])
        return None

    def render(self, form):
        return render(
            request=self.request,
            template_name=self.template_name,
            context={"form": form, "demo_people": DEMO_PEOPLE},
        )
