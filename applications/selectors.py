"""Reads of applications that are more than a lookup."""

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationEvent, WizardDraft
from backoffice.roles import ROLE_LABELS
from core.personal_data import name_masked
from core.text import invisible_characters_removed
from subscribers.models import RegionalOffice


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
    """The public view of the application with this (normalized) number, or None.

    The busiest public read, so it is one hand-written query (the application, its office and
    its events in one round trip) instead of two ORM queries: building those cost ~2 ms of CPU
    a lookup, the query itself ~0.1 ms (bench/NOTES.md). The SQL is built from the models'
    table and column names; tests/applications/test_public_views.py checks it against the ORM.
    """
    with connection.cursor() as cursor:
        cursor.execute(_public_status_sql(connection.vendor), [number])
        rows = cursor.fetchall()
    if not rows:
        return None
    fields = Application._meta
    kind, status, submitted_at, due_date, office_name, economic_region = rows[0][1:7]
    submitted_at = _aware(fields.get_field("submitted_at").to_python(submitted_at))
    due_date = fields.get_field("due_date").to_python(due_date)
    events = [
        (row[7], _aware(ApplicationEvent._meta.get_field("created_at").to_python(row[8])))
        for row in rows
        if row[7] is not None
    ]
    is_open = status in Application.OPEN_STATUSES
    return PublicStatus(
        number=number,
        kind=str(Application.Kind(kind).label),
        status=str(Application.Status(status).label),
        status_code=status,
        office=RegionalOffice(name=office_name, economic_region=economic_region).display_name,
        submitted_on=submitted_at.date(),
        expected_decision=due_date if is_open else None,
        stages=_stages(status, events),
    )


@functools.cache
def _public_status_sql(vendor: str) -> str:
    """SELECT the application, its office's name and its events (one row per event, oldest first)."""
    del vendor  # only the cache key: the quoting is the connection's
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def a(field: str) -> str:
        return f"a.{quote(Application._meta.get_field(field).column)}"

    def o(field: str) -> str:
        return f"o.{quote(RegionalOffice._meta.get_field(field).column)}"

    def e(field: str) -> str:
        return f"e.{quote(ApplicationEvent._meta.get_field(field).column)}"

    # Identifiers come from the models, quoted by the connection; the number is a parameter.
    return (
        f"SELECT {a('number')}, {a('kind')}, {a('status')}, {a('submitted_at')}, {a('due_date')},"  # noqa: S608
        f" {o('name')}, {o('economic_region')}, {e('to_status')}, {e('created_at')}"
        f" FROM {table(Application)} a INNER JOIN {table(RegionalOffice)} o ON {o('id')} = {a('office')}"
        # Status changes only: a step that keeps the status (a case handed on) is no stage.
        f" LEFT JOIN {table(ApplicationEvent)} e ON {e('application')} = {a('id')}"
        f" AND {e('from_status')} <> {e('to_status')}"
        f" WHERE {a('number')} = %s ORDER BY {e('created_at')}, {e('id')}"
    )


def _aware(value: datetime.datetime) -> datetime.datetime:
    """PostgreSQL gives aware datetimes; SQLite the naive UTC text Django stored."""
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


def _stages(status: str, events: list[tuple[str, datetime.datetime]]) -> list[Stage]:
    status_label = dict(Application.Status.choices)
    stages = [Stage(label=str(status_label[to_status]), date=at, done=True) for to_status, at in events]
    if status in Application.OPEN_STATUSES:
        if status == Application.Status.SUBMITTED:
            stages.append(Stage(label=str(status_label[Application.Status.IN_REVIEW]), date=None, done=False))
        stages.append(Stage(label=_("Qərar"), date=None, done=False))
    if status == Application.Status.APPROVED:
        # Decided; billing has yet to carry it out.
        stages.append(Stage(label=str(status_label[Application.Status.DONE]), date=None, done=False))
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
    summary: str = ""  # a machine client's access, said in one sentence instead of role and office


def citizen_has_draft(user) -> bool:
    """Whether a signed-in citizen has a new application in progress (not a correction) to resume."""
    if not user.is_authenticated or not getattr(user, "fin", ""):
        return False
    return WizardDraft.objects.filter(user=user, correcting__isnull=True).exclude(data={}).exists()


def citizen_timeline(application: Application) -> list[CitizenEvent]:
    """The application's history as its citizen sees it: status changes with the office's
    messages, and what others said (the outgoing holder objected). Internal steps (a case handed
    between staff, billing's command sent again) are left out: they name staff."""
    events = application.events.filter(citizen_visible=True).order_by("created_at", "pk")
    return [
        CitizenEvent(
            status=event.get_to_status_display(),
            at=event.created_at,
            message=invisible_characters_removed(event.note),
        )
        for event in events
    ]


@dataclass(frozen=True)
class CitizenCoOwner:
    name: str  # masked
    answer: str
    answered: bool


def citizen_co_owners(application: Application) -> list[CitizenCoOwner]:
    """The other owners asked to consent, as the applicant sees them: masked names, answers."""
    return [
        CitizenCoOwner(
            name=name_masked(*reversed(consent.owner_name.split(" ")[:2])),
            answer=consent.get_answer_display(),
            answered=consent.answer != consent.Answer.PENDING,
        )
        for consent in application.co_owner_consents.order_by("pk")
    ]


def citizen_access_log(application: Application) -> list[CitizenAccess]:
    """Who at the office opened the application: the role and office, never the name; and when
    the e-gov.az portal read it through the API."""
    accesses = application.accesses.select_related("viewer__office").order_by("-viewed_at", "-pk")
    return [_citizen_access(access) for access in accesses]


def _citizen_access(access) -> CitizenAccess:
    if access.viewer_id is None:
        return CitizenAccess(
            role="", office="", at=access.viewed_at, summary=_("e-gov.az portalı müraciətinizə baxdı")
        )
    return CitizenAccess(
        role=str(ROLE_LABELS.get(access.role, _("Azərişıq əməkdaşı"))),
        office=access.viewer.office.display_name
        if access.viewer.office_id
        else _("Azərişıq mərkəzi aparatı"),
        at=access.viewed_at,
    )


def info_request_message(application: Application) -> str:
    """The office's latest request for information, shown with "Düzəliş et"."""
    event = (
        application.events.filter(to_status=Application.Status.INFO_REQUESTED).order_by("-created_at").first()
    )
    # Typed before such characters were removed as they came in: removed again when shown.
    return invisible_characters_removed(event.note) if event else ""


def citizen_application_or_404(*, applicant, number: str) -> Application:
    """The citizen's own application with this number; anyone else's is a 404, never a 403."""
    return get_object_or_404(
        Application.objects.select_related("office", "district__parent"), number=number, applicant=applicant
    )
