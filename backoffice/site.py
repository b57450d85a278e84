"""The back office's admin site: Django's admin, open only to staff who gave their password AND a
second factor (an authenticator code or a recovery code, backoffice/two_factor.py).

It is the project's default admin site (backoffice.apps.BackOfficeAdminConfig), so every
`@admin.register` and `admin.site` refers to it.
"""

import functools
from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from backoffice.throttle import username_guess_count, username_guesses_refused, username_throttle_minutes


def awaits_second_factor(user) -> bool:
    """Signed in with a password as active staff, but not yet with a second factor."""
    return user.is_active and user.is_staff and not user.is_verified()


def personal_model_of(site: AdminSite, url_name: str | None):
    """The registered model whose admin URL this is, if its admin shows citizens' data."""
    for model, model_admin in site._registry.items():
        if url_name and url_name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            return model if getattr(model_admin, "shows_personal_data", False) else None
    return None


def objects_shown(response, object_id) -> list:
    """The rows a page showed: its object, or the page of rows of a list (already fetched)."""
    if object_id is not None:
        return [object_id]
    changelist = (getattr(response, "context_data", None) or {}).get("cl")
    return [row.pk for row in changelist.result_list] if changelist is not None else []


class PersonalDataClosedAutocomplete(AutocompleteJsonView):
    """Django's autocomplete, closed for models whose admin shows citizens' data: it would list
    holders' names and addresses to anyone who may view them, and no screen uses it for them."""

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if getattr(model_admin, "shows_personal_data", False):
            raise Http404
        return term, model_admin, source_field, to_field_name


class BackOfficeAdminSite(AdminSite):
    def autocomplete_view(self, request):
        return PersonalDataClosedAutocomplete.as_view(admin_site=self)(request)

    def admin_view(self, view, cacheable=False):
        """Django's admin_view, and every page of a model whose admin sets `shows_personal_data`
        is recorded in the staff access log when it is shown (any 200 answer)."""
        protected = super().admin_view(view, cacheable)

        @functools.wraps(protected)
        def logged(request, *args, **kwargs):
            response = protected(request, *args, **kwargs)
            if response.status_code == 200:
                # django-simple-history's version page passes the object's id positionally.
                object_id = kwargs.get("object_id", args[0] if args else None)
                self.access_record(request, response, object_id)
            return response

        return logged

    def access_record(self, request, response, object_id) -> None:
        from backoffice.services import staff_access_record

        url_name = request.resolver_match.url_name if request.resolver_match else None
        model = personal_model_of(self, url_name)
        if model is None or not self.has_permission(request):
            return
        staff_access_record(
            viewer=request.user,
            model=model._meta.label_lower,
            page=url_name,
            objects_shown=objects_shown(response, object_id),
        )

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
