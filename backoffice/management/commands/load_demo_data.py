from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backoffice.demo import DEMO_TOTP_SECRET
from backoffice.services import staff_demo_load
from subscribers.demo import demo_data_load


class Command(BaseCommand):
    help = "Load the demo subscribers, properties and accounts (development only; safe to re-run)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development: refusing to run with DEBUG off.")
        count = demo_data_load()
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {count} accounts."))
        self.stdout.write("Sign in with FİN 2AB3C4D, 3CD4E5F, 4EF5G6H or 5GH6J7K (see README).")
        staff = staff_demo_load()
        self.stdout.write(self.style.SUCCESS(f"Demo staff loaded: {staff} users."))
        self.stdout.write(
            "Back office at /admin/: operator.baki, operator.sumqayit, supervisor, auditor (see README)."
        )
        self.stdout.write(
            f"Their authenticator secret is {DEMO_TOTP_SECRET}; or print the current code with "
            "`.venv/bin/python manage.py demo_totp operator.baki`."
        )
