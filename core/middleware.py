import time

from csp.constants import HEADER as CSP_HEADER
from csp.constants import HEADER_REPORT_ONLY as CSP_HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

SESSION_TOUCHED_KEY = "_touched_at"
SESSION_SIGNED_IN_KEY = "_signed_in_at"


class SessionIdleTimeoutMiddleware:
    """Slide the session's expiry while the citizen is active, with at most one write a minute.

    SESSION_SAVE_EVERY_REQUEST would give the same idle timeout at the price of a session
    write on every request; touching once a minute costs almost nothing and the timeout is
    accurate to that minute.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.interval = getattr(settings, "SESSION_TOUCH_INTERVAL", 60)

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(SESSION_TOUCHED_KEY, 0) >= self.interval:
                session[SESSION_TOUCHED_KEY] = now
        return response


class SessionAbsoluteTimeoutMiddleware:
    """Sign out a signed-in citizen or staff member SESSION_ABSOLUTE_TIMEOUT seconds after they
    signed in, however active they are: a stolen session cookie stops working by then too.

    The sign-in time is recorded at sign-in (record_sign_in_time); a session signed in before
    this existed gets the time of its next request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        signed_in_at = session.get(SESSION_SIGNED_IN_KEY)
        if signed_in_at is not None and time.time() - signed_in_at >= settings.SESSION_ABSOLUTE_TIMEOUT:
            session.flush()  # before the view: the request is served as signed out
        response = self.get_response(request)
        if AUTH_SESSION_KEY in session and SESSION_SIGNED_IN_KEY not in session:
            session[SESSION_SIGNED_IN_KEY] = int(time.time())
        return response


def record_sign_in_time(sender, request, user, **kwargs):
    """user_logged_in receiver: the absolute timeout counts from this sign-in."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_SIGNED_IN_KEY] = int(time.time())


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the portal's one policy built once instead of per response.

    Every page of ours carries the same policy from settings (no nonces, no per-view changes),
    yet django-csp builds the header anew for each response: about a fifth of a bare request's
    CPU in issue 19's profile. Here it is built when the middleware loads. A response that asks
    for anything else — a view decorated with csp_update, csp_replace or csp_exempt, a template
    that used request.csp_nonce — and DEBUG's error pages go through django-csp unchanged.
    """

    PER_RESPONSE = tuple(
        f"_csp_{part}{suffix}" for part in ("config", "update", "replace", "exempt") for suffix in ("", "_ro")
    )

    def __init__(self, get_response):
        super().__init__(get_response)
        built = {CSP_HEADER: build_policy(), CSP_HEADER_REPORT_ONLY: build_policy(report_only=True)}
        self.headers = {header: value for header, value in built.items() if value}
        self.excluded = {
            header: tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            for header, setting in (
                (CSP_HEADER, "CONTENT_SECURITY_POLICY"),
                (CSP_HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
            )
        }

    def process_response(self, request, response):
        asks_for_more = getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in self.PER_RESPONSE
        )
        if asks_for_more or settings.DEBUG:
            return super().process_response(request, response)
        for header, value in self.headers.items():
            if header not in response and not request.path_info.startswith(self.excluded[header]):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (Django has a setting for every other security header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def private_response(response) -> None:
    """Mark a response as personal: no browser or proxy keeps a copy, so the back button after
    sign-out on a shared computer shows nothing (Django's never_cache, plus `private`)."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)


def signed_link_page(response):
    """A page a signed link from an SMS opens: personal (private_response) and never indexed.
    Returns the response."""
    private_response(response)
    response["X-Robots-Tag"] = "noindex"
    return response


class PrivatePagesMiddleware:
    """Every response to a signed-in citizen or staff member is `private, no-store`.

    Deciding by who is signed in, not page by page, covers a new page without anyone
    remembering to; the few anonymous pages with personal data (the document links) mark
    themselves with private_response(). Static files are answered before this runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            private_response(response)
        return response


def language_chosen(request) -> str | None:
    """The language the visitor picked with the switch (its cookie), if any and still offered."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not chosen:
        return None
    try:
        return translation.get_supported_language_variant(chosen)
    except LookupError:
        return None


class ChosenLanguageMiddleware:
    """Pages in the language the citizen chose with the switch, else Azerbaijani.

    Unlike Django's LocaleMiddleware the browser's Accept-Language is not consulted: the
    portal is Azerbaijani by default (many citizens' browsers and phones are set to Russian
    or English), and English or Russian only when someone asks for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # override(), not activate(): the thread's language is restored after the response,
        # so nothing rendered outside a request (tasks, tests) inherits a visitor's choice.
        with translation.override(language_chosen(request) or settings.LANGUAGE_CODE):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", translation.get_language())
        patch_vary_headers(response, ("Cookie",))
        return response


class RefuseNullCharactersMiddleware:
    """A NUL character in the query string is a 400: no page takes one, and PostgreSQL refuses
    it in a query (an admin filter or search would otherwise be a 500). Paths need no help: a
    NUL matches no URL pattern, a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            return HttpResponseBadRequest(_("Sorğuda icazə verilməyən simvol var."))
        return self.get_response(request)
