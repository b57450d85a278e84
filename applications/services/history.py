"""An application's history: the one place a status change is recorded, and told to e-gov.az."""

from applications.egov.services import egov_events_queue
from applications.models import Application, ApplicationEvent


def application_event_record(
    *, application: Application, from_status: str, actor, note: str = "", citizen_visible: bool = True
) -> ApplicationEvent:
    """Record the step that took `application` from `from_status` to its status now; a change of
    status also queues its e-gov.az event. Call inside the change's transaction."""
    event = ApplicationEvent.objects.create(
        application=application,
        from_status=from_status,
        to_status=application.status,
        actor=actor,
        note=note,
        citizen_visible=citizen_visible,
    )
    if from_status != application.status:
        egov_events_queue(application=application, from_status=from_status, occurred_at=event.created_at)
    return event
