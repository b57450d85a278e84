"""The review workflow's rules: which step may be taken from which status, by whom.

A small explicit transition table rather than django-fsm-2 or viewflow: seven transitions, each
guarded by status, permission, office and assignee, all of which must be re-checked on the row
locked with SELECT ... FOR UPDATE (applications/services/review.py does). Keeping the table here
keeps the rules out of the model and needs no extra dependency.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from applications.models import Application


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str | None  # None: the status stays (reassignment)
    permission: str | None  # None: the applicant's own step
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
    "approve": Transition(
        sources=(Status.IN_REVIEW,),
        target=Status.APPROVED,
        permission=REVIEW,
        assignee_only=True,
        sms_template="approved",
    ),
    "reject": Transition(
        sources=(Status.IN_REVIEW,),
        target=Status.REJECTED,
        permission=REVIEW,
        assignee_only=True,
        sms_template="rejected",
    ),
    "reassign": Transition(
        sources=Application.OPEN_STATUSES, target=None, permission="applications.reassign_application"
    ),
    "withdraw": Transition(
        sources=Application.OPEN_STATUSES, target=Status.WITHDRAWN, permission=None, sms_template="withdrawn"
    ),
}


def transition_refusal(*, application: Application, actor, action: str) -> str | None:
    """Why `actor` may not take `action` on `application` as it is now; None when allowed."""
    transition = TRANSITIONS[action]
    if transition.permission is None:
        if actor.pk != application.applicant_id:
            return _("Bu addımı yalnız müraciətçi ata bilər.")
    elif not actor.has_perm(transition.permission) or not application.is_visible_to(actor):
        return _("Bu əməliyyat üçün icazəniz yoxdur.")
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
    return None


def allowed_actions(*, application: Application, actor) -> list[str]:
    """The staff steps `actor` may take now, in the order the buttons are shown."""
    staff_steps = ("claim", "request_info", "approve", "reject", "reassign")
    return [
        step
        for step in staff_steps
        if transition_refusal(application=application, actor=actor, action=step) is None
    ]


def staff_name(user) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
