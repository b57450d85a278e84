"""Layout promises a real browser checks: the check page's declaration checkbox stands beside its
text (as GOV.UK's checkboxes do) and stays axe-clean; the back office's application list fits a
1366-pixel laptop screen without cutting its last columns off."""

import pytest

from backoffice.roles import roles_sync
from backoffice.services import staff_demo_load
from tests.browser.test_backoffice import staff_sign_in
from tests.support.browser import sign_in, wizard_to_check
from tests.support.demo import AYSEL, LEYLA, LEYLA_ACCOUNT, NESIMI_FLAT, RAUF_ACCOUNT, SUMQAYIT_FLAT
from tests.support.staff import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
