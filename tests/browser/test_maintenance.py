"""The maintenance switch, in real browsers: a supervisor closes new applications from the back
office; a citizen halfway through the wizard sees the friendly page in her language, keeps her
draft, and still reaches the status lookup and "Müraciətlərim"; reopening lets her go on."""

import re

import pytest

from backoffice.roles import roles_sync
from backoffice.services import staff_demo_load
from operations.models import Maintenance
from tests.browser.test_backoffice import staff_sign_in
from tests.support.browser import fill_application, main_text, press_continue, sign_in, switch_language
from tests.support.demo import AYSEL, RAUF_ACCOUNT, SUPERVISOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-supervisor-2026"


def test_a_supervisor_closes_new_applications_and_the_citizen_keeps_her_draft(new_context):
    roles_sync()
    staff_demo_load()
    citizen = new_context().new_page()
    sign_in(citizen, AYSEL)
    press_continue(citizen)  # step 1 read, on to the application's data
    fill_application(citizen, "transfer", RAUF_ACCOUNT)
    press_continue(citizen)
    citizen.wait_for_url(re.compile(r"/apply/property/$"))

    supervisor = new_context().new_page()
    staff_sign_in(supervisor, SUPERVISOR, PASSWORD)
    supervisor.goto("/admin/operations/maintenance/add/")
    supervisor.locator("#id_new_applications_closed").check()
    supervisor.locator("#id_message_az").fill("Billinq sistemində texniki işlər aparılır.")
    supervisor.locator("#id_message_en").fill("Billing is being upgraded.")
    supervisor.locator("#id_message_ru").fill("В биллинге идут технические работы.")
    supervisor.locator("#id_expected_end_0").fill("05.12.2026")
    supervisor.locator("#id_expected_end_1").fill("14:00:00")
    with supervisor.expect_navigation():
        supervisor.locator("input[name=_save]").click()
    assert Maintenance.objects.get().new_applications_closed

    citizen.goto("/apply/property/")
    text = main_text(citizen)
    assert "Yeni müraciətlər müvəqqəti qəbul edilmir" in text
    assert "Billinq sistemində texniki işlər aparılır." in text
    assert "05.12.2026 14:00" in text
    assert "yadda saxlanılıb" in text
    switch_language(citizen, "en")
    assert "Billing is being upgraded." in main_text(citizen)
    switch_language(citizen, "az")

    citizen.get_by_role("link", name="Müraciətlərim").first.click()
    citizen.wait_for_url(re.compile(r"/my/$"))
    citizen.goto("/status/")
    assert citizen.locator("input[name=number]").count() == 1

    supervisor.goto("/admin/operations/maintenance/1/change/")
    supervisor.locator("#id_new_applications_closed").uncheck()
    with supervisor.expect_navigation():
        supervisor.locator("input[name=_save]").click()

    citizen.goto("/apply/")
    citizen.wait_for_url(re.compile(r"/apply/property/$"))
    assert "Yeni müraciətlər" not in main_text(citizen)
