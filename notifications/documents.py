"""The document bundle: PDF receipt, draft contract or subscriber card (being built)."""


def documents_generate(*, application_id: int) -> None:
    """Render the application's documents that do not exist yet (idempotent)."""
