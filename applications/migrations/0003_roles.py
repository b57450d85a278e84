"""The back office's roles as groups with exactly their permissions, and due dates for the
applications already open."""

from django.db import migrations
from django.utils import timezone

from backoffice.roles import ROLE_PERMISSIONS, roles_sync_in_migration
from applications.workdays import decision_due_date




def backfill_due_dates(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    pending = Application.objects.filter(
        due_date__isnull=True, status__in=["submitted", "in_review", "info_requested"]
    )
    for application in pending.iterator():
        application.due_date = decision_due_date(timezone.localdate(application.submitted_at))
        application.save(update_fields=["due_date"])


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_back_office"),
        ("subscribers", "0003_staff_office_and_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("axes", "0008_accessfailurelog"),
    ]
    operations = [
        migrations.RunPython(roles_sync_in_migration, remove_roles),
        migrations.RunPython(backfill_due_dates, migrations.RunPython.noop),
    ]
