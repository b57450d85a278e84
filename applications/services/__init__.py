"""The write path for applications (STYLE.md: services are the only write path).

`submission` sends and corrects applications; `review` holds the guarded workflow steps;
`retention` deletes drafts nobody finished.
"""

from applications.services.correction import application_correct, application_correction_start
from applications.services.retention import drafts_purge_stale
from applications.services.review import (
    TRANSITIONS,
    TransitionRefused,
    allowed_actions,
    application_access_record,
    application_approve,
    application_claim,
    application_reassign,
    application_reject,
    application_request_info,
    application_resubmit,
    application_withdraw,
    contract_number_for,
    staff_name,
    status_page_url,
    transition_refusal,
)
from applications.services.submission import application_submit

__all__ = [
    "TRANSITIONS",
    "TransitionRefused",
    "allowed_actions",
    "application_access_record",
    "application_approve",
    "application_claim",
    "application_reassign",
    "application_reject",
    "application_request_info",
    "application_correct",
    "application_correction_start",
    "application_resubmit",
    "application_withdraw",
    "application_submit",
    "contract_number_for",
    "drafts_purge_stale",
    "staff_name",
    "status_page_url",
    "transition_refusal",
]
