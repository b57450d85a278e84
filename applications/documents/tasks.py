"""Rendering the documents, on the `documents` queue (CPU-bound: kept away from the SMS)."""

from celery import shared_task

from applications.documents.generation import documents_generate, documents_sweep


@shared_task(ignore_result=True)
def documents_generate_task(application_id: int) -> None:
    """Render the application's missing documents (idempotent: existing documents are kept)."""
    documents_generate(application_id=application_id)


@shared_task(ignore_result=True)
def documents_sweep_task() -> int:
    """Re-enqueue generation for bundles left without a document (lost task, failed render)."""
    return documents_sweep()
