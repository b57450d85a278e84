"""Reads of applications that are more than a lookup."""

import datetime
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _

from .models import Application
from .roles import ROLE_LABELS


@dataclass(frozen=True)
class Stage:
    label: str
    date: datetime.datetime | None  # None: not reached yet
    done: bool


@dataclass(frozen=True)
class PublicStatus:
    """What anyone holding an application number may learn: nothing personal."""

    number: str
    kind: str
    status: str
    status_code: str
    office: str
    submitted_on: datetime.date
    expected_decision: datetime.date | None
    stages: list[Stage]


def application_public_status(*, number: str) -> PublicStatus | None:
    """The public view of the application with this (normalized) number, or None."""
    application = Application.objects.select_related("office").filter(number=number).first()
    if application is None:
        return None
    events = list(application.events.order_by("created_at", "pk").values_list("to_status", "created_at"))
    return PublicStatus(
        number=application.number,
        kind=application.get_kind_display(),
        status=application.get_status_display(),
        status_code=application.status,
        office=application.office.display_name,
        submitted_on=application.submitted_at.date(),
        expected_decision=application.due_date if application.is_open else None,
        stages=_stages(application, events),
    )


def _stages(application: Application, events: list[tuple[str, datetime.datetime]]) -> list[Stage]:
    status_label = dict(Application.Status.choices)
    stages = [Stage(label=str(status_label[status]), date=at, done=True) for status, at in events]
    if application.is_open:
        if application.status == Application.Status.SUBMITTED:
            stages.append(Stage(label=str(status_label[Application.Status.IN_REVIEW]), date=None, done=False))
        stages.append(Stage(label=_("Qərar"), date=None, done=False))
    return stages


@dataclass(frozen=True)
class CitizenEvent:
    status: str
    at: datetime.datetime
    message: str  # what the office (or the citizen) wrote; never a staff member's name


@dataclass(frozen=True)
class CitizenAccess:
    role: str
    office: str
    at: datetime.datetime


def citizen_timeline(application: Application) -> list[CitizenEvent]:
    """The application's history as its citizen sees it: status changes with the office's
    messages. Internal steps (a case handed between staff) are left out: they name staff."""
    events = application.events.exclude(from_status=F("to_status")).order_by("created_at", "pk")
    return [
        CitizenEvent(status=event.get_to_status_display(), at=event.created_at, message=event.note)
        for event in events
    ]


def citizen_access_log(application: Application) -> list[CitizenAccess]:
    """Who at the office opened the application: the role and office, never the name."""
    accesses = application.accesses.select_related("viewer__office").order_by("-viewed_at", "-pk")
    return [
        CitizenAccess(
            role=str(ROLE_LABELS.get(access.role, _("Azərişıq əməkdaşı"))),
            office=access.viewer.office.display_name
            if access.viewer.office_id
            else _("Azərişıq mərkəzi aparatı"),
            at=access.viewed_at,
        )
        for access in accesses
    ]


def info_request_message(application: Application) -> str:
    """The office's latest request for information, shown with "Düzəliş et"."""
    event = (
        application.events.filter(to_status=Application.Status.INFO_REQUESTED).order_by("-created_at").first()
    )
    return event.note if event else ""
