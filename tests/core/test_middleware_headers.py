"""Every page is served with a strict Content Security Policy and the other security headers,
and no template relies on inline scripts or styles (which that policy would block)."""

import re
from pathlib import Path

import pytest

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
