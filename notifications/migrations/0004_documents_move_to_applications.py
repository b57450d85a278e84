"""The document bundle and its documents now belong to the applications app: only Django's idea of
which app owns them changes here (their tables, rows and constraints stay as they are)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_worker_heartbeat"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Document"),
                migrations.DeleteModel(name="DocumentBundle"),
            ],
            database_operations=[],
        ),
    ]
