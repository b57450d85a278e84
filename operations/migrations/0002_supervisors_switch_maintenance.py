"""Supervisors get the maintenance switch's permission (backoffice/roles.py)."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

from backoffice.roles import roles_sync


def sync_roles(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); the groups need
    # them now, so create them first (idempotent).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_initial"),
        ("backoffice", "0001_staff_access"),
        ("applications", "0008_drop_extra_mobile"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
