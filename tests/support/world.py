"""What every test may need: the reference data migrations seed, and the one-time codes the
in-memory SMS gateway received."""

import re
from importlib import import_module

from integrations.sms.fake import InMemorySmsGateway


def last_code_sent_to(phone: str) -> str:
    """The one-time code in the newest SMS to `phone` (E.164)."""
    for message in reversed(InMemorySmsGateway.outbox):
        if message.to == phone and (match := re.search(r"\b\d{6}\b", message.body)):
            return match.group(0)
    raise AssertionError(f"no one-time code was sent to {phone}")


def reference_data_ensure() -> None:
    """Districts, offices and staff roles, which migrations seed, back after a transactional
    test's flush emptied every table (restoring a serialized copy instead clashes with the
    content types Django re-creates after such a flush)."""
    from django.apps import apps

    from applications.models import DocumentKind
    from backoffice.roles import roles_sync
    from subscribers.models import District

    if not District.objects.exists():
        import_module("subscribers.migrations.0002_districts_and_offices").seed(apps, None)
    if not DocumentKind.objects.exists():
        import_module("applications.migrations.0014_document_kinds").kinds_create(apps, None)
    roles_sync()
