"""Driving Debian's Chromium through Playwright: the launch flags, the wizard's steps as a
citizen clicks them, screenshots and the accessibility (axe) log."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext

from tests.support.demo import (
    MOBILE,
    MOBILE_E164,
)
from tests.support.wizard import handover_fields
from tests.support.world import last_code_sent_to

CHROMIUM = "/usr/bin/chromium"


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


ROOT = Path(__file__).resolve().parents[2]


ARTIFACTS = ROOT / "test-artifacts"


SCREENSHOTS = ARTIFACTS / "screenshots"


FAILURES = ARTIFACTS / "failures"


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


TIMEOUT_MS = 60_000


APPLICATION_NUMBER = re.compile(r"AZI-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}")


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser required (REQUIRE_BROWSER=1) but {reason}", pytrace=False)
    pytest.skip(f"no browser: {reason}")


class AccessibilityLog:
    """Every page and state axe checked in this run, in order (one screenshot each)."""

    def __init__(self):
        self.checks: list[str] = []
        self.axe = Axe()

    def check(self, page, name: str) -> None:
        """Save a screenshot of the page as `name`, run axe with the WCAG 2.0/2.1/2.2 A and AA
        rules and fail on any violation."""
        screenshot(page, name)
        results = self.axe.run(
            page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        )
        self.checks.append(name)
        violations = results.response["violations"]
        assert not violations, f"axe found violations on {name} ({page.url}):\n" + "\n".join(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}; nodes: "
            + "; ".join(", ".join(node["target"]) for node in violation["nodes"])
            for violation in violations
        )

    def report(self) -> str:
        lines = [f"{index:3}. {name}" for index, name in enumerate(self.checks, start=1)]
        return "\n".join([f"axe-core checks ({', '.join(AXE_TAGS)}): {len(self.checks)}", *lines])


_LOG = AccessibilityLog()


_ASCII = str.maketrans("əƏıİşŞçÇğĞöÖüÜ", "eEiIsScCgGoOuU")


def screenshot(page, name: str) -> None:
    """Save the whole page as test-artifacts/screenshots/<name, in ASCII>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    filename = re.sub(r"[^a-z0-9]+", "-", name.translate(_ASCII).lower()).strip("-")
    page.screenshot(path=str(SCREENSHOTS / f"{filename}.png"), full_page=True)


def sign_in(page, fin: str) -> None:
    """ "Başla" on the start page, then the emulated ASAN Login: lands on step 1."""
    page.goto("/")
    page.locator("a.btn-start").click()
    page.wait_for_url(re.compile(r"/asan-login/authorize/"))
    page.locator("#id_fin").fill(fin)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/apply/basic/$"))


def continue_button(page):
    """The step's primary button ("Davam et", "Müraciəti göndər") in any language."""
    return page.locator("main form button.btn-primary")


def press_continue(page) -> None:
    with page.expect_navigation():
        continue_button(page).click()


def fill_application(page, kind: str, code: str) -> None:
    page.locator(f"input[name='application-kind'][value='{kind}']").check()
    page.locator("#id_application-subscriber_code").fill(code)


def fill_property(page, place: dict) -> None:
    page.locator(f"input[name='property-property_kind'][value='{place['property_kind']}']").check()
    page.locator("#id_property-district").select_option(place["district"])
    page.locator("#id_property-registry_number").fill(place["registry_number"])
    page.locator("#id_property-registration_number").fill(place["registration_number"])


def fill_handover(page, code: str, place: dict) -> None:
    """A transfer's handover step as the buyer fills it in (tests/support/wizard.handover_fields)."""
    for name, value in handover_fields(code, place).items():
        page.locator(f"#id_handover-{name}").fill(value)


def fill_contact_and_confirm(page, mobile: str = MOBILE, phone_e164: str = MOBILE_E164) -> None:
    """Type the mobile, press "Davam et", type the SMS code that arrives, press "Davam et"."""
    page.locator("#id_contact-mobile_phone").fill(mobile)
    press_continue(page)
    page.locator("#id_contact-otp_code").fill(last_code_sent_to(phone_e164))
    press_continue(page)


def wizard_to_check(page, kind: str, code: str, place: dict) -> None:
    """From step 1 to "check your answers", every step valid."""
    press_continue(page)
    fill_application(page, kind, code)
    press_continue(page)
    fill_property(page, place)
    press_continue(page)
    if kind == "transfer":
        fill_handover(page, code, place)
        press_continue(page)
    fill_contact_and_confirm(page)
    page.wait_for_url(re.compile(r"/apply/check/$"))


def send_application(page) -> str:
    """Tick the declaration, press "Müraciəti göndər"; returns the number on the confirmation."""
    page.locator("#id_check-declaration").check()
    press_continue(page)
    page.wait_for_url(re.compile(r"/apply/submitted/$"))
    return APPLICATION_NUMBER.search(page.locator(".application-number").inner_text()).group(0)


def switch_language(page, code: str) -> None:
    with page.expect_navigation():
        page.locator(f".language-switch button[value='{code}']").click()
    assert page.locator("html").get_attribute("lang") == code


def in_language(language: str, text: str) -> str:
    """`text` (an Azerbaijani msgid) as the portal shows it in `language`: the translation once
    the catalogue has one, else the Azerbaijani text itself."""
    with translation.override(language):
        return gettext(text)


def main_text(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def title_of(page) -> str:
    return " ".join(page.title().split())
