"""The whole transfer with the keyboard only: Tab, Shift+Tab, arrows, Space, Enter and typing.
No clicks and no fill(): the page is only read, to know where the focus is, and every element
the focus lands on must show it."""

import re

import pytest

from applications.models import Application
from tests.support.demo import AYSEL, MOBILE, MOBILE_E164, RAUF_ACCOUNT
from tests.support.world import last_code_sent_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the focused element is: enough to recognise it, and whether its focus can be seen.
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const label = element.labels && element.labels.length ? element.labels[0].innerText : "";
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    name: element.getAttribute("name") || "",
    value: element.value || "",
    checked: !!element.checked,
    text: (element.innerText || "").trim(),
    label: label.trim(),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      && style.outlineColor !== "rgba(0, 0, 0, 0)",
    shadow: style.boxShadow !== "none",
  };
}"""
MAX_TABS = 60


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, matches, *, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches; each stop must show focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        element = focused(page)
        if element["tag"] != "body":
            assert element["outline"] or element["shadow"], f"focus not visible on {element}"
        if matches(element):
            return element
    raise AssertionError(f"{key} never reached the element; last focus: {focused(page)}")


def text_is(text: str):
    return lambda element: element["text"] == text


def id_is(element_id: str):
    return lambda element: element["id"] == element_id


def press_and_wait(page, key: str, path_pattern: str) -> None:
    """Press the key and wait for the page it leads to. (After a summary link the URL carries
    its #fragment, which the browser keeps through the form's redirect: only the path counts.)"""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_url(lambda url: re.search(path_pattern, url.split("#")[0]) is not None)


def test_the_transfer_with_the_keyboard_only(page):
    page.goto("/")

    skip = tab_to(page, lambda element: True)
    assert skip["text"] == "Əsas məzmuna keç"
    tab_to(page, text_is("Başla →"))
    press_and_wait(page, "Enter", r"/asan-login/authorize/")

    # ASAN Login: the method is a radio group (arrows choose), then the FİN.
    method = tab_to(page, lambda element: element["name"] == "method")
    assert method["value"] == "asan_imza" and method["checked"]
    page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == "sima" and focused(page)["checked"]
    tab_to(page, id_is("id_fin"))
    page.keyboard.type(AYSEL)
    press_and_wait(page, "Enter", r"/apply/basic/$")

    tab_to(page, text_is("Davam et"))
    press_and_wait(page, "Enter", r"/apply/application/$")

    # Step 2: nothing chosen yet, so Tab stops on the first radio; Space chooses it.
    kind = tab_to(page, lambda element: element["name"] == "application-kind")
    assert kind["value"] == "transfer" and not kind["checked"]
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    tab_to(page, id_is("id_application-subscriber_code"))
    page.keyboard.type(RAUF_ACCOUNT)
    tab_to(page, text_is("Yoxla"))
    press_and_wait(page, "Space", r"/apply/application/$")
    assert "Şəxsi hesab tapıldı" in page.locator("main").inner_text()
    tab_to(page, text_is("Davam et"))
    press_and_wait(page, "Enter", r"/apply/property/$")

    # Step 3: arrows move along the radio group and the district list.
    tab_to(page, lambda element: element["name"] == "property-property_kind")
    page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == "apartment" and focused(page)["checked"]
    tab_to(page, id_is("id_property-district"))
    for _ in range(100):
        if focused(page)["value"] == "baki-nesimi":
            break
        page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == "baki-nesimi"
    tab_to(page, id_is("id_property-registry_number"))
    page.keyboard.type("608011001798")
    tab_to(page, id_is("id_property-registration_number"))
    page.keyboard.type("1725022423")
    # Back with Shift+Tab to check the registry number, then on to "Davam et".
    assert tab_to(page, id_is("id_property-registry_number"), backwards=True)["value"] == "608011001798"
    tab_to(page, text_is("Davam et"))
    press_and_wait(page, "Enter", r"/apply/handover/$")

    # Step 4, the handover: the day is offered, the reading typed.
    tab_to(page, id_is("id_handover-meter_reading"))
    page.keyboard.type("18463,1")
    tab_to(page, text_is("Davam et"))
    press_and_wait(page, "Enter", r"/apply/contact/$")

    # Step 5: the code is asked for through the error summary, which takes the focus; its
    # link leads to the code field.
    tab_to(page, id_is("id_contact-mobile_phone"))
    page.keyboard.type(MOBILE)
    tab_to(page, text_is("Davam et"))
    press_and_wait(page, "Enter", r"/apply/contact/$")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    tab_to(page, lambda element: element["tag"] == "a" and "6 rəqəmli kodu" in element["text"])
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_contact-otp_code"
    page.keyboard.type(last_code_sent_to(MOBILE_E164))
    press_and_wait(page, "Enter", r"/apply/check/$")

    # Check your answers: past the declaration to the button, back with Shift+Tab, Space.
    tab_to(page, text_is("Müraciəti göndər"))
    declaration = tab_to(page, id_is("id_check-declaration"), backwards=True)
    assert not declaration["checked"]
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    tab_to(page, text_is("Müraciəti göndər"))
    press_and_wait(page, "Enter", r"/apply/submitted/$")

    number = page.locator(".application-number").inner_text()
    assert Application.objects.get().number == number
