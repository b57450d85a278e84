"""Checking a file a citizen hands in: its size, a virus scan (ClamAV), its type as its content
says (filetype), and, for a photo, the image re-encoded without its metadata (Pillow)."""

import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from integrations.antivirus.base import AntivirusUnavailable, get_antivirus

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
ALLOWED_TYPES = (PDF, JPEG, PNG)
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG"}


class UploadRefused(Exception):
    """The file is not taken; the message (in the active language) says why, at its field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str


def upload_checked(uploaded) -> CheckedFile:
    """The file as it will be stored, or UploadRefused: over UPLOAD_MAX_BYTES, infected, the
    scanner not answering, not a PDF, JPEG or PNG by its content, or a damaged image."""
    if uploaded.size > settings.UPLOAD_MAX_BYTES:
        raise UploadRefused(
            _("Fayl çox böyükdür (%(size)s): ən çox %(limit)s ola bilər.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    content = b"".join(uploaded.chunks())
    _scan(content)
    # The type is what the bytes say, never the name or the browser's Content-Type.
    found = filetype.guess(content)
    content_type = found.mime if found is not None else ""
    if content_type not in ALLOWED_TYPES:
        raise UploadRefused(_("Yalnız PDF, JPEG və ya PNG faylı yükləyin."))
    if content_type in PILLOW_FORMATS:
        content = _image_without_metadata(content, PILLOW_FORMATS[content_type])
    return CheckedFile(content=content, content_type=content_type)


def _scan(content: bytes) -> None:
    try:
        verdict = get_antivirus().scan(content)
    except AntivirusUnavailable as error:
        raise UploadRefused(
            _("Faylı indi virusa yoxlaya bilmirik. Bir az sonra yenidən yükləyin.")
        ) from error
    if not verdict.clean:
        raise UploadRefused(_("Faylda virus aşkarlandı: bu fayl qəbul edilmir."))


def _image_without_metadata(content: bytes, image_format: str) -> bytes:
    """Decode and encode again: EXIF (place, camera, time), comments and profiles stay behind;
    the EXIF orientation is applied first, so the photo stays the right way up."""
    try:
        with Image.open(io.BytesIO(content)) as opened:
            image = ImageOps.exif_transpose(opened)
            if image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA" if image_format == "PNG" else "RGB")
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            # Only the pixels go into a new image: nothing of the original's `info` comes along.
            pixels = Image.new(image.mode, image.size)
            pixels.paste(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
        raise UploadRefused(_("Şəkil zədələnib və ya açılmır: başqa fayl yükləyin.")) from error
    encoded = io.BytesIO()
    pixels.save(encoded, format=image_format, **({"quality": 90} if image_format == "JPEG" else {}))
    return encoded.getvalue()
