from django.urls import path, register_converter

from applications.documents import views
from applications.documents.models import Document


class DocumentSlugConverter:
    """A document of a bundle in a URL: its kind, with "-final" for the one issued after approval."""

    regex = f"(?:{'|'.join(Document.Kind.values)})(?:{views.FINAL_SUFFIX})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DocumentSlugConverter, "document")

app_name = "documents"

urlpatterns = [
    path("<str:token>/", views.bundle_detail, name="bundle"),
    path("<str:token>/<document:slug>.pdf", views.document_pdf, name="pdf"),
    path("<str:token>/<document:slug>/", views.document_html, name="html"),
]
