"""Every review step, allowed and refused: the status, the event, the SMS queued to the citizen."""

import pytest

from applications.models import Application, ApplicationEvent
from applications.services import (
    TransitionRefused,
    application_approve,
    application_claim,
    application_reassign,
    application_reject,
    application_request_info,
    application_resubmit,
)
from notifications.models import Notification
from tests.support.applications import citizen_user
from tests.support.demo import AUDITOR, OPERATOR_BAKI, OPERATOR_SUMQAYIT, SUPERVISOR
from tests.support.staff import refreshed, user

Status = Application.Status


def sms_templates(application) -> list[str]:
    """The SMS the applicant got (the seller's and co-owners' are theirs)."""
    return list(
        Notification.objects.for_application(application)
        .to_applicant()
        .filter(channel=Notification.Channel.SMS)
        .values_list("template", flat=True)
    )


def last_event(application) -> ApplicationEvent:
    return application.events.order_by("-created_at", "-pk").first()


def claimed(application, username=OPERATOR_BAKI):
    return application_claim(application=application, actor=user(username))


def assert_refused(call, fragment: str, application):
    """The step raises with a message containing `fragment` and changes nothing."""
    before = refreshed(application)
    events, sms = application.events.count(), len(sms_templates(application))
    with pytest.raises(TransitionRefused) as refusal:
        call()
    assert fragment in refusal.value.message, refusal.value.message
    after = refreshed(application)
    assert (after.status, after.assigned_to_id, after.due_date) == (
        before.status,
        before.assigned_to_id,
        before.due_date,
    )
    assert application.events.count() == events
    assert len(sms_templates(application)) == sms


# --- claim -------------------------------------------------------------------------------


def test_claim_puts_the_application_in_review_with_me_and_tells_the_citizen(aysel_transfer):
    operator = user(OPERATOR_BAKI)

    application = application_claim(application=aysel_transfer, actor=operator)

    assert application.status == Status.IN_REVIEW
    assert application.assigned_to == operator
    event = last_event(application)
    assert (event.from_status, event.to_status, event.actor) == (Status.SUBMITTED, Status.IN_REVIEW, operator)
    assert sms_templates(application) == ["receipt", "review_started"]
    sms = Notification.objects.get(application=application, template="review_started")
    assert sms.recipient == "+994501234567"
    assert application.number in sms.body
    assert application.due_date.strftime("%d.%m.%Y") in sms.body


def test_operator_of_another_office_cannot_claim(aysel_transfer):
    assert_refused(
        lambda: application_claim(application=aysel_transfer, actor=user(OPERATOR_SUMQAYIT)),
        "icazəniz yoxdur",
        aysel_transfer,
    )


def test_auditor_cannot_claim(aysel_transfer):
    assert_refused(
        lambda: application_claim(application=aysel_transfer, actor=user(AUDITOR)),
        "icazəniz yoxdur",
        aysel_transfer,
    )


def test_claim_of_an_application_someone_took_names_who_has_it(aysel_transfer):
    claimed(aysel_transfer, SUPERVISOR)

    assert_refused(
        lambda: application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI)),
        "Günay İsmayılova götürüb",
        aysel_transfer,
    )


def test_claim_twice_by_the_same_reviewer_is_refused(aysel_transfer):
    claimed(aysel_transfer)

    assert_refused(lambda: claimed(aysel_transfer), "“Baxılır”", aysel_transfer)


# --- request information and resubmission -------------------------------------------------


def test_request_info_waits_for_the_citizen_with_the_message_recorded(aysel_transfer):
    claimed(aysel_transfer)

    application = application_request_info(
        application=aysel_transfer, actor=user(OPERATOR_BAKI), message="  Çıxarışın surətini əlavə edin.  "
    )

    assert application.status == Status.INFO_REQUESTED
    assert last_event(application).note == "Çıxarışın surətini əlavə edin."
    assert sms_templates(application)[-1] == "info_requested"
    sms = Notification.objects.get(application=application, template="info_requested").body
    assert f"/my/{application.number}/" in sms


def test_request_info_needs_a_message(aysel_transfer):
    claimed(aysel_transfer)

    assert_refused(
        lambda: application_request_info(application=aysel_transfer, actor=user(OPERATOR_BAKI), message=" "),
        "yazın",
        aysel_transfer,
    )


def test_only_the_assigned_reviewer_may_request_info(aysel_transfer):
    claimed(aysel_transfer)

    assert_refused(
        lambda: application_request_info(application=aysel_transfer, actor=user(SUPERVISOR), message="?"),
        "Nərmin Rzayeva",
        aysel_transfer,
    )


def test_request_info_before_claim_is_refused(aysel_transfer):
    assert_refused(
        lambda: application_request_info(application=aysel_transfer, actor=user(OPERATOR_BAKI), message="?"),
        "“Göndərildi”",
        aysel_transfer,
    )


def test_citizen_resubmits_with_corrected_contacts_back_to_the_same_reviewer(aysel_transfer):
    claimed(aysel_transfer)
    application_request_info(
        application=aysel_transfer, actor=user(OPERATOR_BAKI), message="Nömrəni yoxlayın"
    )

    application = application_resubmit(
        application=aysel_transfer,
        applicant=citizen_user("2AB3C4D"),
        note="Nömrəni düzəltdim",
        corrections={"mobile_phone": "+994551112233"},
    )

    assert application.status == Status.IN_REVIEW
    assert application.assigned_to == user(OPERATOR_BAKI)
    assert application.mobile_phone == "+994551112233"
    assert last_event(application).note == "Nömrəni düzəltdim"
    resubmitted = Notification.objects.get(application=application, template="resubmitted")
    assert resubmitted.recipient == "+994551112233"


def test_only_the_applicant_may_resubmit(aysel_transfer):
    claimed(aysel_transfer)
    application_request_info(application=aysel_transfer, actor=user(OPERATOR_BAKI), message="?")

    assert_refused(
        lambda: application_resubmit(application=aysel_transfer, applicant=user(OPERATOR_BAKI)),
        "yalnız müraciətçi",
        aysel_transfer,
    )


def test_resubmit_without_a_request_is_refused(aysel_transfer):
    assert_refused(
        lambda: application_resubmit(application=aysel_transfer, applicant=citizen_user("2AB3C4D")),
        "“Göndərildi”",
        aysel_transfer,
    )


# --- reject ------------------------------------------------------------------------------


def test_reject_records_the_reason_and_tells_the_citizen_why(aysel_transfer):
    claimed(aysel_transfer)

    application = application_reject(
        application=aysel_transfer, actor=user(OPERATOR_BAKI), reason="duplicate", note="AZI-… ilə eynidir"
    )

    assert application.status == Status.REJECTED
    assert application.decision_reason == "duplicate"
    assert application.decided_at is not None
    assert last_event(application).note == "Təkrar müraciət: AZI-… ilə eynidir"
    sms = Notification.objects.get(application=application, template="rejected")
    assert "Təkrar müraciət" in sms.body


def test_reject_with_other_reason_needs_a_text(aysel_transfer):
    claimed(aysel_transfer)

    assert_refused(
        lambda: application_reject(application=aysel_transfer, actor=user(OPERATOR_BAKI), reason="other"),
        "səbəbi yazın",
        aysel_transfer,
    )


def test_reject_with_an_unknown_reason_is_refused(aysel_transfer):
    claimed(aysel_transfer)

    assert_refused(
        lambda: application_reject(application=aysel_transfer, actor=user(OPERATOR_BAKI), reason="mood"),
        "səbəbini seçin",
        aysel_transfer,
    )


def test_reject_by_someone_not_assigned_is_refused(aysel_transfer):
    claimed(aysel_transfer)

    assert_refused(
        lambda: application_reject(application=aysel_transfer, actor=user(SUPERVISOR), reason="debt"),
        "Nərmin Rzayeva",
        aysel_transfer,
    )


def test_a_decided_application_cannot_be_decided_again(aysel_transfer):
    claimed(aysel_transfer)
    application_reject(application=aysel_transfer, actor=user(OPERATOR_BAKI), reason="debt")

    assert_refused(
        lambda: application_approve(application=aysel_transfer, actor=user(OPERATOR_BAKI)),
        "“İmtina edildi”",
        aysel_transfer,
    )


# --- reassign ----------------------------------------------------------------------------


def test_supervisor_reassigns_and_the_new_reviewer_decides(aysel_transfer):
    claimed(aysel_transfer)

    application = application_reassign(
        application=aysel_transfer, actor=user(SUPERVISOR), assignee=user(SUPERVISOR), note="məzuniyyət"
    )

    assert application.assigned_to == user(SUPERVISOR)
    event = last_event(application)
    assert (event.from_status, event.to_status) == (Status.IN_REVIEW, Status.IN_REVIEW)
    assert event.note == "Nərmin Rzayeva → Günay İsmayılova. məzuniyyət"
    assert sms_templates(application) == ["receipt", "review_started"]  # nothing new for the citizen
    application_reject(application=application, actor=user(SUPERVISOR), reason="debt")
    assert refreshed(application).status == Status.REJECTED


def test_operator_cannot_reassign(aysel_transfer):
    claimed(aysel_transfer)

    assert_refused(
        lambda: application_reassign(
            application=aysel_transfer, actor=user(OPERATOR_BAKI), assignee=user(SUPERVISOR)
        ),
        "icazəniz yoxdur",
        aysel_transfer,
    )


def test_reassign_to_an_operator_of_another_office_is_refused(aysel_transfer):
    assert_refused(
        lambda: application_reassign(
            application=aysel_transfer, actor=user(SUPERVISOR), assignee=user(OPERATOR_SUMQAYIT)
        ),
        "bu ofisin müraciətlərinə baxa bilməz",
        aysel_transfer,
    )


def test_reassign_to_the_auditor_is_refused(aysel_transfer):
    assert_refused(
        lambda: application_reassign(
            application=aysel_transfer, actor=user(SUPERVISOR), assignee=user(AUDITOR)
        ),
        "baxa bilməz",
        aysel_transfer,
    )


def test_reassign_of_a_decided_application_is_refused(aysel_transfer):
    claimed(aysel_transfer)
    application_reject(application=aysel_transfer, actor=user(OPERATOR_BAKI), reason="debt")

    assert_refused(
        lambda: application_reassign(
            application=aysel_transfer, actor=user(SUPERVISOR), assignee=user(SUPERVISOR)
        ),
        "“İmtina edildi”",
        aysel_transfer,
    )


def test_assigned_but_unclaimed_application_is_claimed_by_its_assignee_only(aysel_transfer):
    application_reassign(application=aysel_transfer, actor=user(SUPERVISOR), assignee=user(OPERATOR_BAKI))

    assert_refused(lambda: claimed(aysel_transfer, SUPERVISOR), "Nərmin Rzayeva götürüb", aysel_transfer)
    assert claimed(aysel_transfer).status == Status.IN_REVIEW
