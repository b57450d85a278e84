from django.core.management.base import BaseCommand

from backoffice.roles import ROLE_PERMISSIONS, roles_sync


class Command(BaseCommand):
    help = "Create the back-office role groups and give each exactly its permissions (safe to re-run)."

    def handle(self, *args, **options):
        roles_sync()
        self.stdout.write(self.style.SUCCESS(f"Roles synced: {', '.join(ROLE_PERMISSIONS)}."))
