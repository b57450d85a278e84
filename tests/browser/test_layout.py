"""Reflow and resize text: every page of the journey at 320 CSS pixels wide (WCAG 1.4.10) and
with the text at 200 % on a 640-pixel window (WCAG 1.4.4, the same as 200 % browser zoom on a
1280-pixel screen): no horizontal scrolling, nothing cut off, every control on screen."""

import re

import pytest

from backoffice.roles import roles_sync
from backoffice.services import staff_demo_load
from tests.browser.test_backoffice import staff_sign_in
from tests.support.applications import sent
from tests.support.browser import (
    fill_application,
    fill_handover,
    fill_property,
    press_continue,
    screenshot,
    send_application,
    sign_in,
    wizard_to_check,
)
from tests.support.demo import (
    AYSEL,
    LEYLA,
    LEYLA_ACCOUNT,
    MOBILE,
    MOBILE_E164,
    NESIMI_FLAT,
    RAUF_ACCOUNT,
    SUMQAYIT_FLAT,
)
from tests.support.staff import submit
from tests.support.world import last_code_sent_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Text that overflows its own box (a word too long to wrap, a clipped container), and controls
# reaching past the window's edge.
LAYOUT_PROBLEMS = """(width) => {
  const problems = [];
  const describe = (element) => element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "") + (element.className ? "." + element.className : "")
    + " '" + (element.innerText || element.value || "").trim().slice(0, 40) + "'";
  const shown = (element) => element.offsetParent !== null && !element.closest(".visually-hidden, [hidden]");
  const texts = "h1, h2, h3, p, li, dt, dd, label, legend, th, td, a, button, summary, strong, code";
  for (const element of document.querySelectorAll(texts)) {
    if (shown(element) && element.scrollWidth > element.clientWidth + 1
        && getComputedStyle(element).display !== "inline") {
      problems.push("text overflows: " + describe(element));
    }
  }
  for (const element of document.querySelectorAll("main *, header *, footer *")) {
    const style = getComputedStyle(element);
    if (shown(element) && ["hidden", "clip"].includes(style.overflowX)
        && element.scrollWidth > element.clientWidth + 1) {
      problems.push("cut off: " + describe(element));
    }
  }
  const controls = "input:not([type=hidden]), select, textarea, button, a.btn";
  for (const element of document.querySelectorAll(controls)) {
    const box = element.getBoundingClientRect();
    if (shown(element) && (box.left < -0.5 || box.right > width + 0.5)) {
      const where = Math.round(box.left) + "–" + Math.round(box.right);
      problems.push("off screen: " + describe(element) + " at " + where);
    }
  }
  if (document.documentElement.scrollWidth > width) {
    problems.push("horizontal scrolling: the page is " + document.documentElement.scrollWidth + " px wide");
  }
  return problems;
}"""


def assert_fits(page, name: str, *, width: int, text_zoom: bool = False) -> None:
    if text_zoom:
        # Text only, twice as large: the stylesheet sizes everything in rem. (Setting a style
        # through the CSSOM from a script is not an inline style: the CSP allows it.)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 32
    problems = page.evaluate(LAYOUT_PROBLEMS, width)
    screenshot(page, f"{name} at {width}px{' text 200%' if text_zoom else ''}")
    assert not problems, f"{name} at {width} px{' with 200 % text' if text_zoom else ''}:\n" + "\n".join(
        problems
    )
    primary = page.locator("main .btn-primary").first
    if primary.count():
        primary.scroll_into_view_if_needed()
        assert primary.is_visible()


def every_page_of_the_journey(page, check) -> None:
    page.goto("/")
    check("start page")
    page.locator("a.btn-start").click()
    page.wait_for_url(re.compile(r"/asan-login/authorize/"))
    check("ASAN sign-in")
    page.locator("#id_fin").fill(AYSEL)
    press_continue(page)
    page.wait_for_url("**/apply/basic/")
    check("step 1 basic data")
    press_continue(page)
    check("step 2 application data")
    press_continue(page)
    check("step 2 application data with errors")
    fill_application(page, "transfer", RAUF_ACCOUNT)
    press_continue(page)
    check("step 3 property")
    press_continue(page)
    check("step 3 property with errors")
    fill_property(page, NESIMI_FLAT)
    press_continue(page)
    check("step 4 handover")
    fill_handover(page, RAUF_ACCOUNT, NESIMI_FLAT)
    press_continue(page)
    check("step 5 contact")
    page.locator("#id_contact-mobile_phone").fill(MOBILE)
    press_continue(page)
    check("step 4 contact, SMS code asked")
    page.locator("#id_contact-otp_code").fill(last_code_sent_to(MOBILE_E164))
    press_continue(page)
    page.wait_for_url("**/apply/check/")
    check("check your answers")
    number = send_application(page)
    check("confirmation")
    page.goto("/status/")
    page.locator("#id_number").fill(number)
    press_continue(page)
    check("status lookup, found")
    page.goto("/my/")
    check("Müraciətlərim")
    page.goto(f"/my/{number}/")
    check("Müraciətlərim, application detail")


def test_every_page_fits_320_pixels(new_context):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    every_page_of_the_journey(page, lambda name: assert_fits(page, name, width=320))


def test_every_page_works_with_text_at_200_percent(new_context):
    page = new_context(viewport={"width": 640, "height": 720}).new_page()
    every_page_of_the_journey(page, lambda name: assert_fits(page, name, width=640, text_zoom=True))


def test_a_long_application_list_fits_320_pixels(new_context):
    """The applications table turns into stacked rows on a phone."""
    sent(AYSEL, code=RAUF_ACCOUNT, phone=MOBILE_E164)
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(page, AYSEL)
    page.goto("/my/")
    assert_fits(page, "Müraciətlərim with an application", width=320)


@pytest.mark.parametrize("width", [1366, 375])
def test_the_declaration_checkbox_stands_beside_its_text(new_context, axe, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    sign_in(page, AYSEL)
    wizard_to_check(page, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)

    box = page.locator("#id_check-declaration").bounding_box()
    label = page.locator("label[for=id_check-declaration]").bounding_box()

    assert label["x"] >= box["x"] + box["width"], "the text is to the right of the box"
    assert abs(label["y"] - box["y"]) < box["height"], "the text starts on the box's line"
    axe.check(page, f"check your answers, {width} px")


def test_the_back_office_list_fits_a_1366_pixel_screen(new_context):
    roles_sync()
    staff_demo_load()
    submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    submit(LEYLA, "rename", LEYLA_ACCOUNT, SUMQAYIT_FLAT)
    page = new_context(viewport={"width": 1366, "height": 768}).new_page()
    staff_sign_in(page, "supervisor", "demo-supervisor-2026")

    page.goto("/admin/applications/application/")

    table = page.locator("#result_list")
    assert table.locator("tbody tr").count() == 2
    page_width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= page_width, "the page scrolls sideways"
    for header in table.locator("thead th").all():
        edge = header.bounding_box()
        assert edge["x"] + edge["width"] <= page_width, header.inner_text()
