import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from applications.answers import Answers, HandoverAnswers
from applications.eligibility import ApplicationRefused
from applications.services import application_submit
from subscribers.models import District

# What Aysel (transfer of Rauf's flat) and Leyla (rename) would send through the wizard.
DEMO_APPLICATIONS = (
    ("2AB3C4D", "transfer", "100100200300401", "baki-nesimi", "608011001798", "1725022423", "+994501234567"),
    ("4EF5G6H", "rename", "300300400500603", "sumqayit-city", "701122003344", "1509876543", "+994557654321"),
)
# Aysel took the flat over the day the registry made her its owner, and read Rauf's meter.
HANDOVERS = {
    "2AB3C4D": HandoverAnswers(handover_date=datetime.date(2026, 11, 20), reading_kwh=Decimal("18463.1")),
}


class Command(BaseCommand):
    help = (
        "Send the demo citizens' applications (Aysel's transfer, Leyla's rename) as the wizard would, "
        "to try the back office without the wizard (development only; safe to re-run)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development: refusing to run with DEBUG off.")
        for fin, kind, code, district, registry_number, registration_number, phone in DEMO_APPLICATIONS:
            citizen, _ = get_user_model().objects.get_or_create(
                fin=fin, defaults={"username": f"citizen-{fin}"}
            )
            try:
                application = application_submit(
                    applicant=citizen,
                    # One fixed key per demo citizen: re-running finds the same application.
                    submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"azerishiq-demo:{fin}"),
                    answers=Answers(
                        kind=kind,
                        subscriber_code=code,
                        property_kind="apartment",
                        district=District.objects.get(code=district),
                        registry_number=registry_number,
                        registration_number=registration_number,
                        mobile_phone=phone,
                        handover=HANDOVERS.get(fin),
                    ),
                )
            except ApplicationRefused as refusal:
                self.stdout.write(f"{fin}: {refusal.message}")
                continue
            self.stdout.write(
                f"{application.number}: {application.get_kind_display()} ({application.get_status_display()})"
            )
