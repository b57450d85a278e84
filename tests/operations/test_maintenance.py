"""The maintenance switch without a browser: who may use it, what it closes, what it logs."""

import logging
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from operations.services import maintenance_switch
from tests.support.demo import AYSEL, OPERATOR_BAKI, SUPERVISOR
from tests.support.staff import user


def test_only_staff_with_the_permission_reach_the_switch(staff_world, staff_client):
    assert staff_client(SUPERVISOR).get("/admin/operations/maintenance/add/").status_code == 200
    assert staff_client(OPERATOR_BAKI).get("/admin/operations/maintenance/add/").status_code == 403


def test_closed_applications_close_the_wizard_only(demo_world, citizen_client, caplog):
    caplog.set_level(logging.WARNING, logger="operations.services")
    maintenance_switch(actor=None, closed=True, message_az="Texniki işlər", message_en="Maintenance")
    aysel = citizen_client(AYSEL)

    wizard = aysel.get("/apply/basic/")
    assert wizard.status_code == 503
    assert wizard["Retry-After"]
    assert "Texniki işlər" in wizard.content.decode()
    assert aysel.get("/my/").status_code == 200
    assert Client().get("/status/").status_code == 200
    assert "maintenance: new applications closed" in caplog.text


def test_opening_again_lets_the_wizard_answer(demo_world, citizen_client, staff_world):
    maintenance_switch(actor=user(SUPERVISOR), closed=True)
    maintenance_switch(actor=user(SUPERVISOR), closed=False)

    assert citizen_client(AYSEL).get("/apply/basic/").status_code == 200


def test_the_wizard_tells_clients_to_come_back_at_the_expected_end(demo_world, citizen_client):
    maintenance_switch(actor=None, closed=True, expected_end=timezone.now() + timedelta(hours=2))

    wizard = citizen_client(AYSEL).get("/apply/basic/")

    assert wizard.status_code == 503
    assert 2 * 3600 - 120 <= int(wizard["Retry-After"]) <= 2 * 3600


def test_an_expected_end_already_past_asks_to_come_back_in_ten_minutes(demo_world, citizen_client):
    maintenance_switch(actor=None, closed=True, expected_end=timezone.now() - timedelta(hours=1))

    assert citizen_client(AYSEL).get("/apply/basic/")["Retry-After"] == "600"
