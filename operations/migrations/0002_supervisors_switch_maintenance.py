"""Supervisors get the maintenance switch's permission (backoffice/roles.py)."""
from django.db import migrations

from backoffice.roles import roles_sync_in_migration




class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_initial"),
        ("backoffice", "0001_staff_access"),
        ("applications", "0008_drop_extra_mobile"),
    ]

    operations = [migrations.RunPython(roles_sync_in_migration, migrations.RunPython.noop)]
