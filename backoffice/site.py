"""The back office's admin site: Django's admin, open only to staff who gave their password AND a
second factor (an authenticator code or a recovery code, backoffice/two_factor.py).

It is the project's default admin site (backoffice.apps.BackOfficeAdminConfig), so every
`@admin.register` and `admin.site` refers to it.
"""

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from backoffice.throttle import username_guess_count, username_guesses_refused, username_throttle_minutes


def awaits_second_factor(user) -> bool:
    """Signed in with a password as active staff, but not yet with a second factor."""
    return user.is_active and user.is_staff and not user.is_verified()


class BackOfficeAdminSite(AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        if request.method == "GET" and awaits_second_factor(request.user):
            return self.second_factor_redirect(request)
        username = request.POST.get("username", "") if request.method == "POST" else ""
        if username and username_guesses_refused(request, username):
            return TemplateResponse(
                request,
                "admin/username_throttled.html",
                {**self.each_context(request), "minutes": username_throttle_minutes()},
                status=429,
            )
        response = super().login(request, extra_context)
        if username and response.status_code == 200:
            # The form again: a wrong password (axes answers a locked-out one with 429).
            username_guess_count(request, username)
        return response

    def second_factor_redirect(self, request):
        """To the code step, or to setting up an authenticator for staff who have none."""
        from backoffice.two_factor import has_authenticator

        step = "two_factor" if has_authenticator(request.user) else "two_factor_setup"
        url = reverse(f"{self.name}:{step}")
        next_url = request.GET.get(REDIRECT_FIELD_NAME)
        return redirect(f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else url)

    def get_urls(self):
        from backoffice.views import AuthenticatorSetupView, EnrolmentCodeView, SecondFactorView, SignOutView

        return [
            path("two-factor/", SecondFactorView.as_view(admin_site=self), name="two_factor"),
            path(
                "two-factor/setup/", AuthenticatorSetupView.as_view(admin_site=self), name="two_factor_setup"
            ),
            path("two-factor/sign-out/", SignOutView.as_view(admin_site=self), name="two_factor_signout"),
            path(
                "two-factor/enrolment-code/",
                self.admin_view(EnrolmentCodeView.as_view(admin_site=self)),
                name="enrolment_code",
            ),
            *super().get_urls(),
        ]
