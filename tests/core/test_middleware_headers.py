"""Every page is served with a strict Content Security Policy and the other security headers,
and no template relies on inline scripts or styles (which that policy would block)."""

import re
from pathlib import Path

import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_exempt, csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

import core.middleware
from core.middleware import ContentSecurityPolicyMiddleware

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def asan_login_page(client) -> str:
    """The emulated ASAN Login's sign-in page, as the portal's sign-in sends a browser there."""
    return client.get("/signin/")["Location"]


@pytest.mark.parametrize("path", ["/", "/status/", asan_login_page], ids=["start", "status", "asan-login"])
def test_pages_send_a_strict_csp_and_security_headers(client, db, path):
    response = client.get(path(client) if callable(path) else path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_templates_have_no_inline_scripts_or_styles(template):
    html = template.read_text(encoding="utf-8")
    inline_scripts = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]
    assert inline_scripts == [], "inline <script> is blocked by the CSP: move it to static/js"
    assert "<style" not in html, "inline <style> is blocked by the CSP: move it to static/css"
    assert not re.search(r"\sstyle=", html), "style attributes are blocked by the CSP"
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers are blocked by the CSP"


def _policy_of(view, **settings_changes):
    """The headers our CSP middleware gives `view`'s response, and django-csp's own."""
    with override_settings(**settings_changes):
        request = RequestFactory().get("/somewhere/")
        ours = ContentSecurityPolicyMiddleware(view)(request)
        theirs = CSPMiddleware(view)(RequestFactory().get("/somewhere/"))
    return ours, theirs


def _plain(request):
    return HttpResponse("ok")


def test_the_static_policy_is_the_one_django_csp_builds_and_is_built_once(monkeypatch):
    built = []
    real = core.middleware.build_policy
    monkeypatch.setattr(core.middleware, "build_policy", lambda **kw: built.append(kw) or real(**kw))

    middleware = core.middleware.ContentSecurityPolicyMiddleware(_plain)
    responses = [middleware(RequestFactory().get(f"/page-{n}/")) for n in range(5)]
    assert len(built) == 2  # the policy and the (empty) report-only policy, once each

    _, theirs = _policy_of(_plain)
    assert {response["Content-Security-Policy"] for response in responses} == {
        theirs["Content-Security-Policy"]
    }


def test_a_view_asking_for_its_own_policy_still_gets_it():
    updated = csp_update({"img-src": ["https://maps.example"]})(_plain)
    ours, theirs = _policy_of(updated)
    assert "https://maps.example" in ours["Content-Security-Policy"]
    assert ours["Content-Security-Policy"] == theirs["Content-Security-Policy"]

    ours, _ = _policy_of(csp_exempt()(_plain))
    assert "Content-Security-Policy" not in ours


def test_a_policy_a_view_set_itself_is_kept_and_report_only_is_sent_when_configured():
    def own(request):
        response = HttpResponse("ok")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    ours, _ = _policy_of(own)
    assert ours["Content-Security-Policy"] == "default-src 'none'"

    report_only = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp-report/"}}
    ours, theirs = _policy_of(_plain, CONTENT_SECURITY_POLICY_REPORT_ONLY=report_only)
    assert ours["Content-Security-Policy-Report-Only"] == theirs["Content-Security-Policy-Report-Only"]
    assert "report-uri /csp-report/" in ours["Content-Security-Policy-Report-Only"]


def test_a_nonce_used_by_a_page_is_in_its_policy_and_one_asked_for_too_late_is_an_error(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [SELF], "script-src": [SELF, NONCE]}}

    def with_nonce(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    request = RequestFactory().get("/")
    response = ContentSecurityPolicyMiddleware(with_nonce)(request)
    assert f"'nonce-{request._csp_nonce}'" in response["Content-Security-Policy"]

    without = ContentSecurityPolicyMiddleware(_plain)(RequestFactory().get("/"))
    assert "nonce" not in without["Content-Security-Policy"]
    assert "script-src 'self'" in without["Content-Security-Policy"]

    late = RequestFactory().get("/")
    ContentSecurityPolicyMiddleware(_plain)(late)
    with pytest.raises(CSPNonceError):
        str(late.csp_nonce)
