"""The admin index's per-office overview: open by status, overdue, time to decision, and the
last 30 days as a server-rendered chart, at a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.dashboard import format_duration, office_overview
from applications.models import Application
from applications.services import application_claim, application_reject
from tests.support.demo import AUDITOR, OPERATOR_BAKI, OPERATOR_SUMQAYIT, SUPERVISOR
from tests.support.staff import copies, user, visible_text

pytestmark = pytest.mark.usefixtures("staff_world")


def row_of(overview, name_start):
    return next(row for row in overview if row.office.name.startswith(name_start))


def test_overview_counts_open_overdue_and_the_median_decision_time(aysel_transfer, leyla_rename):
    application_claim(application=leyla_rename, actor=user(OPERATOR_SUMQAYIT))
    Application.objects.filter(pk=aysel_transfer.pk).update(due_date=datetime.date(2020, 1, 6))
    decided = copies(aysel_transfer, 3)
    now = timezone.now()
    for hours, application in zip((2, 4, 30), decided, strict=True):
        Application.objects.filter(pk=application.pk).update(
            submitted_at=now - datetime.timedelta(hours=hours), decided_at=now
        )

    overview = office_overview(user=user(SUPERVISOR))

    baki, sumqayit = row_of(overview, "Bakı"), row_of(overview, "Abşeron")
    assert baki.open_counts == [1, 0, 0] and baki.overdue == 1
    assert sumqayit.open_counts == [0, 1, 0] and sumqayit.overdue == 0
    assert baki.median_decision == datetime.timedelta(hours=4)
    assert sumqayit.median_decision is None
    today = timezone.localdate()
    sent_today = sum(
        timezone.localdate(a.submitted_at) == today for a in Application.objects.filter(office=baki.office)
    )
    assert baki.daily[-1] == (today, sent_today)
    assert baki.received_total == 4
    assert len(baki.daily) == 30
    assert len(overview) == 13


def test_operator_sees_only_their_office(aysel_transfer, leyla_rename):
    overview = office_overview(user=user(OPERATOR_BAKI))

    assert [row.office.name for row in overview] == ["Bakı regional qeydiyyat ofisi"]


def test_index_shows_the_overview_with_an_inline_svg_chart(staff_client, aysel_transfer):
    page = staff_client(AUDITOR).get("/admin/")
    html = page.content.decode()

    assert "Ofislər üzrə vəziyyət" in visible_text(page)
    assert re.search(r'<svg class="daily-chart"[^>]*role="img"', html)
    assert f"<title>{timezone.localdate():%d.%m.%Y}: 1</title>" in html
    assert "<script" not in html.split("office-dashboard")[1].split("</div>")[0]
    assert "cdn" not in html.lower()


def test_index_query_count_does_not_grow_with_applications(staff_client, aysel_transfer):
    browser = staff_client(SUPERVISOR)
    browser.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        browser.get("/admin/")

    template = Application.objects.get(pk=aysel_transfer.pk)
    copies(template, 300)
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    application_reject(application=aysel_transfer, actor=user(OPERATOR_BAKI), reason="debt")
    with CaptureQueriesContext(connection) as many:
        browser.get("/admin/")

    assert len(many) == len(few)


def test_staff_without_a_role_see_no_overview(staff_client):
    nobody = user(OPERATOR_BAKI)
    nobody.groups.clear()

    page = staff_client(OPERATOR_BAKI).get("/admin/")

    assert "Ofislər üzrə vəziyyət" not in visible_text(page)


def test_durations_read_as_people_say_them():
    assert format_duration(None) == "—"
    assert format_duration(datetime.timedelta(minutes=40)) == "40 dəq."
    assert format_duration(datetime.timedelta(hours=5, minutes=10)) == "5 saat"
    assert format_duration(datetime.timedelta(days=2, hours=3)) == "2 gün 3 saat"
