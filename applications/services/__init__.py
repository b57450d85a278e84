"""The write path for applications (STYLE.md: services are the only write path).

`submission` sends applications, `correction` corrects them when the office asked; `review` holds
the guarded workflow steps (the rules are applications/workflow.py); `messages` tells the citizen;
`retention` deletes drafts nobody finished and the personal data of applications decided long ago.
"""

from applications.services.correction import application_correct, application_correction_start
from applications.services.messages import application_notify
from applications.services.retention import (
    application_personal_data_remove,
    applications_personal_data_remove_expired,
    drafts_purge_stale,
)
from applications.services.review import (
    TransitionRefused,
    application_access_record,
    application_approve,
    application_billing_retry,
    application_carry_out,
    application_claim,
    application_client_access_record,
    application_co_owner_answer,
    application_reassign,
    application_reject,
    application_request_info,
    application_resubmit,
    application_withdraw,
)
from applications.services.submission import application_submit

__all__ = [
    "TransitionRefused",
    "application_access_record",
    "application_approve",
    "application_billing_retry",
    "application_carry_out",
    "application_co_owner_answer",
    "application_claim",
    "application_client_access_record",
    "application_correct",
    "application_correction_start",
    "application_notify",
    "application_personal_data_remove",
    "application_reassign",
    "application_reject",
    "application_request_info",
    "application_resubmit",
    "application_submit",
    "application_withdraw",
    "applications_personal_data_remove_expired",
    "drafts_purge_stale",
]
