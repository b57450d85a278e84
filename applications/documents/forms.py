"""The public verification page's form: a copy of a document to check against the one issued."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class DocumentCopyForm(forms.Form):
    copy = forms.FileField(
        label=_("Əlinizdəki sənədin PDF faylı"),
        help_text=_("Sənəd bu səhifədə yoxlanılır və saxlanılmır."),
        error_messages={"required": _("PDF faylını seçin"), "empty": _("Seçdiyiniz fayl boşdur")},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_copy(self) -> bytes:
        """The copy's bytes, refused past DOCUMENT_VERIFY_UPLOAD_MAX_BYTES."""
        upload = self.cleaned_data["copy"]
        limit = settings.DOCUMENT_VERIFY_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Fayl çox böyükdür: ən çox %(limit)s ola bilər"), params={"limit": filesizeformat(limit)}
            )
        return upload.read()
