"""The review workflow: the guarded steps staff (and the citizen) take on a sent application."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.answers import Answers
from applications.corrections.services import info_request_record
from applications.documents.generation import documents_enqueue
from applications.documents.links import bundle_url
from applications.eligibility import ApplicationRefused, eligibility_check
from applications.execution.services import billing_command_queue, billing_command_retry
from applications.handover.services import previous_holder_settle
from applications.links import status_link_url
from applications.models import (
    Application,
    ApplicationAccess,
    BillingCommand,
    CoOwnerConsent,
)
from applications.services.history import application_event_record
from applications.services.messages import application_notify
from applications.workdays import decision_due_date
from applications.workflow import TRANSITIONS, staff_name, transition_refusal
from backoffice.roles import role_of
from integrations.base import ExternalSystemUnavailable
from integrations.billing.base import Holder
from integrations.billing.wire import rename_command_from_json, transfer_command_from_json
from integrations.registry.base import Person
from subscribers.models import Account
from subscribers.services import account_transfer_record, subscriber_rename

logger = logging.getLogger(__name__)


class TransitionRefused(ApplicationRefused):
    """A review step is not allowed now (status moved on, not the assignee, another office,
    the approval's re-check failed); the message is safe to show to staff."""


def application_claim(*, application: Application, actor) -> Application:
    """ "Götür": the reviewer takes a submitted application (in review, assigned to them);
    SMS to the citizen. Raises TransitionRefused."""
    return _transition(application=application, actor=actor, action="claim", change=_assign_to(actor))


def application_request_info(
    *, application: Application, actor, message: str, fields=(), document_kinds=()
) -> Application:
    """ "Əlavə məlumat istə": ask the citizen for more information (`message` is shown to them),
    naming the answers they may correct (corrections.services.CORRECTABLE) and the documents to
    hand in; SMS to the citizen with a link to their application's page. Raises TransitionRefused."""
    message = message.strip()
    if not message:
        raise TransitionRefused(_("Vətəndaşa nə lazım olduğunu yazın."))

    def change(locked: Application) -> None:
        info_request_record(
            application=locked, actor=actor, message=message, fields=fields, document_kinds=document_kinds
        )

    return _transition(
        application=application,
        actor=actor,
        action="request_info",
        note=message,
        change=change,
        sms_context={"status_url": status_link_url(application)},
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
        sms_context={"reason": label, "status_url": status_link_url(application)},
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

    return _transition(
        application=application, actor=actor, action="reassign", change=change, citizen_visible=False
    )


def application_approve(*, application: Application, actor) -> Application:
    """ "Təsdiq et": re-check the registry and billing now, then record the decision and queue
    the change for billing in one transaction (billing_command_queue). Nothing changes in the
    account until billing confirms it (application_carry_out), and the citizen's SMS and final
    documents follow that. Raises TransitionRefused (also when the registry or billing cannot be
    asked, or the co-owners have not all consented)."""
    # A fresh read, so that a decision taken meanwhile is refused before the slow re-checks.
    application = Application.objects.select_related("assigned_to", "district").get(pk=application.pk)
    _refuse_unless_allowed(application=application, actor=actor, action="approve")
    try:
        person = _approval_recheck(application)
    except TransitionRefused:
        # A second approval racing the first sees the application already approved by it: the
        # reason to give is that it was decided meanwhile, not what the re-check found.
        _refuse_unless_allowed(
            application=Application.objects.select_related("assigned_to").get(pk=application.pk),
            actor=actor,
            action="approve",
        )
        raise
    holder = Holder(
        fin=person.fin, last_name=person.last_name, first_name=person.first_name, patronymic=person.patronymic
    )

    def change(locked: Application) -> None:
        locked.decided_at = timezone.now()
        billing_command_queue(application=locked, holder=holder)

    return _transition(application=application, actor=actor, action="approve", change=change)


def application_carry_out(*, command: BillingCommand, result) -> Application | None:
    """Record what billing confirmed for an approved application: the account's new holder and
    contract (or the holder's new names), the outgoing holder's final bill, the application done;
    SMS to the citizen (and to the outgoing holder, with their final bill), final documents after
    commit. Recorded once: a command no longer being sent is left as it is (returns None)."""
    with transaction.atomic():
        locked_command = (
            BillingCommand.objects.select_for_update().filter(pk=command.pk, status="sending").first()
        )
        if locked_command is None:
            return None
        application = Application.objects.select_related("district").get(pk=locked_command.application_id)

        def change(locked: Application) -> str:
            reason = _("Müraciət %(number)s") % {"number": locked.number}
            # Billing carried out the officer's decision: the history names who approved it.
            _account_record(locked, locked_command, result, reason=reason, actor=locked.assigned_to)
            locked_command.status, locked_command.confirmed_at = "confirmed", timezone.now()
            locked_command.contract_number = result.contract_number
            locked_command.save(update_fields=["status", "confirmed_at", "contract_number", "updated_at"])
            transaction.on_commit(lambda: documents_enqueue(application_id=locked.pk), robust=True)
            return _("Billinq icra etdi: müqavilə %(contract)s") % {"contract": result.contract_number}

        done = _transition(
            application=application,
            actor=None,
            action="carry_out",
            change=change,
            sms_context={
                "bundle_url": bundle_url(application.document_bundle),
                "contract": result.contract_number,
            },
        )
        if done.kind == Application.Kind.TRANSFER:
            previous_holder_settle(application=done, final_bill=result.final_bill)
    return done


def _account_record(application: Application, command: BillingCommand, result, *, reason: str, actor) -> None:
    account = Account.objects.select_for_update().select_related("holder").get(pk=application.account_id)
    if application.kind == Application.Kind.TRANSFER:
        payload = transfer_command_from_json(command.payload)
        account_transfer_record(
            account=account,
            holder=payload.new_holder,
            contract_number=result.contract_number,
            handover_date=payload.handover_date,
            opening_kwh=payload.opening_kwh,
            contact_phone=payload.contact_phone,
            contact_email=payload.contact_email,
            actor=actor,
            reason=reason,
        )
    else:
        subscriber_rename(
            subscriber=account.holder,
            holder=rename_command_from_json(command.payload).holder,
            actor=actor,
            reason=reason,
        )


def application_co_owner_answer(*, consent, user, consented: bool) -> Application:
    """A co-owner, signed in with ASAN Login as that owner, consents to the transfer or declines
    it; a decline stops the application (rejected: apply together at an ASAN service centre),
    with an SMS to the applicant. Answered once. Raises TransitionRefused."""
    if user.fin != consent.owner_fin:
        raise TransitionRefused(_("Bu keçid başqa mülkiyyətçi üçündür: onun adı ilə daxil olun."))
    with transaction.atomic():
        locked = CoOwnerConsent.objects.select_for_update().select_related("application").get(pk=consent.pk)
        if locked.answer != CoOwnerConsent.Answer.PENDING or not locked.application.is_open:
            raise TransitionRefused(_("Bu müraciətə cavab artıq verilib və ya müraciət bağlanıb."))
        locked.answer = CoOwnerConsent.Answer.CONSENTED if consented else CoOwnerConsent.Answer.DECLINED
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answer", "answered_at"])
        if consented:
            return locked.application
        reason = Application.DecisionReason.CO_OWNER_DECLINED

        def change(application: Application) -> str:
            application.decision_reason, application.decided_at = reason, timezone.now()
            return str(reason.label)

        return _transition(
            application=locked.application, actor=user, action="co_owner_decline", change=change
        )


def application_billing_retry(*, application: Application, actor) -> Application:
    """ "Billinqə yenidən göndər": send the approved application's refused (or unanswered) command
    to billing again. No SMS: nothing changed for the citizen. Raises TransitionRefused."""

    def change(locked: Application) -> str:
        command = locked.billing_command
        note = _("Billinqə yenidən göndərildi (əvvəlki cavab: %(reason)s)") % {
            "reason": command.refusal or command.last_error or "—"
        }
        billing_command_retry(command=command)
        return note

    return _transition(
        application=application, actor=actor, action="billing_retry", change=change, citizen_visible=False
    )


def application_access_record(
    *, application: Application, viewer, page: str = ApplicationAccess.Page.CASE
) -> ApplicationAccess:
    """Record that a staff member opened an application's page (who, role, when)."""
    return ApplicationAccess.objects.create(
        application=application, viewer=viewer, role=role_of(viewer), page=page
    )


# The access log's role for a machine client (applications.selectors.citizen_access_log shows it).
API_CLIENT_ROLE = "api_client"


def application_client_access_record(*, application: Application, client) -> ApplicationAccess:
    """Record that an API client (e-gov.az) read an application (which client, when)."""
    return ApplicationAccess.objects.create(
        application=application, client=client, role=API_CLIENT_ROLE, page=ApplicationAccess.Page.API
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
            fin=application.applicant_fin,
            answers=Answers.from_application(application),
            made=application,
            with_handover=False,
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
    citizen_visible: bool = True,
) -> Application:
    """Lock the row, re-check the guard on what is stored now, apply `change` to the locked row
    (it may return the event's note), record the event, notify the citizen. `actor` is None for
    the portal's own steps (billing confirmed, a co-owner declined)."""
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
        application_event_record(
            application=locked,
            from_status=from_status,
            actor=actor,
            note=note,
            citizen_visible=citizen_visible,
        )
        if transition.sms_template:
            application_notify(application=locked, template=transition.sms_template, context=sms_context)
    logger.info(
        "application %s: %s by %s", locked.number, action, f"user {actor.pk}" if actor else "the portal"
    )
    return locked
