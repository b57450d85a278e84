"""What the citizen is told about their application: SMS in the language they applied in."""

from notifications.models import Notification
from notifications.services import notification_queue


def application_notify(*, application, template: str, context: dict | None = None) -> Notification:
    """Queue an SMS about `application` to its mobile number, in the application's language, from
    templates/notifications/sms/<template>.txt. Call inside the transaction of the change it tells."""
    return notification_queue(
        channel=Notification.Channel.SMS,
        recipient=application.mobile_phone,
        template=template,
        language=application.language,
        context={"application": application, **(context or {})},
        application=application,
    )
