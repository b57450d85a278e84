"""The write path for messages to citizens: queue them in the outbox, record what happened."""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from notifications.links import bundle_token
from notifications.models import DocumentBundle, Notification

logger = logging.getLogger(__name__)


def notification_queue(
    *,
    channel: str,
    recipient: str,
    template: str,
    language: str = "az",
    context: dict | None = None,
    application=None,
    sensitive: bool = False,
) -> Notification:
    """Write a message to the outbox and hand it to the queue once the transaction commits.

    Call it inside the transaction of the event that causes the message: the row and the
    event are stored together or not at all. The text is rendered now, in `language`, from
    templates/notifications/<channel>/<template>.txt (e-mail: the first line is the subject).
    `sensitive` texts (one-time codes) are blanked in the outbox once sent.
    """
    subject, body = _render(channel=channel, template=template, language=language, context=context or {})
    notification = Notification.objects.create(
        application=application,
        channel=channel,
        recipient=recipient,
        language=language,
        template=template,
        subject=subject,
        body=body,
        sensitive=sensitive,
    )
    transaction.on_commit(lambda: notification_enqueue(notification_id=notification.pk), robust=True)
    return notification


def application_notify(*, application, template: str, context: dict | None = None) -> Notification:
    """An SMS about `application` to its mobile number, in the language the citizen used."""
    return notification_queue(
        channel=Notification.Channel.SMS,
        recipient=application.mobile_phone,
        template=template,
        language=application.language,
        context={"application": application, **(context or {})},
        application=application,
    )


def notification_enqueue(*, notification_id: int, countdown: float | None = None) -> None:
    """Hand a row to the queue (the fast path). If the broker is down the row stays pending
    and the sweeper sends it later, so a failure here is logged, never raised."""
    from notifications.tasks import send_notification

    try:
        send_notification.apply_async((notification_id,), countdown=countdown)
    except Exception:  # the broker's errors vary by transport; the sweeper is the safety net
        logger.warning(
            "notification %s not enqueued; the sweeper will send it", notification_id, exc_info=True
        )


def _render(*, channel: str, template: str, language: str, context: dict) -> tuple[str, str]:
    with translation.override(language):
        text = render_to_string(f"notifications/{channel}/{template}.txt", context).strip()
    if channel == Notification.Channel.EMAIL:
        subject, _, body = text.partition("\n")
        return subject.strip(), body.strip()
    return "", " ".join(text.split())


def receipt_queue(*, application) -> Notification:
    """After submission: the document bundle to generate and the receipt SMS with its link.
    Call inside the submission's transaction."""
    bundle = DocumentBundle.objects.create(application=application)
    transaction.on_commit(lambda: _enqueue_documents(application.pk), robust=True)
    return application_notify(
        application=application, template="receipt", context={"bundle_url": bundle_url(bundle)}
    )


def bundle_url(bundle: DocumentBundle) -> str:
    """The public, signed, expiring address of a bundle (for SMS and e-mail)."""
    return f"{settings.PUBLIC_BASE_URL}{reverse('documents:bundle', args=[bundle_token(bundle.key)])}"


def _enqueue_documents(application_id: int) -> None:
    from notifications.tasks import generate_documents

    try:
        generate_documents.delay(application_id)
    except Exception:  # the sweeper regenerates missing bundles
        logger.warning("documents for application %s not enqueued", application_id, exc_info=True)
