"""The review workflow's rules: which step may be taken from which status, by whom.

A small explicit transition table rather than django-fsm-2 or viewflow: seven transitions, each
guarded by status, permission, office and assignee, all of which must be re-checked on the row
locked with SELECT ... FOR UPDATE (applications/services/review.py does). Keeping the table here
keeps the rules out of the model and needs no extra dependency.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from applications.models import Application

# A step the portal itself takes on someone's behalf (billing confirmed; a co-owner declined):
# the service taking it has checked who may, so no actor's permission is asked here.
SYSTEM = "system"


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str | None  # None: the status stays (reassignment, sending billing's command again)
    permission: str | None  # None: the applicant's own step; SYSTEM: the portal's
    assignee_only: bool = False
    sms_template: str | None = None


Status = Application.Status
REVIEW = "applications.review_application"
TRANSITIONS = {
    "claim": Transition(
        sources=(Status.SUBMITTED,), target=Status.IN_REVIEW, permission=REVIEW, sms_template="review_started"
    ),
    "request_info": Transition(
        sources=(Status.IN_REVIEW,),
        target=Status.INFO_REQUESTED,
        permission=REVIEW,
        assignee_only=True,
        sms_template="info_requested",
    ),
    "resubmit": Transition(
        sources=(Status.INFO_REQUESTED,), target=Status.IN_REVIEW, permission=None, sms_template="resubmitted"
    ),
    # The decision: billing's command is queued; the citizen hears once billing has carried it out.
    "approve": Transition(
        sources=(Status.IN_REVIEW,), target=Status.APPROVED, permission=REVIEW, assignee_only=True
    ),
    "carry_out": Transition(
        sources=(Status.APPROVED,), target=Status.DONE, permission=SYSTEM, sms_template="approved"
    ),
    # In review, or approved when billing refused the change (or never answered).
    "reject": Transition(
        sources=(Status.IN_REVIEW, Status.APPROVED),
        target=Status.REJECTED,
        permission=REVIEW,
        assignee_only=True,
        sms_template="rejected",
    ),
    "billing_retry": Transition(
        sources=(Status.APPROVED,), target=None, permission=REVIEW, assignee_only=True
    ),
    "co_owner_decline": Transition(
        sources=Application.OPEN_STATUSES,
        target=Status.REJECTED,
        permission=SYSTEM,
        sms_template="co_owner_declined",
    ),
    "reassign": Transition(
        sources=Application.ACTIVE_STATUSES, target=None, permission="applications.reassign_application"
    ),
    "withdraw": Transition(
        sources=Application.OPEN_STATUSES, target=Status.WITHDRAWN, permission=None, sms_template="withdrawn"
    ),
}


def transition_refusal(*, application: Application, actor, action: str) -> str | None:
    """Why `actor` may not take `action` on `application` as it is now; None when allowed."""
    transition = TRANSITIONS[action]
    refusal = _actor_refusal(transition, application=application, actor=actor)
    if refusal is not None:
        return refusal
    assignee = application.assigned_to_id
    if action == "claim" and assignee not in (None, actor.pk):
        return _("Bu müraciəti artıq %(name)s götürüb.") % {"name": staff_name(application.assigned_to)}
    if application.status not in transition.sources:
        return _("Bu addım indi mümkün deyil: müraciətin statusu — “%(status)s”. Səhifəni yeniləyin.") % {
            "status": application.get_status_display()
        }
    if transition.assignee_only and assignee != actor.pk:
        return _("Qərarı yalnız müraciətə baxan əməkdaş verə bilər (%(name)s).") % {
            "name": staff_name(application.assigned_to)
        }
    return _state_refusal(application=application, action=action)


def _actor_refusal(transition: Transition, *, application: Application, actor) -> str | None:
    if transition.permission == SYSTEM:
        return None
    if transition.permission is None:
        return None if actor.pk == application.applicant_id else _("Bu addımı yalnız müraciətçi ata bilər.")
    if not actor.has_perm(transition.permission) or not application.is_visible_to(actor):
        return _("Bu əməliyyat üçün icazəniz yoxdur.")
    return None


def _state_refusal(*, application: Application, action: str) -> str | None:
    """What the application's handover and billing command say against the step, if anything."""
    if action == "approve" and application.co_owner_consents.exclude(answer="consented").exists():
        return _("Əmlakın digər mülkiyyətçilərinin razılığı hələ alınmayıb: onların cavabını gözləyin.")
    stalled = billing_stalled(application)
    if action == "billing_retry" and not stalled:
        return _("Billinq sistemi bu əmri hələ icra edir və ya artıq icra edib.")
    if action == "reject" and application.status == Status.APPROVED and not stalled:
        return _(
            "Təsdiq edilmiş müraciət billinqdə icra olunur: yalnız billinq onu icra etməsə, "
            "müraciət üzrə imtina edilə bilər."
        )
    return None


def billing_stalled(application: Application) -> bool:
    """Whether billing refused the approved application's command or stopped answering it."""
    command = getattr(application, "billing_command", None)
    return command is not None and command.status in ("refused", "failed")


def allowed_actions(*, application: Application, actor) -> list[str]:
    """The staff steps `actor` may take now, in the order the buttons are shown."""
    staff_steps = ("claim", "request_info", "approve", "billing_retry", "reject", "reassign")
    return [
        step
        for step in staff_steps
        if transition_refusal(application=application, actor=actor, action=step) is None
    ]


def staff_name(user) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
