# The status link's key (applications/links.py): added empty, given to every application already
# sent, then made unique and required.

import secrets

from django.db import migrations, models

import applications.models


def keys_give(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    for application in Application.objects.filter(status_link_key__isnull=True).only("pk").iterator():
        Application.objects.filter(pk=application.pk).update(status_link_key=secrets.token_urlsafe(9))


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_egov_api_and_events"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="status_link_key",
            field=models.CharField(editable=False, max_length=12, null=True),
        ),
        migrations.RunPython(keys_give, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="application",
            name="status_link_key",
            field=models.CharField(
                default=applications.models.status_link_key_new, editable=False, max_length=12, unique=True
            ),
        ),
    ]
