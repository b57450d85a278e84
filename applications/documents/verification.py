"""Whether a document is one "Azərişıq" issued: the stored file still has the hash recorded at
issue and carries a valid seal; a copy someone holds is the same file, byte for byte."""

import hashlib
import logging

from applications.documents.models import Document
from applications.documents.seal import seal_is_valid

logger = logging.getLogger(__name__)


def _is_the_issued_file(document: Document, pdf: bytes) -> bool:
    return bool(document.sha256) and hashlib.sha256(pdf).hexdigest() == document.sha256 and seal_is_valid(pdf)


def document_is_intact(*, document: Document) -> bool:
    """The stored file is the one issued (same SHA-256) and its seal is valid. False (and logged
    for the staff) when it is not: storage was tampered with, or the document predates sealing."""
    with document.file.open("rb") as stored:
        intact = _is_the_issued_file(document, stored.read())
    if not intact:
        logger.error("documents: stored document %s fails its hash or seal check", document.pk)
    return intact


def copy_is_issued(*, document: Document, copy: bytes) -> bool:
    """`copy` is exactly the document issued under this code, with its valid seal."""
    return _is_the_issued_file(document, copy)
