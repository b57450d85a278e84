"""The write path of a handover: recorded with the transfer it belongs to, the outgoing holder and
the co-owners told, the outgoing holder's answer, and their final bill once billing has settled it."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.handover.links import co_owner_url, previous_holder_url
from applications.handover.models import PREVIOUS_HOLDER_LANGUAGE, CoOwnerConsent, Handover
from applications.handover.rules import CoOwner, HandoverCheck
from applications.models import ApplicationEvent
from applications.refusals import ApplicationRefused
from integrations.billing.wire import to_json
from notifications.models import Notification
from notifications.services import notification_queue
from subscribers.models import Account

logger = logging.getLogger(__name__)


class HandoverAnswered(ApplicationRefused):
    """The outgoing holder (or a co-owner) has answered already, or can no longer answer."""


def handover_open(*, application, check: HandoverCheck, account: Account) -> Handover:
    """Record a transfer's handover as the rules accepted it, ask each co-owner, and tell the
    outgoing holder (SMS, and e-mail when billing knows one). Call inside the submission's
    transaction."""
    handover = Handover.objects.create(
        application=application,
        handover_date=check.handover_date,
        reading_kwh=check.reading_kwh,
        reading_source=check.reading_source,
        meter_number=account.meter_number,
        meter_kind=account.meter_kind,
        last_billed_kwh=account.last_billed_kwh,
        last_billed_on=account.last_billed_on,
        previous_holder_fin=account.holder.fin,
        previous_holder_name=account.holder.full_name,
        previous_holder_phone=account.contact_phone,
        previous_holder_email=account.contact_email,
    )
    for owner in check.co_owners:
        _co_owner_ask(application, owner)
    url = previous_holder_url(handover)
    if handover.previous_holder_phone:
        _tell(application, "previous_holder_asked", to=handover.previous_holder_phone, url=url)
    if handover.previous_holder_email:
        _tell(application, "previous_holder_asked", to=handover.previous_holder_email, url=url, email=True)
    return handover


def handover_revise(*, application, check: HandoverCheck | None, account: Account) -> None:
    """A corrected application's handover: recorded as corrected; if the day or the reading
    changed, the outgoing holder is asked again (their answer was about the old ones, unless it
    was an objection, which stands); owners not asked before are asked. None: no longer a
    transfer. Call inside the correction's transaction."""
    existing = Handover.objects.select_for_update().filter(application=application).first()
    if check is None or existing is None:
        if existing is not None:
            existing.delete()
            application.co_owner_consents.all().delete()
        if check is not None:
            handover_open(application=application, check=check, account=account)
        return
    changed = (existing.handover_date, existing.reading_kwh) != (check.handover_date, check.reading_kwh)
    existing.handover_date, existing.reading_kwh = check.handover_date, check.reading_kwh
    existing.reading_source = check.reading_source
    if changed and existing.answer == Handover.Answer.CONFIRMED:
        existing.answer, existing.answered_at = Handover.Answer.PENDING, None
    existing.save()
    if changed and existing.answer == Handover.Answer.PENDING and existing.previous_holder_phone:
        _tell(
            application,
            "previous_holder_asked",
            to=existing.previous_holder_phone,
            url=previous_holder_url(existing),
        )
    asked = set(application.co_owner_consents.values_list("owner_fin", flat=True))
    for owner in check.co_owners:
        if owner.fin not in asked:
            _co_owner_ask(application, owner)


def previous_holder_answer(*, handover: Handover, confirmed: bool, objection: str = "") -> Handover:
    """The outgoing holder confirms the handover (the day and the reading) or objects, with a
    reason. An objection does not refuse the transfer (the registry's ownership decides): it
    puts the case first for the office and in the citizen's timeline. Answered once; raises
    HandoverAnswered after that, or once the application is decided."""
    objection = objection.strip()
    if not confirmed and not objection:
        raise ApplicationRefused(_("Etirazınızın səbəbini yazın."), field="objection")
    with transaction.atomic():
        locked = Handover.objects.select_for_update().select_related("application").get(pk=handover.pk)
        application = locked.application
        if locked.answer != Handover.Answer.PENDING or not application.is_open:
            raise HandoverAnswered(_("Bu müraciətə cavab artıq verilib və ya müraciət bağlanıb."))
        locked.answer = Handover.Answer.CONFIRMED if confirmed else Handover.Answer.OBJECTED
        locked.objection, locked.answered_at = objection, timezone.now()
        locked.save(update_fields=["answer", "objection", "answered_at"])
        if not confirmed:
            application.previous_holder_objected = True
            application.save(update_fields=["previous_holder_objected", "updated_at"])
            ApplicationEvent.objects.create(
                application=application,
                from_status=application.status,
                to_status=application.status,
                # The reason is for the office (on the handover); the citizen sees that there is one.
                note=_("Əvvəlki sahib etiraz etdi"),
            )
    logger.info("application %s: the previous holder %s", application.number, locked.answer)
    return locked


def previous_holder_settle(*, application, final_bill) -> Handover:
    """Keep the outgoing holder's final bill billing settled (integrations.billing.base.FinalBill)
    and send them the link to it. Call inside the transaction that records billing's answer."""
    handover = Handover.objects.select_for_update().get(application=application)
    handover.final_bill = to_json(final_bill)
    handover.save(update_fields=["final_bill"])
    url = previous_holder_url(handover)
    if handover.previous_holder_phone:
        _tell(application, "previous_holder_settled", to=handover.previous_holder_phone, url=url)
    if handover.previous_holder_email:
        _tell(application, "previous_holder_settled", to=handover.previous_holder_email, url=url, email=True)
    return handover


def _co_owner_ask(application, owner: CoOwner) -> CoOwnerConsent:
    consent = CoOwnerConsent.objects.create(
        application=application, owner_fin=owner.fin, owner_name=owner.name, mobile_phone=owner.mobile_phone
    )
    _tell(application, "co_owner_asked", to=consent.mobile_phone, url=co_owner_url(consent), co_owner=True)
    return consent


def _tell(application, template: str, *, to: str, url: str, email: bool = False, co_owner: bool = False):
    Addressee = Notification.Addressee
    notification_queue(
        channel=Notification.Channel.EMAIL if email else Notification.Channel.SMS,
        recipient=to,
        template=template,
        language=PREVIOUS_HOLDER_LANGUAGE,
        context={
            "application": application,
            "url": url,
        },
        application=application,
        addressee=Addressee.CO_OWNER if co_owner else Addressee.PREVIOUS_HOLDER,
    )
