"""The document bundle and its documents, moved here from the notifications app with their tables
(notifications_documentbundle, notifications_document): a change of owner in Django's state only."""

import django.db.models.deletion
from django.db import migrations, models

import applications.documents.models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_correction_drafts"),
        ("notifications", "0004_documents_move_to_applications"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DocumentBundle",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "key",
                            models.CharField(
                                default=applications.documents.models._random_key,
                                editable=False,
                                max_length=16,
                                unique=True,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "application",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="document_bundle",
                                to="applications.application",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "sənəd toplusu",
                        "verbose_name_plural": "sənəd toplusu",
                        "db_table": "notifications_documentbundle",
                    },
                ),
                migrations.CreateModel(
                    name="Document",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("receipt", "Müraciət qəbzi"),
                                    ("contract", "Elektrik enerjisinin alqı-satqısı müqaviləsi (layihə)"),
                                    ("subscriber_card", "Abonent kartı"),
                                ],
                                max_length=20,
                                verbose_name="növ",
                            ),
                        ),
                        ("language", models.CharField(default="az", max_length=8, verbose_name="dil")),
                        ("file", models.FileField(upload_to="documents/%Y/%m/", verbose_name="fayl")),
                        (
                            "verification_code",
                            models.CharField(
                                default=applications.documents.models._random_key,
                                editable=False,
                                max_length=16,
                                unique=True,
                            ),
                        ),
                        ("is_final", models.BooleanField(default=False, verbose_name="yekun sənəd")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "bundle",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="documents",
                                to="applications.documentbundle",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "sənəd",
                        "verbose_name_plural": "sənədlər",
                        "db_table": "notifications_document",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("bundle", "kind", "is_final"), name="one_document_per_kind"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
