"""The back office's second sign-in step (after the password): an authenticator or recovery code,
or, for staff without an authenticator, setting one up. Served by BackOfficeAdminSite."""

import logging
from urllib.parse import urlencode

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp.plugins.otp_static.models import StaticDevice

from backoffice.forms import EnrolmentCodeForm, SecondFactorForm
from backoffice.roles import SUPERVISOR, role_of
from backoffice.throttle import remember_browser
from backoffice.two_factor import (
    SecondFactorRefused,
    authenticator_qr_data_uri,
    authenticator_secret,
    authenticator_setup_confirm,
    authenticator_setup_start,
    enrolment_code_issue,
    enrolment_code_use,
    has_authenticator,
    recovery_codes_left,
    second_factor_verify,
)

logger = logging.getLogger(__name__)


@method_decorator([never_cache, csrf_protect], name="dispatch")
class StaffStepView(View):
    """For staff who gave their password and not yet a second factor; anyone else is sent on."""

    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect(self.admin_url("login"))
        if user.is_verified():
            return redirect(self.next_url())
        other_step = self.other_step()
        if other_step:
            return redirect(self.admin_url(other_step, keep_next=True))
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_authenticated and request.user.is_verified():
            # Signed in fully on this request: the per-username limit spares this browser.
            remember_browser(response, request.user.get_username())
        return response

    def other_step(self) -> str | None:
        """The step this staff member should be on instead of this one, if any."""
        return None

    def admin_url(self, name: str, *, keep_next: bool = False) -> str:
        url = reverse(f"{self.admin_site.name}:{name}")
        next_url = self.request.GET.get(REDIRECT_FIELD_NAME)
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if keep_next and next_url else url

    def next_url(self) -> str:
        """Where the staff member was going (this site only), else the admin index."""
        url = self.request.POST.get(REDIRECT_FIELD_NAME) or self.request.GET.get(REDIRECT_FIELD_NAME, "")
        if url_has_allowed_host_and_scheme(url, {self.request.get_host()}, self.request.is_secure()):
            return url
        return self.admin_url("index")

    def render(self, template: str, title: str, **context):
        context = {
            **self.admin_site.each_context(self.request),
            "title": title,
            "next": self.next_url(),
            **context,
        }
        return TemplateResponse(self.request, f"admin/two_factor/{template}.html", context)

    def locked_out(self, credentials):
        logout(self.request)
        self.request.axes_locked_out = True
        self.request.axes_credentials = credentials
        return HttpResponse(status=429)  # AxesMiddleware answers with the lockout page

    def signed_in(self, device) -> None:
        django_otp.login(self.request, device)
        # More rights than a password alone gives: a new session key for them.
        self.request.session.cycle_key()


class SecondFactorView(StaffStepView):
    """ "Təsdiq kodu": six digits from the authenticator app, or one of the recovery codes."""

    def other_step(self) -> str | None:
        return None if has_authenticator(self.request.user) else "two_factor_setup"

    def get(self, request):
        return self.page(SecondFactorForm())

    def post(self, request):
        credentials = {"username": request.user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            return self.locked_out(credentials)
        form = SecondFactorForm(request.POST)
        if not form.is_valid():
            return self.page(form)
        try:
            device = second_factor_verify(user=request.user, token=form.cleaned_data["code"])
        except SecondFactorRefused as refused:
            # A wrong code counts towards the lockout like a wrong password.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return self.locked_out(credentials)
            form.add_error("code", refused.message)
            return self.page(form)
        self.signed_in(device)
        if isinstance(device, StaticDevice):
            self.warn_recovery_code_used()
        return redirect(self.next_url())

    def page(self, form):
        return self.render("verify", _("Təsdiq kodu"), form=form)

    def warn_recovery_code_used(self) -> None:
        left = recovery_codes_left(user=self.request.user)
        messages.warning(
            self.request,
            ngettext(
                "Bərpa kodu ilə daxil oldunuz; %(left)d kod qalıb. Autentifikatoru itirmisinizsə, "
                "sistem administratoruna müraciət edin.",
                "Bərpa kodu ilə daxil oldunuz; %(left)d kod qalıb. Autentifikatoru itirmisinizsə, "
                "sistem administratoruna müraciət edin.",
                left,
            )
            % {"left": left},
        )


ENROLLED_SESSION_KEY = "backoffice:enrolment_code_used_by"


class AuthenticatorSetupView(StaffStepView):
    """For staff without an authenticator: first the one-time enrolment code issued for them, then
    scan the secret, type the first code, keep the recovery codes."""

    def other_step(self) -> str | None:
        return "two_factor" if has_authenticator(self.request.user) else None

    def enrolment_code_used(self) -> bool:
        return self.request.session.get(ENROLLED_SESSION_KEY) == self.request.user.pk

    def get(self, request):
        return self.page(SecondFactorForm())

    def post(self, request):
        if not self.enrolment_code_used():
            return self.use_enrolment_code()
        form = SecondFactorForm(request.POST)
        if form.is_valid():
            try:
                device, codes = authenticator_setup_confirm(
                    user=request.user, token=form.cleaned_data["code"]
                )
            except SecondFactorRefused as refused:
                form.add_error("code", refused.message)
            else:
                self.signed_in(device)
                return self.render("recovery_codes", _("Bərpa kodları"), codes=codes)
        return self.page(form)

    def use_enrolment_code(self):
        credentials = {"username": self.request.user.get_username()}
        if AxesProxyHandler.is_locked(self.request, credentials):
            return self.locked_out(credentials)
        form = SecondFactorForm(self.request.POST)
        if form.is_valid():
            try:
                enrolment_code_use(user=self.request.user, code=form.cleaned_data["code"])
            except SecondFactorRefused as refused:
                # A wrong enrolment code counts towards the lockout like a wrong password.
                user_login_failed.send(sender=__name__, credentials=credentials, request=self.request)
                if getattr(self.request, "axes_locked_out", False):
                    return self.locked_out(credentials)
                form.add_error("code", refused.message)
            else:
                self.request.session[ENROLLED_SESSION_KEY] = self.request.user.pk
                return redirect(self.admin_url("two_factor_setup", keep_next=True))
        return self.page(form)

    def page(self, form):
        if not self.enrolment_code_used():
            return self.render("enrolment_code", _("Qeydiyyat kodu"), form=form)
        device = authenticator_setup_start(user=self.request.user)
        return self.render(
            "setup",
            _("Autentifikatoru quraşdırın"),
            form=form,
            secret=authenticator_secret(device),
            qr_code=authenticator_qr_data_uri(device),
        )


@method_decorator(csrf_protect, name="dispatch")
class SignOutView(View):
    """ "Çıxış" on the code step (the admin's own sign-out is behind the second factor)."""

    admin_site = None
    http_method_names = ["post"]

    def post(self, request):
        logout(request)
        return redirect(reverse(f"{self.admin_site.name}:login"))


@method_decorator([never_cache, csrf_protect], name="dispatch")
class EnrolmentCodeView(View):
    """A supervisor issues a one-time enrolment code for a staff member without an authenticator
    (new, or whose device was removed), to hand over in person. Shown once."""

    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        if role_of(request.user) not in (SUPERVISOR, "superuser"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(EnrolmentCodeForm())

    def post(self, request):
        form = EnrolmentCodeForm(request.POST)
        if not form.is_valid():
            return self.page(form)
        staff = form.cleaned_data["staff"]
        code = enrolment_code_issue(user=staff)
        logger.info("enrolment code issued for %s by %s", staff.get_username(), request.user.get_username())
        return self.page(EnrolmentCodeForm(), issued_for=staff.get_username(), code=code)

    def page(self, form, **context):
        context = {
            **self.admin_site.each_context(self.request),
            "title": _("Qeydiyyat kodu"),
            "form": form,
            "minutes": settings.STAFF_ENROLMENT_CODE_MINUTES,
            **context,
        }
        return TemplateResponse(self.request, "admin/two_factor/enrolment_issue.html", context)
