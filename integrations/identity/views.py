"""The emulated ASAN Login page: the fake identity provider's sign-in page, served by the portal
while settings name FakeIdentityProvider (development and tests), a 404 otherwise."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from integrations.identity.base import get_identity_provider
from integrations.identity.fake import FakeIdentityProvider
from integrations.identity.forms import FakeAsanLoginForm
from integrations.registry.demo import DEMO_PEOPLE


class FakeAsanLoginView(View):
    """The emulated ASAN Login page, served only while the fake identity provider is configured."""

    template_name = "integrations/identity/asan_login.html"

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
