"""The review workflow: the guarded steps staff (and the citizen) take on a sent application."""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import numbers
from applications.answers import Answers
from applications.documents.generation import documents_enqueue
from applications.documents.links import bundle_url
from applications.eligibility import ApplicationRefused, eligibility_check
from applications.models import Application, ApplicationAccess, ApplicationEvent
from applications.services.messages import application_notify
from applications.workdays import decision_due_date
from applications.workflow import TRANSITIONS, staff_name, transition_refusal
from backoffice.roles import role_of
from integrations.base import ExternalSystemUnavailable
from integrations.registry.base import Person
from subscribers.models import Account
from subscribers.services import account_transfer, subscriber_rename

logger = logging.getLogger(__name__)


class TransitionRefused(ApplicationRefused):
    """A review step is not allowed now (status moved on, not the assignee, another office,
    the approval's re-check failed); the message is safe to show to staff."""


def application_claim(*, application: Application, actor) -> Application:
    """ "Götür": the reviewer takes a submitted application (in review, assigned to them);
    SMS to the citizen. Raises TransitionRefused."""
    return _transition(application=application, actor=actor, action="claim", change=_assign_to(actor))


def application_request_info(*, application: Application, actor, message: str) -> Application:
    """ "Əlavə məlumat istə": ask the citizen for more information (`message` is shown to them);
    SMS to the citizen. Raises TransitionRefused."""
    message = message.strip()
    if not message:
        raise TransitionRefused(_("Vətəndaşa nə lazım olduğunu yazın."))
    return _transition(
        application=application,
        actor=actor,
        action="request_info",
        note=message,
        sms_context={"portal_url": status_page_url()},
    )


def application_resubmit(
    *, application: Application, applicant, note: str = "", corrections: dict | None = None
) -> Application:
    """The citizen answers a request for information: the corrected fields (already checked by
    the caller, see application_correct) and a note; back in review with the same reviewer, the
    deadline restarted if it would come earlier. SMS to the citizen. Raises TransitionRefused."""
    corrections = corrections or {}

    def change(locked: Application) -> None:
        for field, value in corrections.items():
            if value is not None:
                setattr(locked, field, value)
        # The clock stopped while the office waited for the citizen.
        locked.due_date = max(filter(None, (locked.due_date, decision_due_date(timezone.localdate()))))

    return _transition(
        application=application, actor=applicant, action="resubmit", note=note.strip(), change=change
    )


def application_withdraw(*, application: Application, applicant) -> Application:
    """The citizen takes back an application not yet decided. SMS to the citizen. Raises
    TransitionRefused."""
    return _transition(application=application, actor=applicant, action="withdraw")


def application_reject(*, application: Application, actor, reason: str, note: str = "") -> Application:
    """ "İmtina et": reject with a reason code (and text; required for "other"); SMS to the
    citizen. Raises TransitionRefused."""
    if reason not in Application.DecisionReason.values:
        raise TransitionRefused(_("İmtina səbəbini seçin."))
    note = note.strip()
    if reason == Application.DecisionReason.OTHER and not note:
        raise TransitionRefused(_("“Digər səbəb” seçildikdə səbəbi yazın."))
    label = Application.DecisionReason(reason).label

    def change(locked: Application) -> None:
        locked.decision_reason, locked.decision_note, locked.decided_at = reason, note, timezone.now()

    return _transition(
        application=application,
        actor=actor,
        action="reject",
        note=f"{label}: {note}" if note else str(label),
        change=change,
        sms_context={"reason": label, "portal_url": status_page_url()},
    )


def application_reassign(*, application: Application, actor, assignee, note: str = "") -> Application:
    """A supervisor hands an open application to another reviewer who may see its office.
    No SMS: nothing changes for the citizen. Raises TransitionRefused."""
    if not (
        assignee.is_active and assignee.is_staff and assignee.has_perm("applications.review_application")
    ):
        raise TransitionRefused(_("%(name)s müraciətlərə baxa bilməz.") % {"name": staff_name(assignee)})
    if not application.is_visible_to(assignee):
        raise TransitionRefused(
            _("%(name)s bu ofisin müraciətlərinə baxa bilməz.") % {"name": staff_name(assignee)}
        )

    def change(locked: Application) -> str:
        if locked.assigned_to_id == assignee.pk:
            raise TransitionRefused(
                _("Müraciət artıq %(name)s adlı əməkdaşa verilib.") % {"name": staff_name(assignee)}
            )
        handover = f"{staff_name(locked.assigned_to)} → {staff_name(assignee)}"
        locked.assigned_to = assignee
        return f"{handover}. {note.strip()}" if note.strip() else handover

    return _transition(application=application, actor=actor, action="reassign", change=change)


def application_approve(*, application: Application, actor) -> Application:
    """ "Təsdiq et": re-check the registry and the debt now, then in one transaction apply the
    change (transfer: the account to the applicant with a new contract; rename: the holder's
    names from the registry), record it, SMS the citizen, and generate the final document after
    commit. Raises TransitionRefused (also when the registry or billing cannot be asked)."""
    # A fresh read, so that a decision taken meanwhile is refused before the slow re-checks.
    application = Application.objects.select_related("assigned_to", "district").get(pk=application.pk)
    _refuse_unless_allowed(application=application, actor=actor, action="approve")
    try:
        person = _approval_recheck(application)
    except TransitionRefused:
        # A second approval racing the first sees the account already moved by it: the reason
        # to give is that the application was decided meanwhile, not what the re-check found.
        _refuse_unless_allowed(
            application=Application.objects.select_related("assigned_to").get(pk=application.pk),
            actor=actor,
            action="approve",
        )
        raise
    bundle = application.document_bundle

    def change(locked: Application) -> None:
        account = Account.objects.select_for_update().select_related("holder").get(pk=locked.account_id)
        reason = _("Müraciət %(number)s") % {"number": locked.number}
        if locked.kind == Application.Kind.TRANSFER:
            account_transfer(
                account=account,
                person=person,
                contract_number=contract_number_for(locked),
                contact_phone=locked.mobile_phone,
                contact_email=locked.email,
                actor=actor,
                reason=reason,
            )
        else:
            subscriber_rename(subscriber=account.holder, person=person, actor=actor, reason=reason)
        locked.decided_at = timezone.now()
        transaction.on_commit(lambda: documents_enqueue(application_id=locked.pk), robust=True)

    return _transition(
        application=application,
        actor=actor,
        action="approve",
        change=change,
        sms_context={"bundle_url": bundle_url(bundle)},
    )


def status_page_url() -> str:
    """The public status page, where the citizen reads what the office wrote."""
    return f"{settings.PUBLIC_BASE_URL}{reverse('status')}"


def contract_number_for(application: Application) -> str:
    """The new contract's number: "E-<year>-<the application number's ten symbols>", unique
    because application numbers are, and traceable to the application that made it."""
    return f"E-{timezone.localdate().year}-{application.number.removeprefix(numbers.PREFIX + '-')}"


def application_access_record(
    *, application: Application, viewer, page: str = ApplicationAccess.Page.CASE
) -> ApplicationAccess:
    """Record that a staff member opened an application's page (who, role, when)."""
    return ApplicationAccess.objects.create(
        application=application, viewer=viewer, role=role_of(viewer), page=page
    )


def _assign_to(user):
    def change(locked: Application) -> None:
        locked.assigned_to = user

    return change


def _refuse_unless_allowed(*, application: Application, actor, action: str) -> None:
    refusal = transition_refusal(application=application, actor=actor, action=action)
    if refusal is not None:
        raise TransitionRefused(refusal)


def _approval_recheck(application: Application) -> Person:
    """The submission's registry and debt checks again, with today's data."""
    try:
        found = eligibility_check(
            fin=application.applicant_fin, answers=Answers.from_application(application), made=application
        )
    except ApplicationRefused as refusal:
        raise TransitionRefused(
            _("Təkrar yoxlama keçmədi: %(reason)s") % {"reason": refusal.message}
        ) from refusal
    except ExternalSystemUnavailable as error:
        raise TransitionRefused(
            _("Dövlət reyestri və ya billinq sistemi cavab vermir. Bir az sonra yenidən cəhd edin.")
        ) from error
    return found.person


def _transition(
    *,
    application: Application,
    actor,
    action: str,
    note: str = "",
    change=None,
    sms_context: dict | None = None,
) -> Application:
    """Lock the row, re-check the guard on what is stored now, apply `change` to the locked row
    (it may return the event's note), record the event, notify the citizen."""
    transition = TRANSITIONS[action]
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        _refuse_unless_allowed(application=locked, actor=actor, action=action)
        from_status = locked.status
        if change is not None:
            note = change(locked) or note
        if transition.target is not None:
            locked.status = transition.target
        locked.save()
        ApplicationEvent.objects.create(
            application=locked, from_status=from_status, to_status=locked.status, actor=actor, note=note
        )
        if transition.sms_template:
            application_notify(application=locked, template=transition.sms_template, context=sms_context)
    logger.info("application %s: %s by user %s", locked.number, action, actor.pk)
    return locked
