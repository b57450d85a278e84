from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.demo import DEMO_STAFF
from backoffice.two_factor import current_code


class Command(BaseCommand):
    help = "Print the current authenticator code of a demo staff user (development only)."

    def add_arguments(self, parser):
        parser.add_argument("username", choices=[demo.username for demo in DEMO_STAFF])

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("Demo codes are for development: refusing to run with DEBUG off.")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no authenticator: run `manage.py load_demo_data` first.")
        self.stdout.write(current_code(device))
