from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from backoffice.two_factor import enrolment_code_issue, has_authenticator


class Command(BaseCommand):
    help = (
        "Issue a one-time code with which a staff member sets up an authenticator at their next "
        "sign-in (a new officer, or one whose device was removed). Give it to them in person."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        staff = get_user_model().objects.filter(username=username, is_staff=True, is_active=True).first()
        if staff is None:
            raise CommandError(f"No active staff member is called {username!r}.")
        if has_authenticator(staff):
            raise CommandError(f"{username} has an authenticator: remove it first to enrol a new one.")
        code = enrolment_code_issue(user=staff)
        minutes = settings.STAFF_ENROLMENT_CODE_MINUTES
        self.stdout.write(f"{code}\n(valid once, for {minutes} minutes)")
