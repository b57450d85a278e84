"""The document bundle sent to a citizen after submission: the receipt, the draft household
contract (transfer) or updated subscriber card (rename), and the final one after approval.

`generation` decides and stores, `content` says what each document prints, `pdf` draws it,
`fonts` makes sure every letter can be drawn.
"""

from notifications.documents.generation import (
    bundle_entries,
    documents_expected,
    documents_generate,
    documents_sweep,
)

__all__ = ["bundle_entries", "documents_expected", "documents_generate", "documents_sweep"]
