"""The re-layout moved the document models from notifications to applications with a state-only
migration pair: a database made by the old code keeps every document once migrated."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from applications.documents.models import Document, DocumentBundle

# The last migrations of the layout before the documents moved.
BEFORE_THE_MOVE = [
    ("subscribers", "0003_staff_office_and_history"),
    ("applications", "0004_correction_drafts"),
    ("notifications", "0003_worker_heartbeat"),
]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_documents_written_by_the_old_layout_are_there_after_migrating(aysel_transfer):
    bundle = DocumentBundle.objects.get(application=aysel_transfer)
    try:
        old = migrate(BEFORE_THE_MOVE).loader.project_state(BEFORE_THE_MOVE).apps
        OldBundle = old.get_model("notifications", "DocumentBundle")
        OldDocument = old.get_model("notifications", "Document")
        old_bundle = OldBundle.objects.get(pk=bundle.pk)
        written = OldDocument(bundle=old_bundle, kind="subscriber_card", language="az", is_final=False)
        written.file.save("old-layout.pdf", ContentFile(b"%PDF-1.7 from the old layout"), save=False)
        written.verification_code = "OLDLAYOUT1234567"
        written.save()
    finally:
        migrate(latest())

    moved = Document.objects.get(verification_code="OLDLAYOUT1234567")
    assert moved.bundle == bundle
    assert moved.bundle.application == aysel_transfer
    assert DocumentBundle.objects.filter(key=bundle.key).exists()
    assert Document._meta.db_table == "notifications_document"
